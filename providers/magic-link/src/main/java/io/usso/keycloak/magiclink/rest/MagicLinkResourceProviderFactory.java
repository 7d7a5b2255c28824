package io.usso.keycloak.magiclink.rest;

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

import io.usso.keycloak.common.wait.LongPollHub;
import io.usso.keycloak.common.wait.WaitLimits;
import io.usso.keycloak.magiclink.LinkUrls;

/**
 * Realm resource {@value #ID} ({@code /realms/{realm}/magic-link}). Server options (per node,
 * {@code --spi-realm-restapi-extension--magic-link--<option>}): {@value #LONG_POLLS} (default
 * {@value #DEFAULT_LONG_POLLS}): status requests allowed to wait at once (they hold no thread, see
 * {@link LongPollHub}); {@value #LONG_POLLS_PER_ADDRESS} (default {@value #DEFAULT_LONG_POLLS_PER_ADDRESS}): of
 * them from one client address; {@value #MAX_WAIT} (default {@value #DEFAULT_MAX_WAIT} s): longest wait of one;
 * {@value #RECHECK_MILLIS} (default {@value #DEFAULT_RECHECK_MILLIS} ms): how often a waiting request looks again.
 */
public final class MagicLinkResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = LinkUrls.RESOURCE;
    /** Option: concurrent long polls per node. */
    public static final String LONG_POLLS = "long-polls";
    /** Option: longest long-poll wait, seconds. */
    public static final String MAX_WAIT = "long-poll-max-seconds";
    /** Option: concurrent long polls per client address (IPv6: per /64). */
    public static final String LONG_POLLS_PER_ADDRESS = "long-polls-per-address";
    /** Option: how often a waiting status request re-reads its state, milliseconds. */
    public static final String RECHECK_MILLIS = "recheck-millis";
    /** Default of {@value #LONG_POLLS}. */
    public static final int DEFAULT_LONG_POLLS = 10_000;
    /** Default of {@value #LONG_POLLS_PER_ADDRESS}. */
    public static final int DEFAULT_LONG_POLLS_PER_ADDRESS = 20;
    /** Default of {@value #RECHECK_MILLIS}. */
    public static final int DEFAULT_RECHECK_MILLIS = 200;
    /** Default of {@value #MAX_WAIT}. */
    public static final int DEFAULT_MAX_WAIT = 20;

    private LongPollHub waiters = new LongPollHub(ID, new WaitLimits(DEFAULT_LONG_POLLS,
            DEFAULT_LONG_POLLS_PER_ADDRESS, DEFAULT_RECHECK_MILLIS));
    private int maxWaitSeconds = DEFAULT_MAX_WAIT;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new MagicLinkResourceProvider(session, waiters, maxWaitSeconds);
    }

    @Override
    public void init(Config.Scope config) {
        if (config != null) {
            waiters = new LongPollHub(ID, new WaitLimits(config.getInt(LONG_POLLS, DEFAULT_LONG_POLLS),
                    config.getInt(LONG_POLLS_PER_ADDRESS, DEFAULT_LONG_POLLS_PER_ADDRESS),
                    config.getInt(RECHECK_MILLIS, DEFAULT_RECHECK_MILLIS)));
            maxWaitSeconds = Math.max(0, Math.min(60, config.getInt(MAX_WAIT, DEFAULT_MAX_WAIT)));
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        waiters.start(factory);
    }

    @Override
    public void close() {
        waiters.stop();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(LONG_POLLS).type("int").defaultValue(DEFAULT_LONG_POLLS)
                .helpText("Status requests of waiting pages allowed to wait at once on this node (they hold no thread; "
                        + "0 = plain polling).").add()
                .property().name(LONG_POLLS_PER_ADDRESS).type("int").defaultValue(DEFAULT_LONG_POLLS_PER_ADDRESS)
                .helpText("Of them, from one client address (IPv6: one /64).").add()
                .property().name(RECHECK_MILLIS).type("int").defaultValue(DEFAULT_RECHECK_MILLIS)
                .helpText("How often a waiting status request re-reads its state, milliseconds.").add()
                .property().name(MAX_WAIT).type("int").defaultValue(DEFAULT_MAX_WAIT)
                .helpText("Longest time one status request waits for a confirmation, seconds.").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(LONG_POLLS, Integer.toString(waiters.limits().total()));
        info.put(LONG_POLLS_PER_ADDRESS, Integer.toString(waiters.limits().perAddress()));
        info.put(RECHECK_MILLIS, Long.toString(waiters.limits().recheckMillis()));
        info.put("waiting", Integer.toString(waiters.waiting()));
        info.put("answeredLongPolls", Long.toString(waiters.answered()));
        info.put("refusedLongPolls", Long.toString(waiters.refused()));
        info.put(MAX_WAIT, Integer.toString(maxWaitSeconds));
        return info;
    }
}
