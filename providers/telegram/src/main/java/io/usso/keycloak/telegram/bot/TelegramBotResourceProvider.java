package io.usso.keycloak.telegram.bot;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

import io.usso.keycloak.common.wait.LongPollHub;

/** Hands the per-request {@link TelegramBotResource} to Keycloak. */
public final class TelegramBotResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final BotApi api;
    private final LongPollHub waiters;
    private final int longPollSeconds;

    TelegramBotResourceProvider(KeycloakSession session, BotApi api, LongPollHub waiters, int longPollSeconds) {
        this.session = session;
        this.api = api;
        this.waiters = waiters;
        this.longPollSeconds = longPollSeconds;
    }

    @Override
    public Object getResource() {
        return new TelegramBotResource(session, api, waiters, longPollSeconds);
    }

    @Override
    public void close() {
    }
}
