package io.usso.keycloak.telegram.proof;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.keycloak.models.RealmModel;

/**
 * Checks a Mini App's {@code initData} (Telegram WebApp), exactly as Telegram's Mini App documentation specifies
 * ("Validating data received via the Mini App"):
 *
 * <ul>
 *   <li>the URL-encoded query string is decoded; the <em>data-check-string</em> is every received field except
 *       {@code hash}, sorted by name, as {@code name=value} lines joined by {@code \n};</li>
 *   <li>own bot: {@code secret_key = HMAC-SHA-256(key "WebAppData", message bot token)} and {@code hash} must equal
 *       {@code hex(HMAC-SHA-256(secret_key, data-check-string))}, compared in constant time;</li>
 *   <li>a listed third-party bot (data of a Mini App opened for another bot, no token needed): the base64url
 *       {@code signature} field must be Telegram's Ed25519 signature of {@code "<bot_id>:WebAppData\n"} followed by
 *       the data-check-string of every field except {@code hash} and {@code signature};</li>
 *   <li>{@code auth_date} no older than the tenant's maximum age (and not more than {@value #CLOCK_SKEW_SECONDS} s
 *       ahead); a {@code user} object with a positive {@code id};</li>
 *   <li>each accepted data set is claimed once, cluster-wide ({@link ProofReplay}, kind {@value #REPLAY_KIND}).</li>
 * </ul>
 *
 * Signatures are checked before anything else in the data is believed; the replay claim comes last, so refused data
 * claims nothing.
 */
public final class InitDataVerifier {

    /** {@link ProofReplay} kind of Mini App data. */
    public static final String REPLAY_KIND = "webapp";
    /** Longest {@code initData} looked at (Telegram's are well under 2 KB). */
    public static final int MAX_LENGTH = 8192;
    /** Most fields looked at. */
    public static final int MAX_FIELDS = 40;
    /** Seconds an {@code auth_date} may lie ahead of this server's clock. */
    public static final long CLOCK_SKEW_SECONDS = 60;

    private static final String HASH = "hash";
    private static final String SIGNATURE = "signature";
    private static final String AUTH_DATE = "auth_date";
    private static final String USER = "user";
    private static final byte[] WEB_APP_DATA = "WebAppData".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern BOT_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{80,100}={0,2}");
    private static final int MAX_TEXT = 256;
    private static final int MAX_URL = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InitDataTrust trust;
    private final ProofReplay replay;
    private final RealmModel realm;

    /**
     * @param trust the tenant's bot and trusted third-party bots
     * @param replay the cluster-wide single-use claim
     * @param realm the tenant
     */
    public InitDataVerifier(InitDataTrust trust, ProofReplay replay, RealmModel realm) {
        this.trust = trust;
        this.replay = replay;
        this.realm = realm;
    }

    /**
     * @param raw the Mini App's {@code Telegram.WebApp.initData}, as sent
     * @param forBotId the bot the Mini App was opened for when it is not the tenant's own bot; null or blank (or the
     *        own bot's id) for the tenant's own bot
     * @param nowSeconds the current time, epoch seconds
     * @return the verified data, or why it was refused
     */
    public InitDataCheck verify(String raw, String forBotId, long nowSeconds) {
        if (raw == null || raw.isBlank()) {
            return refused(InitDataFailure.MALFORMED);
        }
        if (raw.length() > MAX_LENGTH) {
            return refused(InitDataFailure.TOO_LONG);
        }
        Map<String, String> fields = parse(raw);
        if (fields == null) {
            return refused(InitDataFailure.MALFORMED);
        }
        boolean thirdParty = forBotId != null && !forBotId.isBlank() && !forBotId.trim().equals(trust.botId());
        String botId = thirdParty ? forBotId.trim() : trust.botId();
        InitDataFailure signature = thirdParty ? checkSignature(fields, botId) : checkHash(fields);
        if (signature != null) {
            return refused(signature);
        }
        InitDataFailure age = checkAuthDate(fields.get(AUTH_DATE), nowSeconds);
        if (age != null) {
            return refused(age);
        }
        if (fields.get(USER) == null) {
            return refused(InitDataFailure.MISSING_USER);
        }
        InitDataUser user = user(fields.get(USER));
        if (user == null) {
            return refused(InitDataFailure.BAD_USER);
        }
        // the whole signed content, bot included: the same data presented again (in any field order) is a replay
        if (!replay.firstUse(realm, REPLAY_KIND, botId + "\n" + dataCheckString(fields, false),
                trust.maxAgeSeconds() + CLOCK_SKEW_SECONDS)) {
            return refused(InitDataFailure.REPLAYED);
        }
        Map<String, String> kept = new TreeMap<>(fields);
        kept.remove(HASH);
        kept.remove(SIGNATURE);
        return new InitDataCheck.Verified(new InitData(botId, thirdParty, Long.parseLong(fields.get(AUTH_DATE)),
                user, kept));
    }

