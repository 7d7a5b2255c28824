package io.usso.keycloak.apikeys.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.timer.TimerProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

import io.usso.keycloak.apikeys.ApiKeyConfigCache;
import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.ApiKeyHasher;
import io.usso.keycloak.apikeys.ApiKeyPepper;
import io.usso.keycloak.apikeys.ApiKeyRuntime;
import io.usso.keycloak.apikeys.store.ApiKeyStore;
import io.usso.keycloak.apikeys.verify.ApiKeyCache;
import io.usso.keycloak.apikeys.verify.ApiKeyInvalidations;
import io.usso.keycloak.apikeys.verify.UsageBuffer;
import io.usso.keycloak.apikeys.verify.VerifierCallers;

/**
 * Realm resource {@value #ID} ({@code /realms/{realm}/api-keys}). SPI option {@value #PEPPER}
 * ({@code --spi-realm-restapi-extension--api-keys--pepper}, env
 * {@code KC_SPI_REALM_RESTAPI_EXTENSION__API_KEYS__PEPPER}): without a valid pepper every endpoint answers 503.
 * Also deletes the keys of removed realms and users.
 *
 * <p>Holds the server's {@link ApiKeyRuntime}: this node's verification cache (options {@value #CACHE_TTL_SECONDS},
 * default 60, 0 = off; {@value #CACHE_MAX_ENTRIES}, default 100000) kept correct across the cluster by
 * {@link ApiKeyInvalidations}, and the write-behind usage counter ({@value #USAGE_FLUSH_SECONDS}, default 30, 0 =
 * write every use) flushed by a timer on every node (every 5 s or the interval if shorter; requests never write).
 */
