package io.usso.keycloak.otp;

import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * A cluster-wide note that a tenant's channel (its SMS gateway, its SMTP server) failed to deliver a code within the
 * last {@value #WINDOW_SECONDS} seconds. While it stands, an identifier that belongs to nobody gets the same "could
 * not send" answer as a real account, so that an outage does not tell registered addresses and numbers from
 * unregistered ones. The next successful send lifts it.
 */
final class DeliveryOutage {

    /** Outcome reason of an unknown identifier refused during an outage (internal, never shown). */
    static final String REASON = "outage";

    /** How long a failure counts as an ongoing outage. */
    static final long WINDOW_SECONDS = 60;

    private final SingleUseObjectProvider store;
    private final String key;

    DeliveryOutage(SingleUseObjectProvider store, String realmId, String channelId) {
        this.store = store;
        this.key = "usso-otp-outage:" + realmId + ":" + channelId;
    }

    /** A real send failed. */
    void failed() {
        store.put(key, WINDOW_SECONDS, Map.of());
    }

    /** A real send went out: the outage (if any) is over. */
    void delivered() {
        if (store.contains(key)) {
            store.remove(key);
        }
    }

    /** @return whether a real send failed within the window and none went out since */
    boolean ongoing() {
        return store.contains(key);
    }
}
