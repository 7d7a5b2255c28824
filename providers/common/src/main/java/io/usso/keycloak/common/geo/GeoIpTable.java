package io.usso.keycloak.common.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.usso.keycloak.common.net.ClientAddress;

/**
 * A node-local, read-only table of IP ranges and the coarse place they are in, loaded once from a CSV file the
 * operator provides (no network calls, no state: every node loads the same file). Lines:
 * <ul>
 *   <li>{@code first,last,country} or {@code first,last,country,city} (IPv4 or IPv6 literals, ISO 3166 alpha-2
 *       country), which is also DB-IP's "IP to Country Lite" CSV;</li>
 *   <li>DB-IP's "IP to City Lite" CSV: {@code first,last,continent,country,region,city,latitude,longitude}.</li>
 * </ul>
 * Fields may be quoted; blank lines, lines starting with {@code #} and unreadable lines are skipped (counted in
 * {@link #skipped()}). Ranges must not overlap; lookups are a binary search.
 */
public final class GeoIpTable {

    /** The table of a server without a GeoIP file: knows no place. */
    public static final GeoIpTable EMPTY = new GeoIpTable(new Range[0], 0);

    private static final BigInteger MAPPED_V4 = BigInteger.valueOf(0xffffL).shiftLeft(32);

    private final Range[] ranges;
    private final int skipped;

    private GeoIpTable(Range[] ranges, int skipped) {
        this.ranges = ranges;
        this.skipped = skipped;
    }

    /** A range of addresses (IPv4 as IPv4-mapped IPv6 numbers) and its place. */
    private record Range(BigInteger first, BigInteger last, GeoPlace place) {
    }

    /**
     * @param file the CSV file
     * @return the table
     * @throws IOException when the file cannot be read
     */
    public static GeoIpTable load(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    /**
     * @param reader CSV text
     * @return the table
     * @throws IOException when reading fails
     */
    public static GeoIpTable parse(BufferedReader reader) throws IOException {
        List<Range> ranges = new ArrayList<>();
        Map<GeoPlace, GeoPlace> places = new HashMap<>(); // one instance per place: millions of lines, few places
        int skipped = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Range range = range(trimmed.split(",", -1), places);
            if (range == null) {
                skipped++;
            } else {
                ranges.add(range);
            }
        }
        Range[] sorted = ranges.toArray(new Range[0]);
        Arrays.sort(sorted, Comparator.comparing(Range::first));
        return new GeoIpTable(sorted, skipped);
    }

    private static Range range(String[] fields, Map<GeoPlace, GeoPlace> places) {
        String country;
        String city;
        if (fields.length == 3 || fields.length == 4) {
            country = field(fields, 2);
            city = fields.length == 4 ? field(fields, 3) : null;
        } else if (fields.length >= 8) {
            country = field(fields, 3);
            city = field(fields, 5);
        } else {
            return null;
        }
        BigInteger first = number(field(fields, 0));
        BigInteger last = number(field(fields, 1));
        if (first == null || last == null || first.compareTo(last) > 0 || country == null
                || !country.matches("[A-Za-z]{2}")) {
            return null;
        }
        GeoPlace place = new GeoPlace(country.toUpperCase(Locale.ROOT), city == null || city.isEmpty() ? null : city);
        return new Range(first, last, places.computeIfAbsent(place, p -> p));
    }

    private static String field(String[] fields, int index) {
        String value = fields[index].strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value.isEmpty() ? null : value;
    }

    /** @return the address as a 128-bit number (IPv4 as IPv4-mapped), or null when not a literal */
    private static BigInteger number(String literal) {
        InetAddress address = ClientAddress.parseLiteral(literal);
        if (address == null) {
            return null;
        }
        BigInteger value = new BigInteger(1, address.getAddress());
        return address instanceof Inet4Address ? value.or(MAPPED_V4) : value;
    }

    /**
     * @param ip an address literal, may be null
     * @return its place, or null when unknown (no table, not a literal, not in any range)
     */
    public GeoPlace lookup(String ip) {
        if (ranges.length == 0 || ip == null) {
            return null;
        }
        BigInteger value = number(ip);
        if (value == null) {
            return null;
        }
        int low = 0;
        int high = ranges.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Range range = ranges[middle];
            if (range.first().compareTo(value) > 0) {
                high = middle - 1;
            } else if (range.last().compareTo(value) < 0) {
                low = middle + 1;
            } else {
                return range.place();
            }
        }
        return null;
    }

    /** @return the number of ranges */
    public int size() {
        return ranges.length;
    }

    /** @return lines that could not be read */
    public int skipped() {
        return skipped;
    }
}