    private InitDataFailure checkHash(Map<String, String> fields) {
        String hash = fields.get(HASH);
        if (hash == null) {
            return InitDataFailure.MISSING_HASH;
        }
        if (trust.botToken().isBlank()) {
            return InitDataFailure.NOT_CONFIGURED;
        }
        if (!HEX_HASH.matcher(hash).matches()) {
            return InitDataFailure.BAD_HASH;
        }
        byte[] expected = expectedHash(trust.botToken(), dataCheckString(fields, false));
        byte[] presented = HexFormat.of().parseHex(hash);
        return MessageDigest.isEqual(expected, presented) ? null : InitDataFailure.BAD_HASH;
    }

    private InitDataFailure checkSignature(Map<String, String> fields, String botId) {
        if (!BOT_ID.matcher(botId).matches() || !trust.thirdPartyBotIds().contains(botId)) {
            return InitDataFailure.UNLISTED_BOT;
        }
        if (trust.telegramKey() == null) {
            return InitDataFailure.NOT_CONFIGURED;
        }
        String signature = fields.get(SIGNATURE);
        if (signature == null) {
            return InitDataFailure.MISSING_SIGNATURE;
        }
        if (!BASE64URL.matcher(signature).matches()) {
            return InitDataFailure.BAD_SIGNATURE;
        }
        byte[] sig;
        try {
            sig = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return InitDataFailure.BAD_SIGNATURE;
        }
        byte[] message = thirdPartyMessage(botId, dataCheckString(fields, true));
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(trust.telegramKey());
            verifier.update(message);
            return verifier.verify(sig) ? null : InitDataFailure.BAD_SIGNATURE;
        } catch (InvalidKeyException e) {
            return InitDataFailure.NOT_CONFIGURED;
        } catch (GeneralSecurityException e) {
            return InitDataFailure.BAD_SIGNATURE;
        }
    }

    private InitDataFailure checkAuthDate(String authDate, long nowSeconds) {
        if (authDate == null || !DIGITS.matcher(authDate).matches()) {
            return InitDataFailure.MISSING_AUTH_DATE;
        }
        long at = Long.parseLong(authDate);
        if (at > nowSeconds + CLOCK_SKEW_SECONDS) {
            return InitDataFailure.FUTURE;
        }
        return nowSeconds - at > trust.maxAgeSeconds() ? InitDataFailure.EXPIRED : null;
    }

    /**
     * @param raw a URL-encoded query string
     * @return its decoded fields, or null when malformed (bad escapes, empty or repeated names, too many fields)
     */
    static Map<String, String> parse(String raw) {
        Map<String, String> fields = new TreeMap<>();
        String[] pairs = raw.split("&", -1);
        if (pairs.length > MAX_FIELDS) {
            return null;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.isEmpty() || name.indexOf('\n') >= 0 || fields.putIfAbsent(name, value) != null) {
                    return null;
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return fields;
    }

    /**
     * @param fields decoded fields, sorted by name
     * @param withoutSignature whether {@code signature} is left out too (the third-party check)
     * @return Telegram's data-check-string
     */
    static String dataCheckString(Map<String, String> fields, boolean withoutSignature) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> f : new TreeMap<>(fields).entrySet()) {
            if (HASH.equals(f.getKey()) || (withoutSignature && SIGNATURE.equals(f.getKey()))) {
                continue;
            }
            if (s.length() > 0) {
                s.append('\n');
            }
            s.append(f.getKey()).append('=').append(f.getValue());
        }
        return s.toString();
    }

    /**
     * @param botToken the bot token
     * @param dataCheckString the data-check-string
     * @return {@code HMAC-SHA-256(HMAC-SHA-256("WebAppData", botToken), dataCheckString)}
     */
    static byte[] expectedHash(String botToken, String dataCheckString) {
        byte[] secretKey = hmac(WEB_APP_DATA, botToken.getBytes(StandardCharsets.UTF_8));
        return hmac(secretKey, dataCheckString.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param botId the bot the Mini App was opened for
     * @param dataCheckString fields except {@code hash} and {@code signature}
     * @return what Telegram signs with Ed25519 for third parties
     */
    static byte[] thirdPartyMessage(String botId, String dataCheckString) {
        return (botId + ":WebAppData\n" + dataCheckString).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is unavailable", e);
        }
    }

    /**
     * @param json the {@code user} field
     * @return the user, or null when it is not a JSON object with a positive integral {@code id}
     */
    static InitDataUser user(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode id = node.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
            return null;
        }
        String firstName = text(node, "first_name", MAX_TEXT);
        return new InitDataUser(id.asLong(), firstName, text(node, "last_name", MAX_TEXT),
                text(node, "username", MAX_TEXT), text(node, "photo_url", MAX_URL),
                text(node, "language_code", 35));
    }

    private static String text(JsonNode node, String name, int max) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            return null;
        }
        String s = v.asText().strip();
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static InitDataCheck refused(InitDataFailure failure) {
        return new InitDataCheck.Refused(failure);
    }
}
