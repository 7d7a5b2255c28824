package io.usso.keycloak.webhooks.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * What one attempt's result means for its delivery, as Standard Webhooks says: 2xx delivered; 410 Gone disables the
 * subscription; any other answer (3xx included: redirects are never followed), a timeout or a broken connection is
 * retried with {@link Backoff} until the delivery is older than the maximum age, then it is dead-lettered. A refusal
 * of the outbound guard (address not allowed) is not retried.
 *
 * @param outcome what happens
 * @param nextAttemptAt for {@link Outcome#RETRY}: epoch milliseconds of the next attempt, else 0
 */
public record DeliveryDecision(Outcome outcome, long nextAttemptAt) {

    /** The outcomes. */
    public enum Outcome {
        /** The receiver took it (2xx). */
        DELIVERED,
        /** Try again at {@link DeliveryDecision#nextAttemptAt()}. */
        RETRY,
        /** Give up: too old, or refused for good. */
        DEAD,
        /** 410: the receiver is gone; the subscription is disabled. */
        DISABLE
    }

    /**
     * @param status the answer's HTTP status, or null when there was no answer
     * @param refused whether the outbound guard refused the target (retrying cannot help)
     * @param retryAfter the receiver's {@code Retry-After}, or null
     * @param attempts attempts made, this one included
     * @param createdAt epoch milliseconds the delivery was written
     * @param now epoch milliseconds now
     * @param maxAge how long a delivery is retried
     * @param backoff the retry schedule
     * @param random jitter source, [0, 1)
     * @return the decision
     */
    public static DeliveryDecision decide(Integer status, boolean refused, Duration retryAfter, int attempts,
            long createdAt, long now, Duration maxAge, Backoff backoff, DoubleSupplier random) {
        if (status != null && status >= 200 && status <= 299) {
            return new DeliveryDecision(Outcome.DELIVERED, 0);
        }
        if (status != null && status == 410) {
            return new DeliveryDecision(Outcome.DISABLE, 0);
        }
        if (refused) {
            return new DeliveryDecision(Outcome.DEAD, 0);
        }
        long next = now + backoff.delay(attempts, retryAfter, random).toMillis();
        if (next > createdAt + maxAge.toMillis()) {
            return new DeliveryDecision(Outcome.DEAD, 0);
        }
        return new DeliveryDecision(Outcome.RETRY, next);
    }
}
