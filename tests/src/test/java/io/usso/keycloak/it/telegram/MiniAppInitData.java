package io.usso.keycloak.it.telegram;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.usso.keycloak.it.support.UssoServer;

/**
 * Telegram's side of a Mini App in the tests: initData for a user, signed the way Telegram signs it (HMAC-SHA-256
 * with the "WebAppData"-derived key of a bot token made in the test; Ed25519 by a key pair made in the test that the
 * tenant is configured to take for Telegram's).
 */
final class MiniAppInitData {

    private MiniAppInitData() {
    }

    /** A bot token of the BotFather shape with a random secret part. */
    static String botToken(String botId) {
        return botId + ":" + UssoServer.randomSecret().replaceAll("[^A-Za-z0-9_-]", "x") + "AAAAAAAAAAAAAAAAAAAA";
    }

    static Map<String, String> fields(long telegramId, String firstName, String username, long authDate) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("query_id", "AA" + UUID.randomUUID().toString().replace("-", ""));
        f.put("user", "{\"id\":" + telegramId + ",\"first_name\":\"" + firstName + "\",\"last_name\":\"Tester\","
                + "\"username\":\"" + username + "\",\"language_code\":\"fa\",\"allows_write_to_pm\":true}");
        f.put("auth_date", Long.toString(authDate));
        return f;
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String dataCheckString(Map<String, String> fields, boolean withoutSignature) {
        return new TreeMap<>(fields).entrySet().stream()
                .filter(e -> !e.getKey().equals("hash") && !(withoutSignature && e.getKey().equals("signature")))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    static Map<String, String> withHash(Map<String, String> fields, String botToken) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.remove("hash");
        byte[] secret = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), botToken.getBytes(StandardCharsets.UTF_8));
        f.put("hash", HexFormat.of().formatHex(hmac(secret,
                dataCheckString(f, false).getBytes(StandardCharsets.UTF_8))));
        return f;
    }

    static Map<String, String> withSignature(Map<String, String> fields, String botId, KeyPair telegram) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.remove("signature");
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(telegram.getPrivate());
            s.update((botId + ":WebAppData\n" + dataCheckString(f, true)).getBytes(StandardCharsets.UTF_8));
            f.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw public key (hex), as Telegram publishes its keys. */
    static String rawHex(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return HexFormat.of().formatHex(spki, spki.length - 32, spki.length);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
