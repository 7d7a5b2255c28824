package io.usso.keycloak.webhooks.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential from {@code base} (doubling per attempt) up to {@code cap}, with
 * "full jitter" on the upper half (a delay between half and all of the exponential value), so that many receivers
 * coming back at once are not hit by one wave. A {@code Retry-After} the receiver sent wins when it is later (still
 * capped).
 *
 * @param base delay after the first failed attempt
 * @param cap longest delay
 */
public record Backoff(Duration base, Duration cap) {

    /** The defaults: 1 s, doubling, at most 1 h. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofHours(1));

    /** Checks the bounds. */
    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap");
        }
    }

    /**
     * @param failedAttempts attempts made so far (1 after the first failure)
     * @param retryAfter what the receiver asked for, or null
     * @param random a value in [0, 1) (tests pass fixed values)
     * @return the delay until the next attempt
     */
    public Duration delay(int failedAttempts, Duration retryAfter, DoubleSupplier random) {
        int exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
        long exponential = Math.min(cap.toMillis(), base.toMillis() << exponent);
        long jittered = exponential / 2 + (long) (random.getAsDouble() * (exponential - exponential / 2));
        long delay = Math.max(jittered, base.toMillis());
        if (retryAfter != null && !retryAfter.isNegative()) {
            delay = Math.max(delay, retryAfter.toMillis());
        }
        return Duration.ofMillis(Math.min(delay, cap.toMillis()));
    }
}
