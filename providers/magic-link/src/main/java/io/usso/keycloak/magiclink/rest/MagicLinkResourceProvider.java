package io.usso.keycloak.magiclink.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

import io.usso.keycloak.common.wait.LongPollHub;

/** Hands the per-request {@link MagicLinkResource} to Keycloak. */
public final class MagicLinkResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final LongPollHub waiters;
    private final int maxWaitSeconds;

    MagicLinkResourceProvider(KeycloakSession session, LongPollHub waiters, int maxWaitSeconds) {
        this.session = session;
        this.waiters = waiters;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    @Override
    public Object getResource() {
        return new MagicLinkResource(session, waiters, maxWaitSeconds);
    }

    @Override
    public void close() {
    }
}
