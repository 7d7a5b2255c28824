package io.usso.keycloak.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Asymmetric signing of Standard Webhooks ({@code v1a}): Ed25519 over {@code "{id}.{timestamp}.{body}"}. The private
 * key is kept as {@code whsk_} + base64 of its PKCS#8 encoding (never shown); the public key is published as
 * {@code whpk_} + base64 of its 32 raw bytes (RFC 8032), so receivers need no shared secret.
 *
 * @param privateKey {@code whsk_...}
 * @param publicKey {@code whpk_...}
 */
public record WebhookSigningKey(String privateKey, String publicKey) {

    /** Prefix of a stored private key. */
    public static final String PRIVATE_PREFIX = "whsk_";
    /** Prefix of a published public key. */
    public static final String PUBLIC_PREFIX = "whpk_";

    /** @return a new key pair */
    public static WebhookSigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            return new WebhookSigningKey(PRIVATE_PREFIX + Base64.getEncoder().encodeToString(
                    pair.getPrivate().getEncoded()), PUBLIC_PREFIX + Base64.getEncoder().encodeToString(raw));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /**
     * @param privateKey a stored {@code whsk_} key
     * @param id the message id
     * @param timestamp Unix seconds
     * @param body the exact body bytes
     * @return {@code v1a,<base64 signature>}
     */
    public static String v1a(String privateKey, String id, long timestamp, byte[] body) {
        if (privateKey == null || !privateKey.startsWith(PRIVATE_PREFIX)) {
            throw new IllegalArgumentException("not a whsk_ key");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(privateKey.substring(PRIVATE_PREFIX.length()))));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            signature.update(body);
            return "v1a," + Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Never shows the private key. */
    @Override
    public String toString() {
        return "WebhookSigningKey{" + publicKey + "}";
    }
}
