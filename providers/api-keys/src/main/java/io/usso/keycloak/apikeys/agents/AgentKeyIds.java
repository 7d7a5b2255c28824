package io.usso.keycloak.apikeys.agents;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** USSO's key id: the lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo DER. */
public final class AgentKeyIds {

    private AgentKeyIds() {
    }

    /**
     * @param spki SubjectPublicKeyInfo DER
     * @return 64 lower-case hex characters
     */
    public static String of(byte[] spki) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * @param value a candidate key id
     * @return whether it has the shape of one (64 lower-case hex characters)
     */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
