package io.usso.keycloak.otp;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a real send takes on this node (exponentially weighted moving average), so that the answer for an
 * identifier that belongs to nobody (nothing is sent) takes about as long as one for a real account: response
 * timing must not tell whether an address is registered. Node-local on purpose: it is a performance estimate, not
 * state that has to survive or be shared. Thread-safe.
 */
public final class SendTimings {

    /** Longest artificial delay. */
    public static final long MAX_DELAY_MILLIS = 3000;

    private final AtomicLong averageMillis;

    /**
     * @param initialMillis the estimate before the first real send
     */
    public SendTimings(long initialMillis) {
        this.averageMillis = new AtomicLong(Math.max(0, initialMillis));
    }

    /**
     * @param millis the duration of one successful send
     */
    public void record(long millis) {
        long sample = Math.max(0, Math.min(millis, MAX_DELAY_MILLIS));
        averageMillis.updateAndGet(avg -> avg + (sample - avg) / 8);
    }

    /** @return the current estimate in milliseconds */
    public long averageMillis() {
        return averageMillis.get();
    }

    /** @return a delay around the average (±25 %), at most {@value #MAX_DELAY_MILLIS} ms */
    public long decoyDelayMillis() {
        long avg = averageMillis.get();
        long jitter = avg / 4;
        long delay = avg + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
        return Math.max(0, Math.min(delay, MAX_DELAY_MILLIS));
    }

    /** Sleeps {@link #decoyDelayMillis()}. */
    public void sleepLikeASend() {
        long delay = decoyDelayMillis();
        if (delay <= 0) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
