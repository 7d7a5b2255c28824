package io.usso.keycloak.common.http;

import java.time.Duration;

/**
 * What one outbound call allows: the hosts ({@link AllowList}), how long connecting and the whole exchange may take
 * (each at most {@link #MAX_TIMEOUT}) and how much of the answer is read (at most {@link #MAX_RESPONSE_BYTES}).
 * Immutable; the {@code with...} methods return a copy, clamping out-of-range values.
 */
public final class OutboundPolicy {

    /** Longest connect or total timeout any caller may set. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);
    /** Shortest timeout. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(50);
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time the whole exchange (connecting, sending, the answer) may take. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(10);
    /** Default number of answer bytes read; the rest is dropped. */
    public static final int DEFAULT_RESPONSE_BYTES = 64 * 1024;
    /** Most answer bytes any caller may read. */
    public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final AllowList allowList;
    private final Duration connectTimeout;
    private final Duration totalTimeout;
    private final int maxResponseBytes;

    private OutboundPolicy(AllowList allowList, Duration connectTimeout, Duration totalTimeout, int maxResponseBytes) {
        this.allowList = allowList;
        this.connectTimeout = connectTimeout;
        this.totalTimeout = totalTimeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * @param allowList the hosts calls may go to (empty: every call is refused)
     * @return a policy with the default timeouts and answer size
     */
    public static OutboundPolicy allowing(AllowList allowList) {
        return new OutboundPolicy(allowList == null ? AllowList.none() : allowList, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_TOTAL_TIMEOUT, DEFAULT_RESPONSE_BYTES);
    }

    /**
     * @param timeout connect timeout, clamped to {@link #MIN_TIMEOUT}..{@link #MAX_TIMEOUT}
     * @return a copy with it
     */
    public OutboundPolicy withConnectTimeout(Duration timeout) {
        return new OutboundPolicy(allowList, clamp(timeout), totalTimeout, maxResponseBytes);
    }

    /**
     * @param timeout time the whole exchange may take, clamped to {@link #MIN_TIMEOUT}..{@link #MAX_TIMEOUT}
     * @return a copy with it
     */
    public OutboundPolicy withTotalTimeout(Duration timeout) {
        return new OutboundPolicy(allowList, connectTimeout, clamp(timeout), maxResponseBytes);
    }

    /**
     * @param bytes answer bytes to read, clamped to 0..{@link #MAX_RESPONSE_BYTES}
     * @return a copy with it
     */
    public OutboundPolicy withMaxResponseBytes(int bytes) {
        return new OutboundPolicy(allowList, connectTimeout, totalTimeout,
                Math.max(0, Math.min(MAX_RESPONSE_BYTES, bytes)));
    }

    private static Duration clamp(Duration timeout) {
        if (timeout == null || timeout.compareTo(MIN_TIMEOUT) < 0) {
            return MIN_TIMEOUT;
        }
        return timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
    }

    /** @return the hosts calls may go to */
    public AllowList allowList() {
        return allowList;
    }

    /** @return the connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the time the whole exchange may take */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /** @return the answer bytes read */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }
}
