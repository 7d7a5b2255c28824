package io.usso.keycloak.telegram.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

class LoginWidgetVerifierTest {

    /** Computed once with Python's hmac/hashlib, not with this code. */
    private static final String KNOWN_TOKEN = "123456:AAEk-UssoKnownVectorToken_0123456789";
    private static final String KNOWN_HASH = "b9ca3ff5e8ae33ba2edb2fb86068a653a414dcd387deb3cb916c8d13868fbb04";

    private final AtomicLong now = new AtomicLong(1_700_000_100L);
    private final Set<String> claimed = new HashSet<>();
    private ProofReplay replay;
    private RealmModel realm;
    private String botToken;

    @BeforeEach
    void setUp() {
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        when(store.putIfAbsent(anyString(), anyLong())).thenAnswer(i -> claimed.add(i.getArgument(0)));
        replay = new ProofReplay(store);
        realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn("tenant-a");
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        botToken = (100000 + new SecureRandom().nextInt(900000)) + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private LoginWidgetVerifier verifier(String token) {
        return new LoginWidgetVerifier(token, 300, now::get, replay);
    }

    private static Map<String, String> knownFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", "42");
        f.put("first_name", "Ada");
        f.put("last_name", "Lovelace");
        f.put("username", "ada");
        f.put("photo_url", "https://t.me/i/userpic/320/ada.jpg");
        f.put("auth_date", "1700000000");
        return f;
    }

