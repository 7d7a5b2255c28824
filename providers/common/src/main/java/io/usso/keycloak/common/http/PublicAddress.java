package io.usso.keycloak.common.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Whether an address is on the public internet, the only kind an outbound call of USSO may reach unless the operator
 * allowed a private network ({@link OperatorNetworks}).
 *
 * <p>Refused IPv4: this network {@code 0/8}, private {@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, CGNAT
 * {@code 100.64/10}, loopback {@code 127/8}, link-local {@code 169.254/16} (cloud metadata {@code 169.254.169.254}),
 * IETF {@code 192.0.0/24}, documentation {@code 192.0.2/24}, {@code 198.51.100/24}, {@code 203.0.113/24}, 6to4 relay
 * {@code 192.88.99/24}, benchmarking {@code 198.18/15}, multicast {@code 224/4}, reserved and broadcast
 * {@code 240/4}.
 *
 * <p>IPv6: only global unicast {@code 2000::/3} passes, which leaves out loopback, unspecified, IPv4-compatible
 * {@code ::/96}, unique-local {@code fc00::/7}, link-local {@code fe80::/10}, site-local {@code fec0::/10}, multicast
 * {@code ff00::/8}, discard {@code 100::/64}; inside it the IETF block {@code 2001::/23} (Teredo among it),
 * documentation {@code 2001:db8::/32} and {@code 3fff::/20} are refused too. Forms that carry an IPv4 address are
 * judged by that address: IPv4-mapped {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96} and 6to4
 * {@code 2002::/16}; local-use NAT64 {@code 64:ff9b:1::/48} is refused.
 */
public final class PublicAddress {

    private static final List<Cidr> NON_PUBLIC_V4 = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"), Cidr.parse("192.88.99.0/24"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"),
            Cidr.parse("203.0.113.0/24"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"));

    private static final List<Cidr> NON_PUBLIC_GLOBAL_V6 = List.of(
            Cidr.parse("2001::/23"), Cidr.parse("2001:db8::/32"), Cidr.parse("3fff::/20"));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private PublicAddress() {
    }

    /**
     * @param address a resolved address
     * @return whether it is a public unicast address (see the class comment for what is not)
     */
    public static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(address);
        }
        if (isMapped(bytes) || NAT64.contains(address)) {
            return isPublicV4(v4(bytes, 12));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return isPublicV4(v4(bytes, 2));
        }
        if ((bytes[0] & 0xe0) != 0x20) {
            return false;
        }
        return NON_PUBLIC_GLOBAL_V6.stream().noneMatch(range -> range.contains(address));
    }

    /**
     * @param address a resolved address
     * @return whether no setting may ever allow it: unspecified ({@code 0.0.0.0}, {@code ::}; connecting to it
     *         reaches this host), multicast, or the IPv4 broadcast address
     */
    public static boolean isNeverAllowed(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return (bytes[0] & bytes[1] & bytes[2] & bytes[3]) == (byte) 0xff;
        }
        return isMapped(bytes) && isNeverAllowed(v4(bytes, 12));
    }

    private static boolean isPublicV4(InetAddress address) {
        return NON_PUBLIC_V4.stream().noneMatch(range -> range.contains(address));
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static InetAddress v4(byte[] bytes, int from) {
        try {
            return InetAddress.getByAddress(new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
