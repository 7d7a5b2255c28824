package io.usso.keycloak.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void ipv4StaysAsItIs() {
        assertEquals("203.0.113.7", ClientAddress.limitKey("203.0.113.7"));
    }

    @Test
    void ipv6IsGroupedByItsSlash64() {
        String a = ClientAddress.limitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        String b = ClientAddress.limitKey("2001:0db8:0001:0002::1");
        assertEquals("2001:db8:1:2::/64", a);
        assertEquals(a, b, "rotating the interface id inside one /64 must not escape a limit");
        assertEquals("2001:db8:1:3::/64", ClientAddress.limitKey("2001:db8:1:3::1"));
    }

    @Test
    void bracketsZonesAndMappedAddresses() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.limitKey("[2001:db8:1:2::9]"));
        assertEquals("fe80:0:0:0::/64", ClientAddress.limitKey("fe80::1%eth0"));
        assertEquals("192.0.2.1", ClientAddress.limitKey("::ffff:192.0.2.1"));
    }

    @Test
    void nonLiteralsAreNeverResolvedAndStillCount() {
        assertEquals("localhost", ClientAddress.limitKey("localhost"));
        assertEquals("999.1.1.1", ClientAddress.limitKey("999.1.1.1"));
        assertNull(ClientAddress.parseLiteral("example.com"));
        assertNull(ClientAddress.parseLiteral("1.2.3"));
        assertEquals(64, ClientAddress.limitKey("x".repeat(500)).length());
        assertNull(ClientAddress.limitKey(null));
    }
}
