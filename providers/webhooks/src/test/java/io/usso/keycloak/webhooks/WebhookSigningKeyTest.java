package io.usso.keycloak.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.webhooks.signing.WebhookSigningKey;

class WebhookSigningKeyTest {

    /** DER prefix of an X.509 Ed25519 public key (RFC 8410), before its 32 raw bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    @Test
    void theV1aSignatureVerifiesWithThePublishedRawPublicKeyOnly() throws Exception {
        WebhookSigningKey key = WebhookSigningKey.generate();
        assertTrue(key.privateKey().startsWith("whsk_"));
        assertTrue(key.publicKey().startsWith("whpk_"));
        byte[] raw = Base64.getDecoder().decode(key.publicKey().substring(5));
        assertEquals(32, raw.length);
        byte[] body = "{\"type\":\"REGISTER\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSigningKey.v1a(key.privateKey(), "msg_1", 1_800_000_000L, body);
        assertTrue(header.startsWith("v1a,"));
        assertTrue(verify(raw, "msg_1.1800000000.{\"type\":\"REGISTER\"}", header.substring(4)));
        assertFalse(verify(raw, "msg_1.1800000001.{\"type\":\"REGISTER\"}", header.substring(4)), "timestamp signed");
        WebhookSigningKey other = WebhookSigningKey.generate();
        assertFalse(verify(Base64.getDecoder().decode(other.publicKey().substring(5)),
                "msg_1.1800000000.{\"type\":\"REGISTER\"}", header.substring(4)), "another key");
        assertFalse(key.toString().contains(key.privateKey()));
    }

    private static boolean verify(byte[] raw, String content, String signature) throws Exception {
        byte[] x509 = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, x509, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, x509, X509_PREFIX.length, raw.length);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(content.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
