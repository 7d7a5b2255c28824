package io.usso.keycloak.otp;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * How long a send takes for one tenant and channel (exponentially weighted moving average), so that the answer for
 * an identifier that belongs to nobody (nothing is sent) takes about as long as one for a real account: response
 * timing must not tell whether an address is registered. Kept per tenant and channel, successful and failed sends
 * apart, in Keycloak's cluster-wide single-use store ({@code usso-otp-timing:<realm>:<channel>:<outcome>}, renewed
 * on every send, forgotten after {@value #LIFESPAN_SECONDS} s without one): one tenant's slow gateway neither slows
 * another tenant's decoys nor can be learnt from them, and every node answers with the same estimate. Concurrent
 * updates may lose a sample; it is an estimate. Stateless and thread-safe; the factory holds one per channel.
 */
public final class SendTimings {

    /** Longest artificial delay. */
    public static final long MAX_DELAY_MILLIS = 3000;
    /** How long an estimate lives without a new sample: a week. */
    public static final long LIFESPAN_SECONDS = 7 * 86_400;
    /** Note holding the average in milliseconds. */
    static final String NOTE_MILLIS = "ms";
    private static final int MAX_DIGITS = 7;

    /** Which sends an estimate follows. */
    public enum Outcome {
        /** The channel took the code. */
        DELIVERED("sent"),
        /** The channel failed (the decoy answer during an outage imitates these). */
        FAILED("failed");

        private final String key;

        Outcome(String key) {
            this.key = key;
        }
    }

    private final long initialMillis;

    /**
     * @param initialMillis the estimate of a tenant's channel before its first real send
     */
    public SendTimings(long initialMillis) {
        this.initialMillis = clamp(initialMillis);
    }

    /** @return the estimate of a tenant without samples */
    public long initialMillis() {
        return initialMillis;
    }

    /**
     * @param store the single-use store
     * @param realmId the tenant
     * @param channel {@code email} or {@code sms}
     * @param outcome delivered or failed
     * @param millis the duration of one send
     */
    public void record(SingleUseObjectProvider store, String realmId, String channel, Outcome outcome, long millis) {
        long average = averageMillis(store, realmId, channel, outcome);
        long next = next(average, millis);
        store.put(key(realmId, channel, outcome), LIFESPAN_SECONDS, Map.of(NOTE_MILLIS, Long.toString(next)));
    }

    /**
     * @param store the single-use store
     * @param realmId the tenant
     * @param channel {@code email} or {@code sms}
     * @param outcome delivered or failed
     * @return the tenant's current estimate; failures without samples follow the delivered estimate
     */
    public long averageMillis(SingleUseObjectProvider store, String realmId, String channel, Outcome outcome) {
        Long stored = read(store.get(key(realmId, channel, outcome)));
        if (stored != null) {
            return stored;
        }
        if (outcome == Outcome.FAILED) {
            return averageMillis(store, realmId, channel, Outcome.DELIVERED);
        }
        return initialMillis;
    }

    /**
     * Sleeps about as long as a send of the tenant's channel takes ({@link #decoyDelayMillis(long)}).
     *
     * @param store the single-use store
     * @param realmId the tenant
     * @param channel {@code email} or {@code sms}
     * @param outcome which sends to imitate
     */
    public void sleepLikeASend(SingleUseObjectProvider store, String realmId, String channel, Outcome outcome) {
        long delay = decoyDelayMillis(averageMillis(store, realmId, channel, outcome));
        if (delay <= 0) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param average an estimate
     * @param sample a new duration
     * @return the next estimate (weight 1/8 for the sample), within 0..{@value #MAX_DELAY_MILLIS}
     */
    static long next(long average, long sample) {
        long avg = clamp(average);
        return avg + (clamp(sample) - avg) / 8;
    }

    /**
     * @param average an estimate
     * @return a delay around it (±25 %), at most {@value #MAX_DELAY_MILLIS} ms
     */
    static long decoyDelayMillis(long average) {
        long avg = clamp(average);
        long jitter = avg / 4;
        long delay = avg + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
        return clamp(delay);
    }

    private static long clamp(long millis) {
        return Math.max(0, Math.min(millis, MAX_DELAY_MILLIS));
    }

    private static String key(String realmId, String channel, Outcome outcome) {
        return "usso-otp-timing:" + realmId + ":" + channel + ":" + outcome.key;
    }

    private static Long read(Map<String, String> notes) {
        String value = notes == null ? null : notes.get(NOTE_MILLIS);
        if (value == null || value.isEmpty() || value.length() > MAX_DIGITS
                || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return clamp(Long.parseLong(value));
    }
}
