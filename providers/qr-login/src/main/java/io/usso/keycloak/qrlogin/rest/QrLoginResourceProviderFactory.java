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

import io.usso.keycloak.common.wait.LongPollHub;
import io.usso.keycloak.common.wait.WaitLimits;
import io.usso.keycloak.common.geo.GeoIpSource;
import io.usso.keycloak.common.geo.GeoIpTable;

/**
 * Realm resource {@value #ID} ({@code /realms/{realm}/qr-login}): the phone's pages and mobile API, and the waiting
 * page's status endpoint. Server options ({@code --spi-realm-restapi-extension--qr-login--<option>}):
 * {@value #LONG_POLL_SECONDS} (longest wait of one status request, default {@value #DEFAULT_LONG_POLL_SECONDS},
 * 0 = plain polling) and {@value #MAX_WAITERS} (long-polls held at once per node, default
 * {@value #DEFAULT_MAX_WAITERS}), and {@value QrGeoIp#OPTION} (a GeoIP CSV file, see {@link QrGeoIp}).
 */
public final class QrLoginResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory, GeoIpSource {

    /** Provider id, also the path segment. */
    public static final String ID = "qr-login";
    /** The public client a phone without session signs in with (in the realm templates). */
    public static final String PHONE_CLIENT = "usso-qr-login";
    /** Option: longest wait of one status request, seconds. */
    public static final String LONG_POLL_SECONDS = "long-poll-seconds";
    /** Option: long-polls held at once per node. */
    public static final String MAX_WAITERS = "max-waiters";
    /** Option: long-polls one client address (IPv6: one /64) may hold at once. */
    public static final String MAX_WAITERS_PER_ADDRESS = "max-waiters-per-address";
    /** Option: how often a waiting status request re-reads its attempt, milliseconds. */
    public static final String RECHECK_MILLIS = "recheck-millis";
    /** Default of {@value #LONG_POLL_SECONDS}. */
    public static final int DEFAULT_LONG_POLL_SECONDS = 10;
    /** Default of {@value #MAX_WAITERS}. */
    public static final int DEFAULT_MAX_WAITERS = 10_000;
    /** Default of {@value #MAX_WAITERS_PER_ADDRESS}. */
    public static final int DEFAULT_MAX_WAITERS_PER_ADDRESS = 20;
    /** Default of {@value #RECHECK_MILLIS}. */
    public static final int DEFAULT_RECHECK_MILLIS = 150;

    private int longPollSeconds = DEFAULT_LONG_POLL_SECONDS;
    private LongPollHub waiters = new LongPollHub(ID, new WaitLimits(DEFAULT_MAX_WAITERS,
            DEFAULT_MAX_WAITERS_PER_ADDRESS, DEFAULT_RECHECK_MILLIS));
    private GeoIpTable geoIp = GeoIpTable.EMPTY;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new QrLoginResourceProvider(session, waiters, longPollSeconds);
    }

    @Override
    public void init(Config.Scope config) {
        if (config != null) {
            longPollSeconds = Math.max(0, Math.min(30, config.getInt(LONG_POLL_SECONDS, DEFAULT_LONG_POLL_SECONDS)));
            waiters = new LongPollHub(ID, new WaitLimits(config.getInt(MAX_WAITERS, DEFAULT_MAX_WAITERS),
                    config.getInt(MAX_WAITERS_PER_ADDRESS, DEFAULT_MAX_WAITERS_PER_ADDRESS),
                    config.getInt(RECHECK_MILLIS, DEFAULT_RECHECK_MILLIS)));
        }
        geoIp = QrGeoIp.load(config);
    }

    /** @return this node's GeoIP table (read-only, loaded at start; shared with other modules) */
    @Override
    public GeoIpTable geoIp() {
        return geoIp;
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
                .property().name(LONG_POLL_SECONDS).type("int").defaultValue(DEFAULT_LONG_POLL_SECONDS)
                .helpText("Longest wait of one QR status request in seconds (0 to 30; 0 = the page polls).").add()
                .property().name(MAX_WAITERS).type("int").defaultValue(DEFAULT_MAX_WAITERS)
                .helpText("QR status requests that may wait at once on this node (they hold no thread); beyond, "
                        + "they answer at once and the page polls.").add()
                .property().name(MAX_WAITERS_PER_ADDRESS).type("int").defaultValue(DEFAULT_MAX_WAITERS_PER_ADDRESS)
                .helpText("QR status requests one client address (IPv6: one /64) may have waiting at once.").add()
                .property().name(RECHECK_MILLIS).type("int").defaultValue(DEFAULT_RECHECK_MILLIS)
                .helpText("How often a waiting status request re-reads its sign-in attempt, milliseconds.").add()
                .property().name(QrGeoIp.OPTION).type("string")
                .helpText("CSV of IP ranges and countries (first,last,country[,city], or DB-IP lite CSV) used to show "
                        + "the phone where the computer asking is; loaded once at start.").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(LONG_POLL_SECONDS, String.valueOf(longPollSeconds));
        info.put(MAX_WAITERS, String.valueOf(waiters.limits().total()));
        info.put(MAX_WAITERS_PER_ADDRESS, String.valueOf(waiters.limits().perAddress()));
        info.put(RECHECK_MILLIS, String.valueOf(waiters.limits().recheckMillis()));
        info.put("waiting", String.valueOf(waiters.waiting()));
        info.put("answeredLongPolls", String.valueOf(waiters.answered()));
        info.put("refusedLongPolls", String.valueOf(waiters.refused()));
        info.put("phoneClient", PHONE_CLIENT);
        info.put("geoipRanges", String.valueOf(geoIp.size()));
        return info;
    }
}
