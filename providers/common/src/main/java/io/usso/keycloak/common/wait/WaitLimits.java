package io.usso.keycloak.common.wait;

/**
 * Caps and pace of a {@link LongPollHub}.
 *
 * @param total requests that may wait at once on this node (memory, not threads: each costs a few hundred bytes)
 * @param perAddress requests one client address (IPv6: one /64) may have waiting at once
 * @param recheckMillis how often a waiting request's state is read again (the longest extra delay a change that
 *        happened on another node costs; a change made on this node is seen at the next tick too)
 */
public record WaitLimits(int total, int perAddress, long recheckMillis) {

    /** Highest accepted total. */
    public static final int MAX_TOTAL = 100_000;

    /** Clamps the values into safe bounds. */
    public WaitLimits {
        total = Math.max(0, Math.min(MAX_TOTAL, total));
        perAddress = Math.max(0, Math.min(total, perAddress));
        recheckMillis = Math.max(20, Math.min(5_000, recheckMillis));
    }
}