public final class ApiKeyResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "api-keys";
    /** Config key of the pepper. */
    public static final String PEPPER = "pepper";

    /** Config key: seconds a verified key's row stays in this node's cache (0 = no cache). */
    public static final String CACHE_TTL_SECONDS = "cacheTtlSeconds";
    /** Config key: most rows in this node's cache. */
    public static final String CACHE_MAX_ENTRIES = "cacheMaxEntries";
    /** Config key: seconds a key's usage figures may wait before they are written (0 = at every use). */
    public static final String USAGE_FLUSH_SECONDS = "usageFlushSeconds";
    /** Name of the usage flush timer task. */
    public static final String USAGE_FLUSH_TASK = "usso-api-key-usage-flush";

    private static final Logger LOG = Logger.getLogger(ApiKeyResourceProviderFactory.class);

    private final ApiKeyFormat format = new ApiKeyFormat();
    private ApiKeyHasher hasher;
    private String pepperStatus = "missing";
    private ApiKeyCache cache = new ApiKeyCache();
    private ApiKeyInvalidations invalidations = new ApiKeyInvalidations(cache);
    private UsageBuffer usage = new UsageBuffer(UsageBuffer.DEFAULT_FLUSH_INTERVAL_MILLIS);
    private final ApiKeyConfigCache configs = new ApiKeyConfigCache();
    private final VerifierCallers verifierCallers = new VerifierCallers(System::currentTimeMillis);
    private volatile ApiKeyRuntime runtime = new ApiKeyRuntime(null, format, cache, invalidations, usage, configs, verifierCallers);

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ApiKeyResourceProvider(session, runtime);
    }

    @Override
    public void init(Config.Scope config) {
        long ttlSeconds = config == null ? 60 : Math.max(0, config.getLong(CACHE_TTL_SECONDS, 60L));
        int maxEntries = config == null ? ApiKeyCache.DEFAULT_MAX_ENTRIES
                : Math.max(1, config.getInt(CACHE_MAX_ENTRIES, ApiKeyCache.DEFAULT_MAX_ENTRIES));
        long flushSeconds = config == null ? 30 : Math.max(0, config.getLong(USAGE_FLUSH_SECONDS, 30L));
        cache = new ApiKeyCache(ttlSeconds * 1000, maxEntries, System::currentTimeMillis);
        invalidations = new ApiKeyInvalidations(cache);
        usage = new UsageBuffer(flushSeconds * 1000);
        configure(config == null ? null : config.get(PEPPER));
    }

    /** @return the server's API-key runtime */
    public ApiKeyRuntime runtime() {
        return runtime;
    }

    /**
     * Parses the pepper; on failure logs one WARN (the reason, never the value) and leaves the endpoints at 503.
     *
     * @param rawPepper the configured value, may be null
     */
    void configure(String rawPepper) {
        try {
            ApiKeyPepper pepper = ApiKeyPepper.parse(rawPepper);
            hasher = new ApiKeyHasher(pepper);
            runtime = new ApiKeyRuntime(hasher, format, cache, invalidations, usage, configs, verifierCallers);
            pepperStatus = "configured (" + pepper.length() + " bytes)";
        } catch (IllegalArgumentException e) {
            hasher = null;
            runtime = new ApiKeyRuntime(null, format, cache, invalidations, usage, configs, verifierCallers);
            pepperStatus = rawPepper == null || rawPepper.isBlank() ? "missing" : "invalid";
            LOG.warnf("USSO API keys are disabled on this server: %s. Set the SPI option "
                    + "--spi-realm-restapi-extension--%s--%s (env KC_SPI_REALM_RESTAPI_EXTENSION__API_KEYS__PEPPER).",
                    e.getMessage(), ID, PEPPER);
        }
    }

    /** @return the hasher, or null without a valid pepper */
    ApiKeyHasher hasher() {
        return hasher;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent ready) {
                // not in postInit itself: the cluster provider and the JPA connection are not ready there in
                // every start order (Keycloak starts the persistence unit on its own thread; postInit order is
                // unspecified), which failed a production start now and then with "emf is null"
                startClusterWork(ready.getFactory());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new ApiKeyStore(removed.getKeycloakSession()).deleteForRealm(removed.getRealm());
                invalidations.realmRemoved(removed.getKeycloakSession(), removed.getRealm().getId());
                configs.forget(removed.getRealm().getId());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new ApiKeyStore(removed.getKeycloakSession()).deleteForUser(removed.getRealm(), removed.getUser());
                invalidations.userChanged(removed.getKeycloakSession(), removed.getUser().getId());
            }
        });
    }

    /** Listens for cluster-wide evictions and schedules the usage flush, once the server's stores are up. */
    private void startClusterWork(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            invalidations.register(session);
            long period = usage.timerPeriodMillis();
            TimerProvider timer = session.getProvider(TimerProvider.class);
            if (period > 0 && timer != null) {
                timer.scheduleTask(this::flushUsage, period, USAGE_FLUSH_TASK);
            }
        });
    }

    /** Writes the uses this node has buffered (timer task; also runs with nothing to do). */
    private void flushUsage(KeycloakSession session) {
        List<UsageBuffer.Flush> due = usage.drain(System.currentTimeMillis());
        if (due.isEmpty()) {
            return;
        }
        ApiKeyStore store = new ApiKeyStore(session);
        for (int i = 0; i < due.size(); i++) {
            try {
                store.addUses(due.get(i).keyId(), due.get(i).uses(), due.get(i).lastUsedAt(), due.get(i).lastUsedIp());
            } catch (RuntimeException e) {
                // the database is away: keep the figures for the next tick
                due.forEach(usage::restore); // the transaction rolls back the ones already written too
                LOG.debugf("API keys: usage figures not written now, kept for the next flush: %s",
                        e.getClass().getSimpleName());
                return;
            }
        }
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
                .property().name(PEPPER).type("string").secret(true)
                .helpText("Server-wide HMAC key for API key hashes: at least 32 random bytes, hex:<hex>, "
                        + "base64:<base64> or unmarked; the same on every node.")
                .add()
                .property().name(CACHE_TTL_SECONDS).type("int").defaultValue(60)
                .helpText("Seconds a verified key stays in this node's cache; changes are evicted on every node at "
                        + "once, this is only a safety net. 0 = no cache.")
                .add()
                .property().name(CACHE_MAX_ENTRIES).type("int").defaultValue(ApiKeyCache.DEFAULT_MAX_ENTRIES)
                .helpText("Most keys in this node's verification cache.")
                .add()
                .property().name(USAGE_FLUSH_SECONDS).type("int").defaultValue(30)
                .helpText("Seconds a key's usage figures (count, last used) may wait before they are written. "
                        + "0 = write at every use.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("pepper", pepperStatus);
        info.put("hash", ApiKeyHasher.ALGORITHM);
        info.put("cacheTtlSeconds", Long.toString(cache.ttlMillis() / 1000));
        info.put("cachedKeys", Integer.toString(cache.size()));
        info.put("usageFlushSeconds", Long.toString(usage.flushIntervalMillis() / 1000));
        return info;
    }
}
