package io.usso.keycloak.telegram.proof;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Telegram's Ed25519 public keys that sign Mini App {@code initData} for third parties (the {@code signature}
 * field), as published in Telegram's Mini App documentation, and the conversion of a raw 32-byte key (hex) into a
 * Java key: Java 17's built-in Ed25519 reads X.509 SubjectPublicKeyInfo, which for Ed25519 is a fixed 12-byte
 * prefix followed by the raw key.
 */
public final class TelegramPublicKey {

    /** Telegram's production key (hex). */
    public static final String PRODUCTION_HEX = "e7bf03a2fa4602af4580703d88dda5bb59f32ed8b02a56c187fe7d34caed242d";
    /** Telegram's test-environment key (hex). */
    public static final String TEST_HEX = "40055058a4ee38156a06562e52eece92a771bcd8346a8c4615cb7376eddf72ec";

    /** DER of SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes: 0 unused bits + 32) }. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private TelegramPublicKey() {
    }

    /**
     * @param hex a raw Ed25519 public key, 64 hexadecimal digits
     * @return the key
     * @throws IllegalArgumentException when it is not 32 bytes of hex or not a valid Ed25519 key
     */
    public static PublicKey fromHex(String hex) {
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(hex == null ? "" : hex.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The Ed25519 public key must be 64 hexadecimal digits", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("The Ed25519 public key must be 32 bytes (64 hexadecimal digits)");
        }
        byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a valid Ed25519 public key", e);
        }
    }

    /** @return Telegram's production key */
    public static PublicKey production() {
        return fromHex(PRODUCTION_HEX);
    }
}
