package io.usso.keycloak.qrlogin.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.common.geo.GeoIpTable;
import io.usso.keycloak.common.geo.GeoPlace;

class QrProximityTest {

    @Test
    void sameSlash24OrSlash64IsNoWarning() {
        assertEquals(QrProximity.Warning.NONE, QrProximity.of("203.0.113.7", "203.0.113.200", GeoIpTable.EMPTY).warning());
        assertEquals(QrProximity.Warning.NONE,
                QrProximity.of("2001:db8:1:2::7", "2001:db8:1:2:aaaa::1", GeoIpTable.EMPTY).warning());
    }

    @Test
    void otherNetworksOrFamiliesWarn() {
        assertEquals(QrProximity.Warning.DIFFERENT_NETWORK,
                QrProximity.of("203.0.113.7", "203.0.114.7", GeoIpTable.EMPTY).warning());
        assertEquals(QrProximity.Warning.DIFFERENT_NETWORK,
                QrProximity.of("2001:db8:1:2::7", "2001:db8:1:3::7", GeoIpTable.EMPTY).warning());
        assertEquals(QrProximity.Warning.DIFFERENT_NETWORK,
                QrProximity.of("127.0.0.1", "0:0:0:0:0:0:0:1", GeoIpTable.EMPTY).warning());
        assertEquals("different_network", QrProximity.Warning.DIFFERENT_NETWORK.json());
        assertNull(QrProximity.Warning.NONE.json());
    }

    @Test
    void unknownAddressesAreNoEvidence() {
        assertEquals(QrProximity.Warning.NONE, QrProximity.of(null, "203.0.113.7", GeoIpTable.EMPTY).warning());
        assertEquals(QrProximity.Warning.NONE, QrProximity.of("203.0.113.7", "proxy", GeoIpTable.EMPTY).warning());
    }

    @Test
    void aGeoIpTableTellsCountriesApart() throws IOException {
        GeoIpTable geo = GeoIpTable.parse(new BufferedReader(new StringReader("""
                203.0.113.0,203.0.113.255,NL,Amsterdam
                198.51.100.0,198.51.100.255,IR,Tehran
                192.0.2.0,192.0.2.255,IR,Shiraz
                """)));
        QrProximity relay = QrProximity.of("203.0.113.7", "198.51.100.9", geo);
        assertEquals(QrProximity.Warning.DIFFERENT_COUNTRY, relay.warning());
        assertEquals("NL", relay.desktopPlace().country());
        assertEquals("IR", relay.phonePlace().country());
        assertEquals(QrProximity.Warning.DIFFERENT_NETWORK, QrProximity.of("192.0.2.1", "198.51.100.9", geo).warning(),
                "same country, other network");
        QrProximity unknownPhone = QrProximity.of("203.0.113.7", "203.0.113.9", geo);
        assertEquals(QrProximity.Warning.NONE, unknownPhone.warning());
        assertEquals("Amsterdam", unknownPhone.desktopPlace().city());
    }
}
