package io.usso.keycloak.qrlogin.geo;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

import io.usso.keycloak.common.geo.GeoIpTable;
import io.usso.keycloak.common.geo.GeoPlace;
import io.usso.keycloak.common.net.ClientAddress;

/**
 * Where the asking computer is, seen from the approving phone, and whether to warn: a relay phisher forwards a live
 * QR code from their own computer, which is rarely on the victim's network. Networks are compared as IPv4 /24 and
 * IPv6 /64 (the blocks one household, office or mobile cell usually shares); with a GeoIP table, countries too.
 *
 * @param desktopPlace the computer's place, null when unknown
 * @param phonePlace the phone's place, null when unknown
 * @param warning what to warn about
 */
public record QrProximity(GeoPlace desktopPlace, GeoPlace phonePlace, Warning warning) {

    /** What the phone is warned about. */
    public enum Warning {
        /** Same network, or not enough known to tell. */
        NONE,
        /** The two are on different networks (different /24 or /64, or one on IPv4 and the other on IPv6). */
        DIFFERENT_NETWORK,
        /** The GeoIP table puts them in different countries. */
        DIFFERENT_COUNTRY;

        /** @return the value in the mobile API's JSON, null for {@link #NONE} */
        public String json() {
            return this == NONE ? null : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param desktopIp the computer's address when it showed the QR code, may be null
     * @param phoneIp the phone's address now, may be null
     * @param geo the GeoIP table ({@link GeoIpTable#EMPTY} when none)
     * @return the comparison
     */
    public static QrProximity of(String desktopIp, String phoneIp, GeoIpTable geo) {
        GeoPlace desktop = geo.lookup(desktopIp);
        GeoPlace phone = geo.lookup(phoneIp);
        Warning warning = Warning.NONE;
        if (desktop != null && phone != null && !desktop.country().equals(phone.country())) {
            warning = Warning.DIFFERENT_COUNTRY;
        } else if (!sameNetwork(desktopIp, phoneIp)) {
            warning = Warning.DIFFERENT_NETWORK;
        }
        return new QrProximity(desktop, phone, warning);
    }

    /**
     * @param a one address literal, may be null
     * @param b another, may be null
     * @return false only when both are address literals on different networks (unknown counts as the same: no
     *         warning without evidence)
     */
    static boolean sameNetwork(String a, String b) {
        InetAddress first = ClientAddress.parseLiteral(a);
        InetAddress second = ClientAddress.parseLiteral(b);
        if (first == null || second == null) {
            return true;
        }
        if ((first instanceof Inet4Address) != (second instanceof Inet4Address)) {
            return false;
        }
        int prefixBytes = first instanceof Inet4Address ? 3 : 8;
        return Arrays.equals(Arrays.copyOf(first.getAddress(), prefixBytes),
                Arrays.copyOf(second.getAddress(), prefixBytes));
    }
}
