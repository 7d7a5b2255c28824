package io.usso.keycloak.common.geo;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * A provider factory that holds the node's GeoIP table (the QR login's realm resource loads it from its
 * {@code geoip-csv} option), so that other modules show places from the same table without a second option or a
 * second copy in memory.
 */
public interface GeoIpSource {

    /** @return the node's table, {@link GeoIpTable#EMPTY} when none is configured */
    GeoIpTable geoIp();

    /**
     * @param session any session
     * @return the first non-empty table among the realm resource factories, or {@link GeoIpTable#EMPTY}
     */
    static GeoIpTable of(KeycloakSession session) {
        return session.getKeycloakSessionFactory().getProviderFactoriesStream(RealmResourceProvider.class)
                .filter(GeoIpSource.class::isInstance).map(f -> ((GeoIpSource) f).geoIp())
                .filter(table -> table != null && table.size() > 0).findFirst().orElse(GeoIpTable.EMPTY);
    }
}