    /** An independent signer: Telegram's recipe written out here with the JDK. */
    private static String independentSign(String token, Map<String, String> fields) throws Exception {
        StringBuilder check = new StringBuilder();
        fields.entrySet().stream().filter(e -> !e.getKey().equals("hash")).sorted(Map.Entry.comparingByKey())
                .forEach(e -> check.append(check.length() == 0 ? "" : "\n").append(e.getKey()).append('=')
                        .append(e.getValue()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(check.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Map<String, String> signed(String token, long authDate) throws Exception {
        Map<String, String> f = knownFields();
        f.put("auth_date", String.valueOf(authDate));
        f.put("hash", independentSign(token, f));
        return f;
    }

    @Test
    void knownVectorMatchesTelegramsRecipe() throws Exception {
        Map<String, String> f = knownFields();
        assertEquals(KNOWN_HASH, independentSign(KNOWN_TOKEN, f));
        f.put("hash", KNOWN_HASH);
        LoginWidgetData data = LoginWidgetData.of(f);
        assertEquals("auth_date=1700000000\nfirst_name=Ada\nid=42\nlast_name=Lovelace\n"
                + "photo_url=https://t.me/i/userpic/320/ada.jpg\nusername=ada", data.dataCheckString());
        assertEquals(KNOWN_HASH, LoginWidgetVerifier.sign(KNOWN_TOKEN, data.dataCheckString()));
        verifier(KNOWN_TOKEN).verify(realm, data);
    }

    @Test
    void freshDataSignedByTheBotIsAcceptedOnce() throws Exception {
        LoginWidgetData data = LoginWidgetData.of(signed(botToken, now.get() - 10));
        verifier(botToken).verify(realm, data);
        assertEquals("42", data.id());
        assertEquals(LoginWidgetRefusal.REPLAYED, refusal(botToken, data));
    }

    @Test
    void upperCaseHashIsTheSameHash() throws Exception {
        Map<String, String> f = signed(botToken, now.get());
        f.put("hash", f.get("hash").toUpperCase(java.util.Locale.ROOT));
        verifier(botToken).verify(realm, LoginWidgetData.of(f));
        f.put("hash", f.get("hash").toLowerCase(java.util.Locale.ROOT));
        assertEquals(LoginWidgetRefusal.REPLAYED, refusal(botToken, LoginWidgetData.of(f)));
    }

    @Test
    void tamperedFieldOrHashIsRefused() throws Exception {
        Map<String, String> f = signed(botToken, now.get());
        f.put("id", "43");
        assertEquals(LoginWidgetRefusal.BAD_HASH, refusal(botToken, LoginWidgetData.of(f)));

        Map<String, String> g = signed(botToken, now.get());
        char[] h = g.get("hash").toCharArray();
        h[0] = h[0] == 'a' ? 'b' : 'a';
        g.put("hash", new String(h));
        assertEquals(LoginWidgetRefusal.BAD_HASH, refusal(botToken, LoginWidgetData.of(g)));

        Map<String, String> added = signed(botToken, now.get());
        added.put("is_admin", "true");
        assertEquals(LoginWidgetRefusal.BAD_HASH, refusal(botToken, LoginWidgetData.of(added)));
        assertEquals(0, claimed.size(), "refused data claims no hash");
    }

    @Test
    void dataOfAnotherBotIsRefused() throws Exception {
        LoginWidgetData other = LoginWidgetData.of(signed("654321:AnotherBotTokenAnotherBotToken", now.get()));
        assertEquals(LoginWidgetRefusal.BAD_HASH, refusal(botToken, other));
    }

    @Test
    void authDateMustBeRecentAndNotInTheFuture() throws Exception {
        assertEquals(LoginWidgetRefusal.EXPIRED,
                refusal(botToken, LoginWidgetData.of(signed(botToken, now.get() - 301))));
        verifier(botToken).verify(realm, LoginWidgetData.of(signed(botToken, now.get() - 300)));
        verifier(botToken).verify(realm, LoginWidgetData.of(signed(botToken, now.get() + 30)));
        assertEquals(LoginWidgetRefusal.FUTURE,
                refusal(botToken, LoginWidgetData.of(signed(botToken, now.get() + 31))));
    }

    @Test
    void replayAfterTheAgeLimitIsExpiredNotAccepted() throws Exception {
        LoginWidgetData data = LoginWidgetData.of(signed(botToken, now.get()));
        verifier(botToken).verify(realm, data);
        now.addAndGet(301);
        assertEquals(LoginWidgetRefusal.EXPIRED, refusal(botToken, data));
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        for (String field : new String[] {"id", "auth_date", "hash"}) {
            Map<String, String> f = signed(botToken, now.get());
            f.remove(field);
            LoginWidgetRefusedException e = assertThrows(LoginWidgetRefusedException.class,
                    () -> LoginWidgetData.of(f));
            assertEquals(LoginWidgetRefusal.MISSING_FIELD, e.reason(), field);
        }
        assertEquals(LoginWidgetRefusal.MISSING_FIELD, assertThrows(LoginWidgetRefusedException.class,
                () -> LoginWidgetData.ofAuthResult("")).reason());
    }

    @Test
    void malformedValuesAreRefusedBeforeAnyCheck() throws Exception {
        String[][] bad = {{"id", "-1"}, {"id", "4x"}, {"id", "012"}, {"auth_date", "soon"},
                {"auth_date", "1e9"}, {"hash", "abc"}, {"hash", "z".repeat(64)}, {"first_name", "a\nb"},
                {"first_name", "x".repeat(1025)}, {"Bad-Key", "v"}};
        for (String[] kv : bad) {
            Map<String, String> f = signed(botToken, now.get());
            f.put(kv[0], kv[1]);
            assertEquals(LoginWidgetRefusal.MALFORMED,
                    assertThrows(LoginWidgetRefusedException.class, () -> LoginWidgetData.of(f)).reason(), kv[0]);
        }
        Map<String, String> many = signed(botToken, now.get());
        for (int i = 0; i < LoginWidgetData.MAX_FIELDS; i++) {
            many.put("extra" + i, "x");
        }
        assertEquals(LoginWidgetRefusal.MALFORMED,
                assertThrows(LoginWidgetRefusedException.class, () -> LoginWidgetData.of(many)).reason());
    }

    @Test
    void authResultFragmentIsDecoded() throws Exception {
        long t = now.get();
        String json = "{\"id\":42,\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"username\":\"ada\","
                + "\"photo_url\":\"https://t.me/i/userpic/320/ada.jpg\",\"auth_date\":" + t + ",\"hash\":\""
                + signed(botToken, t).get("hash") + "\"}";
        String encoded = Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        LoginWidgetData data = LoginWidgetData.ofAuthResult(encoded);
        assertEquals("ada", data.field(LoginWidgetData.USERNAME));
        verifier(botToken).verify(realm, data);

        for (String bad : new String[] {"%%%", b64("[1,2]"), b64("{\"id\":{\"x\":1}}"), b64("not json"),
                "A".repeat(9000)}) {
            assertEquals(LoginWidgetRefusal.MALFORMED,
                    assertThrows(LoginWidgetRefusedException.class, () -> LoginWidgetData.ofAuthResult(bad))
                            .reason(), bad);
        }
    }

    @Test
    void reasonsHaveStableCodes() {
        assertEquals("missing_field", LoginWidgetRefusal.MISSING_FIELD.code());
        assertEquals("bad_hash", LoginWidgetRefusal.BAD_HASH.code());
        assertEquals("replayed", LoginWidgetRefusal.REPLAYED.code());
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private LoginWidgetRefusal refusal(String token, LoginWidgetData data) {
        return assertThrows(LoginWidgetRefusedException.class, () -> verifier(token).verify(realm, data)).reason();
    }
}
