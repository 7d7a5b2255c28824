package io.usso.keycloak.telegram.bot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OutboundHttpGuard;
import io.usso.keycloak.common.wait.LongPollHub;
import io.usso.keycloak.common.wait.WaitLimits;
import io.usso.keycloak.telegram.TelegramSettings;

/**
 * Realm resource {@value #ID} ({@code /realms/{realm}/telegram}): the bot's webhook and the waiting page's status.
 * Server options ({@code --spi-realm-restapi-extension--telegram--<option>}): {@value #ALLOWED_HOSTS} (hosts a
 * tenant's Bot API base URL may name besides {@code api.telegram.org}, {@link AllowList} entries),
 * {@value #LONG_POLL_SECONDS} (longest wait of one status request, default {@value #DEFAULT_LONG_POLL_SECONDS}),
 * {@value #MAX_WAITERS}, {@value #MAX_WAITERS_PER_ADDRESS}, {@value #RECHECK_MILLIS}. Owns one
 * {@link OutboundHttpGuard} (closed with the factory) and one {@link LongPollHub}.
 */
public final class TelegramBotResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "telegram";
    /** Option: further Bot API hosts. */
    public static final String ALLOWED_HOSTS = "allowed-hosts";
    public static final String LONG_POLL_SECONDS = "long-poll-seconds";
    public static final String MAX_WAITERS = "max-waiters";
    public static final String MAX_WAITERS_PER_ADDRESS = "max-waiters-per-address";
    public static final String RECHECK_MILLIS = "recheck-millis";
    public static final int DEFAULT_LONG_POLL_SECONDS = 10;
    public static final int DEFAULT_MAX_WAITERS = 10_000;
    public static final int DEFAULT_MAX_WAITERS_PER_ADDRESS = 20;
    public static final int DEFAULT_RECHECK_MILLIS = 150;

    private static final Logger LOG = Logger.getLogger(TelegramBotResourceProviderFactory.class);

    private int longPollSeconds = DEFAULT_LONG_POLL_SECONDS;
    private LongPollHub waiters = new LongPollHub(ID, new WaitLimits(DEFAULT_MAX_WAITERS,
            DEFAULT_MAX_WAITERS_PER_ADDRESS, DEFAULT_RECHECK_MILLIS));
    private AllowList allowedHosts = AllowList.none();
    private OutboundHttpGuard guard;
    private BotApi api;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new TelegramBotResourceProvider(session, api, waiters, longPollSeconds);
    }

    @Override
    public void init(Config.Scope config) {
        AllowList extra = AllowList.parse(config == null ? null : config.get(ALLOWED_HOSTS));
        if (!extra.rejected().isEmpty()) {
            LOG.errorf("--spi-realm-restapi-extension--%s--%s: ignoring malformed entries %s", ID, ALLOWED_HOSTS,
                    extra.rejected());
        }
        allowedHosts = AllowList.parse(TelegramSettings.DEFAULT_BOT_API_BASE_URL.getHost()).and(extra);
        if (config != null) {
            longPollSeconds = Math.max(0, Math.min(30, config.getInt(LONG_POLL_SECONDS, DEFAULT_LONG_POLL_SECONDS)));
            waiters = new LongPollHub(ID, new WaitLimits(config.getInt(MAX_WAITERS, DEFAULT_MAX_WAITERS),
                    config.getInt(MAX_WAITERS_PER_ADDRESS, DEFAULT_MAX_WAITERS_PER_ADDRESS),
                    config.getInt(RECHECK_MILLIS, DEFAULT_RECHECK_MILLIS)));
        }
        guard = OutboundHttpGuard.create();
        api = new BotApi(guard, allowedHosts);
    }

    /** @return this node's Bot API client (for the admin resource's {@code setWebhook}), null before init */
    BotApi api() {
        return api;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        waiters.start(factory);
    }

    @Override
    public void close() {
        waiters.stop();
        if (guard != null) {
            guard.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(ALLOWED_HOSTS).type("string")
                .helpText("Hosts (comma separated; *.suffix, :port) a tenant's Bot API base URL may name besides "
                        + "api.telegram.org, e.g. a self-hosted Bot API server.").add()
                .property().name(LONG_POLL_SECONDS).type("int").defaultValue(DEFAULT_LONG_POLL_SECONDS)
                .helpText("Longest wait of one Telegram sign-in status request in seconds (0 to 30).").add()
                .property().name(MAX_WAITERS).type("int").defaultValue(DEFAULT_MAX_WAITERS)
                .helpText("Status requests that may wait at once on this node.").add()
                .property().name(MAX_WAITERS_PER_ADDRESS).type("int").defaultValue(DEFAULT_MAX_WAITERS_PER_ADDRESS)
                .helpText("Status requests one client address (IPv6: one /64) may have waiting at once.").add()
                .property().name(RECHECK_MILLIS).type("int").defaultValue(DEFAULT_RECHECK_MILLIS)
                .helpText("How often a waiting status request re-reads its sign-in, milliseconds.").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(ALLOWED_HOSTS, allowedHosts.toString());
        info.put(LONG_POLL_SECONDS, String.valueOf(longPollSeconds));
        info.put("waiting", String.valueOf(waiters.waiting()));
        info.put("answeredLongPolls", String.valueOf(waiters.answered()));
        return info;
    }
}
