package io.usso.keycloak.magiclink.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import io.usso.keycloak.magiclink.LinkUrls;

/**
 * Realm resource {@value #ID} ({@code /realms/{realm}/magic-link}). Server options (per node):
 * {@value #LONG_POLLS} ({@code --spi-realm-restapi-extension--magic-link--long-polls}, default
 * {@value #DEFAULT_LONG_POLLS}): status requests allowed to wait at once; {@value #MAX_WAIT} (default
 * {@value #DEFAULT_MAX_WAIT} s): longest wait of one.
 */
public final class MagicLinkResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = LinkUrls.RESOURCE;
    /** Option: concurrent long polls per node. */
    public static final String LONG_POLLS = "long-polls";
    /** Option: longest long-poll wait, seconds. */
    public static final String MAX_WAIT = "long-poll-max-seconds";
    /** Default of {@value #LONG_POLLS}. */
    public static final int DEFAULT_LONG_POLLS = 64;
    /** Default of {@value #MAX_WAIT}. */
    public static final int DEFAULT_MAX_WAIT = 20;

    private Semaphore longPollSlots = new Semaphore(DEFAULT_LONG_POLLS);
    private int longPolls = DEFAULT_LONG_POLLS;
    private int maxWaitSeconds = DEFAULT_MAX_WAIT;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new MagicLinkResourceProvider(session, longPollSlots, maxWaitSeconds);
    }

    @Override
    public void init(Config.Scope config) {
        if (config != null) {
            longPolls = Math.max(0, Math.min(10_000, config.getInt(LONG_POLLS, DEFAULT_LONG_POLLS)));
            maxWaitSeconds = Math.max(0, Math.min(60, config.getInt(MAX_WAIT, DEFAULT_MAX_WAIT)));
        }
        longPollSlots = new Semaphore(longPolls);
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
                .property().name(LONG_POLLS).type("int").defaultValue(DEFAULT_LONG_POLLS)
                .helpText("Status requests of waiting pages allowed to wait at once on this node (0 = plain polling).")
                .add()
                .property().name(MAX_WAIT).type("int").defaultValue(DEFAULT_MAX_WAIT)
                .helpText("Longest time one status request waits for a confirmation, seconds.").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(LONG_POLLS, Integer.toString(longPolls));
        info.put(MAX_WAIT, Integer.toString(maxWaitSeconds));
        return info;
    }
}
