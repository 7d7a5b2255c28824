package io.usso.keycloak.otp;

/** The outcome of checking a presented code against the stored state. */
public enum OtpVerdict {
    /** The code is right, in time, within the attempt limit. */
    ACCEPTED,
    /** The code is wrong; attempts are left. */
    REJECTED,
    /** No attempts are left (this one was the last wrong one, or the limit was reached before): a new code is needed. */
    LOCKED,
    /** The code expired: a new code is needed. */
    EXPIRED,
    /** The input is not a code of the expected length: nothing is counted. */
    MALFORMED,
    /** No code was issued in this authentication session (or it was already used). */
    MISSING
}
