package io.usso.keycloak.otp;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Counts the attempts on one code cluster-wide and atomically: attempt {@code i} claims the key
 * {@code usso-otp-attempt:<realm>:<salt>:<i>} with {@link SingleUseObjectProvider#putIfAbsent}, so parallel
 * requests (even on two nodes, even within one authentication session) can never try more than {@code max} codes.
 * A correct code also claims {@code usso-otp-used:<realm>:<salt>} so that it works exactly once. The salt is random
 * per code, so keys never repeat; entries live until shortly after the code expires.
 */
public final class AttemptCounter {

    private final SingleUseObjectProvider store;
    private final String realmId;

    /**
     * @param store the session's single-use store
     * @param realmId the tenant
     */
    public AttemptCounter(SingleUseObjectProvider store, String realmId) {
        this.store = store;
        this.realmId = realmId;
    }

    /**
     * @param salt the code's salt
     * @param max attempts allowed
     * @param lifespanSeconds how long to keep the claim (at least the code's remaining lifetime)
     * @return the 0-based index of the claimed attempt, or -1 when all {@code max} were used
     */
    public int claim(String salt, int max, long lifespanSeconds) {
        for (int i = 0; i < max; i++) {
            if (store.putIfAbsent("usso-otp-attempt:" + realmId + ":" + salt + ":" + i, Math.max(1, lifespanSeconds))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param salt the code's salt
     * @param lifespanSeconds how long to remember the use
     * @return true for the first caller only
     */
    public boolean markUsed(String salt, long lifespanSeconds) {
        return store.putIfAbsent("usso-otp-used:" + realmId + ":" + salt, Math.max(1, lifespanSeconds));
    }
}
