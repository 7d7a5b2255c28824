package io.usso.keycloak.telegram.proof;

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
import java.util.stream.Collectors;

/** Test side of Telegram: builds and signs initData the way Telegram does, with keys made in the test. */
final class InitDataSigner {

    private InitDataSigner() {
    }

    static Map<String, String> fields(long authDate, String userJson) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("query_id", "AAHdF6IQAAAAAN0XohDhrOrc");
        f.put("user", userJson);
        f.put("auth_date", Long.toString(authDate));
        return f;
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    /** Adds hash (HMAC with the bot token) over every field but hash. */
    static Map<String, String> withHash(Map<String, String> fields, String botToken) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.remove("hash");
        f.put("hash", HexFormat.of().formatHex(
                InitDataVerifier.expectedHash(botToken, InitDataVerifier.dataCheckString(new TreeMap<>(f), false))));
        return f;
    }

    /** Adds signature (Ed25519 by "Telegram") over every field but hash and signature. */
    static Map<String, String> withSignature(Map<String, String> fields, String botId, KeyPair telegram) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.remove("signature");
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(telegram.getPrivate());
            s.update(InitDataVerifier.thirdPartyMessage(botId,
                    InitDataVerifier.dataCheckString(new TreeMap<>(f), true)));
            f.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign()));
            return f;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw 32-byte key as hex: the X.509 encoding's last 32 bytes. */
    static String rawHex(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = new byte[32];
        System.arraycopy(spki, spki.length - 32, raw, 0, 32);
        return HexFormat.of().formatHex(raw);
    }
}
