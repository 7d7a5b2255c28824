package io.usso.keycloak.magiclink.rest;

import java.util.concurrent.Semaphore;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands the per-request {@link MagicLinkResource} to Keycloak. */
public final class MagicLinkResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final Semaphore longPollSlots;
    private final int maxWaitSeconds;

    MagicLinkResourceProvider(KeycloakSession session, Semaphore longPollSlots, int maxWaitSeconds) {
        this.session = session;
        this.longPollSlots = longPollSlots;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    @Override
    public Object getResource() {
        return new MagicLinkResource(session, longPollSlots, maxWaitSeconds);
    }

    @Override
    public void close() {
    }
}
