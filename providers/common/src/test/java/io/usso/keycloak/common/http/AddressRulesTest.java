package io.usso.keycloak.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link PublicAddress}, {@link Cidr}, {@link OperatorNetworks} and {@link AllowList}: rules without I/O. */
class AddressRulesTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nonPublicAddressesAreRecognisedInEveryForm() {
        for (String literal : List.of("0.0.0.0", "0.1.2.3", "10.1.2.3", "100.64.0.1", "100.127.255.254", "127.0.0.1",
                "127.255.0.9", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1",
                "192.88.99.1", "192.168.1.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9",
                "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
                "::", "::1", "::127.0.0.1", "::ffff:127.0.0.1", "::ffff:a9fe:a9fe", "fd00::1", "fc00::1",
                "fe80::1", "febf::1", "fec0::1", "ff02::1", "100::1", "64:ff9b::7f00:1", "64:ff9b::a00:1",
                "64:ff9b:1::808:808", "2002:7f00:1::", "2002:a9fe:a9fe::1", "2001::1", "2001:0:4136:e378::1",
                "2001:db8::1", "3fff::1", "4000::1")) {
            assertFalse(PublicAddress.isPublic(ip(literal)), literal);
        }
    }

    @Test
    void publicAddressesPass() {
        for (String literal : List.of("8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.1",
                "172.15.255.255", "172.32.0.1", "198.20.0.1", "::ffff:8.8.8.8", "2a00:1450:4001:80b::200e",
                "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1")) {
            assertTrue(PublicAddress.isPublic(ip(literal)), literal);
        }
    }

    @Test
    void operatorNetworksAllowPrivateRangesButNeverUnspecifiedOrMulticast() {
        OperatorNetworks networks = OperatorNetworks.parse(" 10.20.0.0/16, fd12:3456::/48 ,127.0.0.1 , bogus, 1.2.3.4/33");
        assertEquals("10.20.0.0/16,fd12:3456:0:0:0:0:0:0/48,127.0.0.1/32", networks.toString(),
                "malformed entries are left out");
        assertTrue(networks.permits(ip("10.20.3.4")));
        assertFalse(networks.permits(ip("10.21.0.1")));
        assertTrue(networks.permits(ip("fd12:3456::9")));
        assertTrue(networks.permits(ip("::ffff:127.0.0.1")));
        assertFalse(networks.permits(ip("127.0.0.2")));
        assertTrue(networks.permits(ip("8.8.8.8")), "public addresses are always permitted");
        OperatorNetworks everything = OperatorNetworks.parse("0.0.0.0/0,::/0");
        assertTrue(everything.permits(ip("192.168.0.1")));
        for (String never : List.of("0.0.0.0", "::", "224.0.0.1", "ff02::1", "255.255.255.255")) {
            assertFalse(everything.permits(ip(never)), never);
        }
        assertFalse(OperatorNetworks.none().permits(ip("10.0.0.1")));
        assertEquals("none", OperatorNetworks.parse("").toString());
    }

    @Test
    void cidrsParseWithoutDnsAndClearHostBits() {
        assertEquals("10.0.0.0/8", Cidr.parse("10.9.8.7/8").toString());
        assertTrue(Cidr.parse("192.168.0.0/16").contains(ip("192.168.200.1")));
        assertFalse(Cidr.parse("192.168.0.0/16").contains(ip("::ffff:c0a9:1")));
        assertFalse(Cidr.parse("::/0").contains(ip("10.0.0.1")), "families never meet");
        for (String bad : List.of("localhost", "10.0.0.0/x", "10.0.0.0/", "::1/129", "example.com/8")) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }

    @Test
    void allowListEntriesMatchHostsAndPorts() {
        AllowList list = AllowList.parse(" SMS.example.com , *.gw.example.net:8443,[2001:db8::7]:8080,203.0.113.7,"
                + "bad host, *, x:0, ::1, host:99999,");
        assertEquals("sms.example.com,*.gw.example.net:8443,[2001:db8:0:0:0:0:0:7]:8080,203.0.113.7",
                list.toString());
        assertEquals(List.of("bad host", "*", "x:0", "::1", "host:99999"), list.rejected());
        assertTrue(list.permits("sms.example.com", 443));
        assertTrue(list.permits("SMS.Example.COM.", 80));
        assertFalse(list.permits("sms.example.com", 8443), "an entry without port allows 80 and 443 only");
        assertFalse(list.permits("evil-sms.example.com", 443));
        assertFalse(list.permits("sms.example.com.evil.net", 443));
        assertTrue(list.permits("a.gw.example.net", 8443));
        assertTrue(list.permits("a.b.gw.example.net", 8443));
        assertFalse(list.permits("gw.example.net", 8443), "a suffix entry is not the name itself");
        assertFalse(list.permits("a.gw.example.net", 443));
        assertTrue(list.permits("[2001:db8::7]", 8080));
        assertTrue(list.permits("[2001:0db8:0:0::7]", 8080));
        assertTrue(list.permits("203.0.113.7", 80));
        assertTrue(list.permitsHost("sms.example.com"));
        assertFalse(list.permitsHost("example.com"));
        assertTrue(AllowList.none().isEmpty());
        assertFalse(AllowList.none().permits("sms.example.com", 443));
        assertTrue(AllowList.parse(null).isEmpty());
        assertTrue(AllowList.parse("a.example").and(AllowList.parse("b.example")).permits("b.example", 443));
    }
}
