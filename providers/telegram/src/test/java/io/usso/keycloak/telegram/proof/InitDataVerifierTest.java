package io.usso.keycloak.telegram.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

class InitDataVerifierTest {

    private static final long NOW = 1_790_000_000L;
    private static final String USER = "{\"id\":279058397,\"first_name\":\"Vladislav + - ? \\/\",\"last_name\":\"K\","
            + "\"username\":\"vdk\",\"language_code\":\"fa\",\"photo_url\":\"https:\\/\\/t.me\\/i\\/userpic\\/320\\/x.svg\"}";
    private static final String OTHER_BOT = "7000000001";

    private final String botToken = "6000000001:" + randomToken();
    private final KeyPair telegram = InitDataSigner.ed25519();
    private final Set<String> claimed = new HashSet<>();
    private InitDataVerifier verifier;

    @BeforeEach
    void setUp() {
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        when(store.putIfAbsent(anyString(), anyLong())).thenAnswer(i -> claimed.add(i.getArgument(0)));
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn("tenant");
        InitDataTrust trust = new InitDataTrust("6000000001", botToken, Set.of(OTHER_BOT),
                TelegramPublicKey.fromHex(InitDataSigner.rawHex(telegram)), 300);
        verifier = new InitDataVerifier(trust, new ProofReplay(store), realm);
    }

