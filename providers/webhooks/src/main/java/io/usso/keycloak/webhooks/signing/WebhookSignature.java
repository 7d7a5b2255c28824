package io.usso.keycloak.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of Standard Webhooks 1.0: {@code v1,<base64 HMAC-SHA-256>} of
 * {@code "{webhook-id}.{webhook-timestamp}.{body}"} per valid secret, space-separated (two during a rotation).
 */
public final class WebhookSignature {

    /** Header names. */
    public static final String HEADER_ID = "webhook-id";
    /** Unix seconds of the attempt. */
    public static final String HEADER_TIMESTAMP = "webhook-timestamp";
    /** The signatures. */
    public static final String HEADER_SIGNATURE = "webhook-signature";

    private WebhookSignature() {
    }

    /**
     * @param secret a {@code whsec_} secret
     * @param id the message id
     * @param timestamp Unix seconds
     * @param body the exact body bytes
     * @return {@code v1,<base64>}
     */
    public static String v1(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecret.key(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /**
     * @param secrets the valid secrets, newest first
     * @param id the message id
     * @param timestamp Unix seconds
     * @param body the exact body bytes
     * @return the header value: one {@code v1,} signature per secret, space-separated
     */
    public static String header(List<String> secrets, String id, long timestamp, byte[] body) {
        return secrets.stream().map(s -> v1(s, id, timestamp, body)).collect(Collectors.joining(" "));
    }
}
