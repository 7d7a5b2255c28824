package io.usso.keycloak.qrlogin.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Realm resource {@value #ID} ({@code /realms/{realm}/qr-login}): the phone's pages and mobile API, and the waiting
 * page's status endpoint. Server options ({@code --spi-realm-restapi-extension--qr-login--<option>}):
 * {@value #LONG_POLL_SECONDS} (longest wait of one status request, default {@value #DEFAULT_LONG_POLL_SECONDS},
 * 0 = plain polling) and {@value #MAX_WAITERS} (long-polls held at once per node, default
 * {@value #DEFAULT_MAX_WAITERS}).
 */
public final class QrLoginResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "qr-login";
    /** The public client a phone without session signs in with (in the realm templates). */
    public static final String PHONE_CLIENT = "usso-qr-login";
    /** Option: longest wait of one status request, seconds. */
    public static final String LONG_POLL_SECONDS = "long-poll-seconds";
    /** Option: long-polls held at once per node. */
    public static final String MAX_WAITERS = "max-waiters";
    /** Default of {@value #LONG_POLL_SECONDS}. */
    public static final int DEFAULT_LONG_POLL_SECONDS = 10;
    /** Default of {@value #MAX_WAITERS}. */
    public static final int DEFAULT_MAX_WAITERS = 32;

    private int longPollSeconds = DEFAULT_LONG_POLL_SECONDS;
    private QrWaiters waiters = new QrWaiters(DEFAULT_MAX_WAITERS);

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new QrLoginResourceProvider(session, waiters, longPollSeconds);
    }

    @Override
    public void init(Config.Scope config) {
        if (config != null) {
            longPollSeconds = Math.max(0, Math.min(30, config.getInt(LONG_POLL_SECONDS, DEFAULT_LONG_POLL_SECONDS)));
            waiters = new QrWaiters(Math.max(0, config.getInt(MAX_WAITERS, DEFAULT_MAX_WAITERS)));
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(LONG_POLL_SECONDS).type("int").defaultValue(DEFAULT_LONG_POLL_SECONDS)
                .helpText("Longest wait of one QR status request in seconds (0 to 30; 0 = the page polls).").add()
                .property().name(MAX_WAITERS).type("int").defaultValue(DEFAULT_MAX_WAITERS)
                .helpText("QR status requests that may wait at once on this node; beyond, they answer at once.").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(LONG_POLL_SECONDS, String.valueOf(longPollSeconds));
        info.put(MAX_WAITERS, String.valueOf(waiters.max()));
        info.put("waiting", String.valueOf(waiters.waiting()));
        info.put("phoneClient", PHONE_CLIENT);
        return info;
    }
}
