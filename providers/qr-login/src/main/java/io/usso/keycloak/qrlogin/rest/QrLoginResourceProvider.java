package io.usso.keycloak.qrlogin.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

import io.usso.keycloak.common.wait.LongPollHub;

/** Hands the per-request {@link QrLoginResource} to Keycloak. */
public final class QrLoginResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final LongPollHub waiters;
    private final int longPollSeconds;

    QrLoginResourceProvider(KeycloakSession session, LongPollHub waiters, int longPollSeconds) {
        this.session = session;
        this.waiters = waiters;
        this.longPollSeconds = longPollSeconds;
    }

    @Override
    public Object getResource() {
        return new QrLoginResource(session, waiters, longPollSeconds);
    }

    @Override
    public void close() {
    }
}
