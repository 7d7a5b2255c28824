package io.usso.keycloak.otp;

import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/** What a refused code shows under the code field, and the event it records. */
public final class OtpRejection {

    private OtpRejection() {
    }

    /**
     * @param result a check that did not accept the code
     * @return the error for the code field
     */
    public static FormMessage message(OtpCodeCheck.Result result) {
        return switch (result.verdict()) {
            case MALFORMED -> new FormMessage(OtpPages.FIELD_CODE, "ussoOtpInvalid");
            case EXPIRED -> new FormMessage(OtpPages.FIELD_CODE, "ussoOtpExpired");
            case LOCKED -> new FormMessage(OtpPages.FIELD_CODE, "ussoOtpTooManyAttempts");
            default -> new FormMessage(OtpPages.FIELD_CODE, "ussoOtpInvalidLeft", result.attemptsLeft());
        };
    }

    /**
     * Records the refusal ({@code OTP_REJECTED}); input that is not a code at all is not recorded.
     *
     * @param events the emitter
     * @param type {@code LOGIN} or {@code UPDATE_PROFILE} (sent as _ERROR)
     * @param user the user, null for a decoy
     * @param result the check
     */
    public static void record(OtpEvents events, EventType type, UserModel user, OtpCodeCheck.Result result) {
        switch (result.verdict()) {
            case MALFORMED, ACCEPTED, MISSING -> {
            }
            case EXPIRED -> events.rejected(type, user, Errors.EXPIRED_CODE, "expired", -1);
            case LOCKED -> events.rejected(type, user, Errors.INVALID_USER_CREDENTIALS, "too_many_attempts", 0);
            default -> events.rejected(type, user, Errors.INVALID_USER_CREDENTIALS, "invalid_code",
                    result.attemptsLeft());
        }
    }

    /**
     * @param result a check
     * @return whether it used up an attempt (wrong code, or a code after the limit): counts for brute force
     */
    public static boolean counted(OtpCodeCheck.Result result) {
        return result.verdict() == OtpVerdict.REJECTED || result.verdict() == OtpVerdict.LOCKED;
    }
}