    private static String randomToken() {
        byte[] b = new byte[26];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private String signed(long authDate) {
        return InitDataSigner.encode(InitDataSigner.withHash(InitDataSigner.fields(authDate, USER), botToken));
    }

    private InitDataFailure failure(InitDataCheck check) {
        return assertInstanceOf(InitDataCheck.Refused.class, check).failure();
    }

    @Test
    void dataSignedWithTheBotTokenIsAcceptedWithItsUser() {
        InitDataCheck check = verifier.verify(signed(NOW - 10), null, NOW);
        InitData data = assertInstanceOf(InitDataCheck.Verified.class, check).data();
        assertEquals("6000000001", data.botId());
        assertFalse(data.thirdParty());
        assertEquals(NOW - 10, data.authDate());
        assertEquals(279058397L, data.user().id());
        assertEquals("Vladislav + - ? /", data.user().firstName(), "escaped characters decoded");
        assertEquals("vdk", data.user().username());
        assertEquals("fa", data.user().languageCode());
        assertEquals("https://t.me/i/userpic/320/x.svg", data.user().photoUrl());
        assertEquals("AAHdF6IQAAAAAN0XohDhrOrc", data.queryId());
        assertFalse(data.fields().containsKey("hash"));
    }

    @Test
    void theOwnBotIdGivenExplicitlyStillUsesTheHmac() {
        assertInstanceOf(InitDataCheck.Verified.class, verifier.verify(signed(NOW), "6000000001", NOW));
    }

    @Test
    void theSignatureFieldIsPartOfTheHmacCheck() {
        // Telegram's current initData carries both; the hash covers signature too
        Map<String, String> f = InitDataSigner.withSignature(InitDataSigner.fields(NOW, USER), "6000000001", telegram);
        Map<String, String> both = InitDataSigner.withHash(f, botToken);
        assertInstanceOf(InitDataCheck.Verified.class, verifier.verify(InitDataSigner.encode(both), null, NOW));

        Map<String, String> swapped = new LinkedHashMap<>(both);
        String signature = both.get("signature");
        // a different first character (the random signature may itself start with 'A')
        swapped.put("signature", (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        assertEquals(InitDataFailure.BAD_HASH, failure(verifier.verify(InitDataSigner.encode(swapped), null, NOW)));
    }

    @Test
    void fieldOrderDoesNotMatter() {
        Map<String, String> f = InitDataSigner.withHash(InitDataSigner.fields(NOW, USER), botToken);
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("hash", f.get("hash"));
        reordered.put("auth_date", f.get("auth_date"));
        reordered.put("user", f.get("user"));
        reordered.put("query_id", f.get("query_id"));
        assertInstanceOf(InitDataCheck.Verified.class, verifier.verify(InitDataSigner.encode(reordered), null, NOW));
    }

    @Test
    void tamperedFieldsOrHashAreRefused() {
        Map<String, String> f = InitDataSigner.withHash(InitDataSigner.fields(NOW, USER), botToken);
        Map<String, String> otherUser = new LinkedHashMap<>(f);
        otherUser.put("user", USER.replace("279058397", "279058398"));
        assertEquals(InitDataFailure.BAD_HASH, failure(verifier.verify(InitDataSigner.encode(otherUser), null, NOW)));

        Map<String, String> flipped = new LinkedHashMap<>(f);
        String h = f.get("hash");
        flipped.put("hash", (h.charAt(0) == '0' ? "1" : "0") + h.substring(1));
        assertEquals(InitDataFailure.BAD_HASH, failure(verifier.verify(InitDataSigner.encode(flipped), null, NOW)));

        Map<String, String> added = new LinkedHashMap<>(f);
        added.put("start_param", "x");
        assertEquals(InitDataFailure.BAD_HASH, failure(verifier.verify(InitDataSigner.encode(added), null, NOW)));

        Map<String, String> noHash = new LinkedHashMap<>(f);
        noHash.remove("hash");
        assertEquals(InitDataFailure.MISSING_HASH, failure(verifier.verify(InitDataSigner.encode(noHash), null, NOW)));

        Map<String, String> shortHash = new LinkedHashMap<>(f);
        shortHash.put("hash", "abc");
        assertEquals(InitDataFailure.BAD_HASH, failure(verifier.verify(InitDataSigner.encode(shortHash), null, NOW)));
    }

    @Test
    void dataOfAnotherBotsTokenIsRefused() {
        String other = InitDataSigner.encode(InitDataSigner.withHash(InitDataSigner.fields(NOW, USER),
                "6000000002:" + randomToken()));
        assertEquals(InitDataFailure.BAD_HASH, failure(verifier.verify(other, null, NOW)));
    }

    @Test
    void ageIsChecked() {
        assertInstanceOf(InitDataCheck.Verified.class, verifier.verify(signed(NOW - 300), null, NOW));
        assertEquals(InitDataFailure.EXPIRED, failure(verifier.verify(signed(NOW - 301), null, NOW)));
        assertEquals(InitDataFailure.FUTURE, failure(verifier.verify(signed(NOW + 61), null, NOW)));
        assertInstanceOf(InitDataCheck.Verified.class, verifier.verify(signed(NOW + 30), null, NOW), "small skew");

        Map<String, String> noDate = InitDataSigner.fields(NOW, USER);
        noDate.remove("auth_date");
        assertEquals(InitDataFailure.MISSING_AUTH_DATE, failure(verifier.verify(
                InitDataSigner.encode(InitDataSigner.withHash(noDate, botToken)), null, NOW)));
        Map<String, String> wordDate = InitDataSigner.fields(NOW, USER);
        wordDate.put("auth_date", "yesterday");
        assertEquals(InitDataFailure.MISSING_AUTH_DATE, failure(verifier.verify(
                InitDataSigner.encode(InitDataSigner.withHash(wordDate, botToken)), null, NOW)));
    }

    @Test
    void eachDataSetIsAcceptedOnce() {
        String data = signed(NOW);
        assertInstanceOf(InitDataCheck.Verified.class, verifier.verify(data, null, NOW));
        assertEquals(InitDataFailure.REPLAYED, failure(verifier.verify(data, null, NOW)));
        assertInstanceOf(InitDataCheck.Verified.class, verifier.verify(signed(NOW - 1), null, NOW),
                "fresh data of the same user is fine");
    }

    @Test
    void refusedDataClaimsNothing() {
        Map<String, String> f = InitDataSigner.withHash(InitDataSigner.fields(NOW, USER), botToken);
        Map<String, String> tampered = new LinkedHashMap<>(f);
        tampered.put("query_id", "other");
        failure(verifier.verify(InitDataSigner.encode(tampered), null, NOW));
        assertTrue(claimed.isEmpty());
    }

    @Test
    void userMustBeAPersonWithAPositiveId() {
        Map<String, String> noUser = InitDataSigner.fields(NOW, USER);
        noUser.remove("user");
        assertEquals(InitDataFailure.MISSING_USER, failure(verifier.verify(
                InitDataSigner.encode(InitDataSigner.withHash(noUser, botToken)), null, NOW)));
        for (String bad : new String[] {"not json", "[1]", "{\"id\":\"12\"}", "{\"id\":-5}", "{\"id\":1.5}",
                "{\"first_name\":\"x\"}", "{\"id\":99999999999999999999999}"}) {
            Map<String, String> f = InitDataSigner.fields(NOW, bad);
            assertEquals(InitDataFailure.BAD_USER, failure(verifier.verify(
                    InitDataSigner.encode(InitDataSigner.withHash(f, botToken)), null, NOW)), bad);
        }
    }

    @Test
    void malformedInputIsRefusedWithoutExceptions() {
        for (String bad : new String[] {null, "", "   ", "=x", "a", "a=1&a=2", "user=%zz", "a=1&&b=2", "%0A=1"}) {
            assertEquals(InitDataFailure.MALFORMED, failure(verifier.verify(bad, null, NOW)), String.valueOf(bad));
        }
        assertEquals(InitDataFailure.TOO_LONG, failure(verifier.verify("a=" + "x".repeat(9000), null, NOW)));
        assertEquals(InitDataFailure.MALFORMED, failure(verifier.verify("a=1" + "&b=2".repeat(50), null, NOW)));
    }

    @Test
    void thirdPartyDataIsCheckedWithTelegramsSignatureForListedBotsOnly() {
        Map<String, String> f = InitDataSigner.fields(NOW, USER);
        // the other bot's hash is useless to us: its token is unknown; the signature is what counts
        Map<String, String> signed = InitDataSigner.withHash(
                InitDataSigner.withSignature(f, OTHER_BOT, telegram), "7000000001:" + randomToken());
        InitData data = assertInstanceOf(InitDataCheck.Verified.class,
                verifier.verify(InitDataSigner.encode(signed), OTHER_BOT, NOW)).data();
        assertTrue(data.thirdParty());
        assertEquals(OTHER_BOT, data.botId());
        assertEquals(279058397L, data.user().id());

        // the same signed data claimed for a different (listed or not) bot id does not verify
        assertEquals(InitDataFailure.UNLISTED_BOT, failure(verifier.verify(InitDataSigner.encode(signed),
                "7000000002", NOW)));
        assertEquals(InitDataFailure.UNLISTED_BOT, failure(verifier.verify(InitDataSigner.encode(signed),
                "not-a-number", NOW)));
        // replay of third-party data
        assertEquals(InitDataFailure.REPLAYED, failure(verifier.verify(InitDataSigner.encode(signed), OTHER_BOT,
                NOW)));
    }

    @Test
    void thirdPartySignatureByAnotherKeyOrOverOtherDataIsRefused() {
        Map<String, String> f = InitDataSigner.fields(NOW, USER);
        Map<String, String> forged = InitDataSigner.withSignature(f, OTHER_BOT, InitDataSigner.ed25519());
        assertEquals(InitDataFailure.BAD_SIGNATURE, failure(verifier.verify(InitDataSigner.encode(forged),
                OTHER_BOT, NOW)));

        Map<String, String> signedForOwnBot = InitDataSigner.withSignature(f, "6000000001", telegram);
        assertEquals(InitDataFailure.BAD_SIGNATURE, failure(verifier.verify(InitDataSigner.encode(signedForOwnBot),
                OTHER_BOT, NOW)), "signature binds the bot id");

        Map<String, String> tampered = new LinkedHashMap<>(InitDataSigner.withSignature(f, OTHER_BOT, telegram));
        tampered.put("user", USER.replace("279058397", "1"));
        assertEquals(InitDataFailure.BAD_SIGNATURE, failure(verifier.verify(InitDataSigner.encode(tampered),
                OTHER_BOT, NOW)));

        assertEquals(InitDataFailure.MISSING_SIGNATURE, failure(verifier.verify(InitDataSigner.encode(f),
                OTHER_BOT, NOW)));
        Map<String, String> garbage = new LinkedHashMap<>(f);
        garbage.put("signature", "!!");
        assertEquals(InitDataFailure.BAD_SIGNATURE, failure(verifier.verify(InitDataSigner.encode(garbage),
                OTHER_BOT, NOW)));

        Map<String, String> expired = InitDataSigner.withSignature(InitDataSigner.fields(NOW - 1000, USER),
                OTHER_BOT, telegram);
        assertEquals(InitDataFailure.EXPIRED, failure(verifier.verify(InitDataSigner.encode(expired), OTHER_BOT,
                NOW)));
    }

    @Test
    void withoutABotTokenOwnDataCannotBeChecked() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn("t");
        InitDataVerifier noToken = new InitDataVerifier(new InitDataTrust("", "", Set.of(),
                TelegramPublicKey.production(), 300), new ProofReplay(mock(SingleUseObjectProvider.class)), realm);
        assertEquals(InitDataFailure.NOT_CONFIGURED, failure(noToken.verify(signed(NOW), null, NOW)));
    }

    @Test
    void publicKeysAreReadFromRawHex() {
        assertEquals("EdDSA", TelegramPublicKey.production().getAlgorithm());
        TelegramPublicKey.fromHex(TelegramPublicKey.TEST_HEX);
        assertThrows(IllegalArgumentException.class, () -> TelegramPublicKey.fromHex("abcd"));
        assertThrows(IllegalArgumentException.class, () -> TelegramPublicKey.fromHex("zz".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> TelegramPublicKey.fromHex(null));
    }

    @Test
    void theDataCheckStringIsSortedLinesWithoutHash() {
        Map<String, String> f = new java.util.TreeMap<>(Map.of("b", "2", "hash", "h", "a", "1", "signature", "s"));
        assertEquals("a=1\nb=2\nsignature=s", InitDataVerifier.dataCheckString(f, false));
        assertEquals("a=1\nb=2", InitDataVerifier.dataCheckString(f, true));
        assertNull(InitDataVerifier.parse("x"));
    }
}
