package io.usso.keycloak.common.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoIpTableTest {

    private static GeoIpTable parse(String csv) throws IOException {
        return GeoIpTable.parse(new BufferedReader(new StringReader(csv)));
    }

    @Test
    void simpleAndCountryLiteLinesFindTheirRangeOnBothFamilies() throws IOException {
        GeoIpTable table = parse("""
                # comment
                203.0.113.0,203.0.113.255,NL,Amsterdam
                "198.51.100.0","198.51.100.255","ir"
                2001:db8::,2001:db8:0:ffff:ffff:ffff:ffff:ffff,DE
                """);
        assertEquals(3, table.size());
        assertEquals(new GeoPlace("NL", "Amsterdam"), table.lookup("203.0.113.77"));
        assertEquals(new GeoPlace("IR", null), table.lookup("198.51.100.1"));
        assertEquals(new GeoPlace("DE", null), table.lookup("2001:db8::1"));
        assertEquals(new GeoPlace("NL", "Amsterdam"), table.lookup("::ffff:203.0.113.5"), "IPv4-mapped IPv6");
        assertNull(table.lookup("192.0.2.1"));
        assertNull(table.lookup("2001:db9::1"));
        assertNull(table.lookup("example.com"), "never resolved");
        assertNull(table.lookup(null));
    }

    @Test
    void dbIpCityLiteLinesAreRead() throws IOException {
        GeoIpTable table = parse("1.0.0.0,1.0.0.255,OC,AU,Queensland,South Brisbane,-27.4767,153.017\n");
        assertEquals(new GeoPlace("AU", "South Brisbane"), table.lookup("1.0.0.9"));
    }

    @Test
    void unreadableLinesAreSkippedAndCounted() throws IOException {
        GeoIpTable table = parse("""
                1.2.3.4,1.2.3.0,NL
                nonsense
                10.0.0.0,10.0.0.255,NLD
                10.0.1.0,10.0.1.255,NL
                """);
        assertEquals(1, table.size());
        assertEquals(3, table.skipped());
    }

    @Test
    void loadsAFileAndTheEmptyTableKnowsNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("geo.csv");
        Files.writeString(file, "127.0.0.0,127.255.255.255,NL,Amsterdam\n");
        assertEquals("Amsterdam, Netherlands", GeoIpTable.load(file).lookup("127.0.0.1").describe(Locale.ENGLISH));
        assertNull(GeoIpTable.EMPTY.lookup("127.0.0.1"));
    }

    @Test
    void countryNamesFollowTheReadersLanguage() {
        assertEquals("Iran", new GeoPlace("IR", null).countryName(Locale.ENGLISH));
        assertEquals("ایران", new GeoPlace("IR", null).countryName(Locale.forLanguageTag("fa")));
    }
}
