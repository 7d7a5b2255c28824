package io.usso.keycloak.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.webhooks.signing.WebhookSecret;
import io.usso.keycloak.webhooks.signing.WebhookSignature;

class WebhookSignatureTest {

    /** The example of the Standard Webhooks specification (and its reference libraries' tests). */
    @Test
    void matchesThePublishedTestVector() {
        String signature = WebhookSignature.v1("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void matchesAnIndependentComputation() throws Exception {
        String secret = WebhookSecret.generate();
        byte[] body = "{\"type\":\"REGISTER\",\"name\":\"\u0645\u0631\u06cc\u0645\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal(("msg_1.1800000000." + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("v1," + Base64.getEncoder().encodeToString(expected),
                WebhookSignature.v1(secret, "msg_1", 1_800_000_000L, body));
    }

    @Test
    void everyValidSecretSignsDuringARotation() {
        String newer = WebhookSecret.generate();
        String older = WebhookSecret.generate();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header(List.of(newer, older), "msg_2", 1L, body);
        String[] parts = header.split(" ");
        assertEquals(2, parts.length);
        assertEquals(WebhookSignature.v1(newer, "msg_2", 1L, body), parts[0]);
        assertEquals(WebhookSignature.v1(older, "msg_2", 1L, body), parts[1]);
    }

    @Test
    void idTimestampAndBodyAreAllSigned() {
        String secret = WebhookSecret.generate();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String base = WebhookSignature.v1(secret, "msg_3", 10L, body);
        assertNotEquals(base, WebhookSignature.v1(secret, "msg_4", 10L, body));
        assertNotEquals(base, WebhookSignature.v1(secret, "msg_3", 11L, body));
        assertNotEquals(base, WebhookSignature.v1(secret, "msg_3", 10L, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void secretsHaveThePrefixAndEnoughRandomBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String secret = WebhookSecret.generate();
            assertTrue(secret.startsWith("whsec_"));
            assertEquals(WebhookSecret.BYTES, WebhookSecret.key(secret).length);
            assertTrue(WebhookSecret.BYTES >= 24);
            assertTrue(seen.add(secret));
        }
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.key("sk_abc"));
    }
}
