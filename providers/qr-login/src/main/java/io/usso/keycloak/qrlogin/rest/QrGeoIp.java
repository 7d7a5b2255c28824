package io.usso.keycloak.qrlogin.rest;

import java.io.IOException;
import java.nio.file.Path;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

import io.usso.keycloak.common.geo.GeoIpTable;

/**
 * The server option {@value #OPTION} ({@code --spi-realm-restapi-extension--qr-login--geoip-csv=/path/file.csv}): a
 * CSV of IP ranges and countries (see {@link GeoIpTable}), loaded once per node at start; without it, or when it
 * cannot be read (logged at WARN), the phone is shown addresses only.
 */
final class QrGeoIp {

    /** Option name. */
    static final String OPTION = "geoip-csv";

    private static final Logger LOG = Logger.getLogger(QrGeoIp.class);

    private QrGeoIp() {
    }

    /**
     * @param config the factory's config, may be null
     * @return the table, {@link GeoIpTable#EMPTY} when none is configured or it cannot be read
     */
    static GeoIpTable load(Config.Scope config) {
        String file = config == null ? null : config.get(OPTION);
        if (file == null || file.isBlank()) {
            return GeoIpTable.EMPTY;
        }
        long started = System.nanoTime();
        try {
            GeoIpTable table = GeoIpTable.load(Path.of(file.strip()));
            LOG.infof("QR login: GeoIP table loaded, %d ranges (%d unreadable lines skipped) in %d ms", table.size(),
                    table.skipped(), (System.nanoTime() - started) / 1_000_000);
            return table;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("QR login: GeoIP file of option %s cannot be read (%s); showing addresses only", OPTION,
                    e.getClass().getSimpleName());
            return GeoIpTable.EMPTY;
        }
    }

    /**
     * @param session the request's session
     * @return this node's table
     */
    static GeoIpTable of(KeycloakSession session) {
        Object factory = session.getKeycloakSessionFactory()
                .getProviderFactory(RealmResourceProvider.class, QrLoginResourceProviderFactory.ID);
        return factory instanceof QrLoginResourceProviderFactory qr ? qr.geoIp() : GeoIpTable.EMPTY;
    }
}
