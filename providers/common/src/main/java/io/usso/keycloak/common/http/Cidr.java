package io.usso.keycloak.common.http;

import java.net.InetAddress;
import java.util.Arrays;

import io.usso.keycloak.common.net.ClientAddress;

/**
 * An address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}, or a single address, which is a /32 or
 * /128). Parsed without DNS; an IPv4 range only contains IPv4 addresses and an IPv6 range only IPv6 ones (Java hands
 * IPv4-mapped IPv6 addresses out as IPv4, so those meet IPv4 ranges).
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = addressText(network) + "/" + prefixLength;
    }

    /**
     * @param text {@code address/prefix} or a single address literal
     * @return the range (bits after the prefix cleared)
     * @throws IllegalArgumentException when the text is not an address literal with a prefix in range
     */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty network");
        }
        String value = text.strip();
        int slash = value.indexOf('/');
        InetAddress address = ClientAddress.parseLiteral(slash < 0 ? value : value.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an address literal: " + value);
        }
        byte[] bytes = address.getAddress();
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String digits = value.substring(slash + 1);
            if (!digits.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("bad prefix length: " + value);
            }
            prefix = Integer.parseInt(digits);
            if (prefix > max) {
                throw new IllegalArgumentException("prefix longer than the address: " + value);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix);
    }

    /**
     * @param address any address
     * @return whether it lies in this range (same family only)
     */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    private static String addressText(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code network/prefix} */
    @Override
    public String toString() {
        return text;
    }
}
