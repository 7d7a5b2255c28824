package io.usso.keycloak.otp;

import java.util.Optional;

/**
 * Checks a typed code against the stored state: the expected length (else {@link OtpVerdict#MALFORMED}, not
 * counted), expiry (not counted), then one atomic attempt claim, then a constant-time comparison. Updates the store:
 * cleared after success (a code works once), attempt count mirrored after a wrong code.
 */
public final class OtpCodeCheck {

    /** Seconds claims outlive the code. */
    public static final long CLAIM_GRACE_SECONDS = 60;

    private final OtpHasher hasher;
    private final AttemptCounter attempts;

    /**
     * @param hasher the hasher
     * @param attempts the atomic attempt counter
     */
    public OtpCodeCheck(OtpHasher hasher, AttemptCounter attempts) {
        this.hasher = hasher;
        this.attempts = attempts;
    }

    /**
     * The result of a check.
     *
     * @param verdict what happened
     * @param state the state as it was (empty when {@link OtpVerdict#MISSING})
     * @param attemptsLeft attempts left after this one
     */
    public record Result(OtpVerdict verdict, Optional<OtpState> state, int attemptsLeft) {
    }

    /**
     * @param store where the state lives
     * @param purposeKey what the code was issued for (hash binding), e.g. {@code email:login}
     * @param rawCode what was typed
     * @param config the tenant's settings
     * @param now epoch seconds
     * @return the verdict
     */
    public Result check(OtpStore store, String purposeKey, String rawCode, OtpConfig config, long now) {
        Optional<OtpState> stored = store.read();
        if (stored.isEmpty()) {
            return new Result(OtpVerdict.MISSING, stored, 0);
        }
        OtpState state = stored.get();
        int max = config.maxAttempts();
        Optional<String> code = OtpInput.normalise(rawCode, config.length());
        if (code.isEmpty()) {
            return new Result(OtpVerdict.MALFORMED, stored, state.attemptsLeft(max));
        }
        if (state.locked(max)) {
            return new Result(OtpVerdict.LOCKED, stored, 0);
        }
        if (state.expired(now)) {
            return new Result(OtpVerdict.EXPIRED, stored, state.attemptsLeft(max));
        }
        long lifespan = state.expiresAt() - now + CLAIM_GRACE_SECONDS;
        int slot = attempts.claim(state.salt(), max, lifespan);
        if (slot < 0) {
            store.write(state.withAttempts(max));
            return new Result(OtpVerdict.LOCKED, stored, 0);
        }
        if (hasher.matches(purposeKey, code.get(), state.salt(), state.hash())) {
            if (!attempts.markUsed(state.salt(), lifespan)) {
                return new Result(OtpVerdict.MISSING, Optional.empty(), 0);
            }
            store.clear();
            return new Result(OtpVerdict.ACCEPTED, stored, max - slot - 1);
        }
        int used = slot + 1;
        store.write(state.withAttempts(used));
        return new Result(used >= max ? OtpVerdict.LOCKED : OtpVerdict.REJECTED, stored, Math.max(0, max - used));
    }
}
