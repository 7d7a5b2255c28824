package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class OtpCodeCheckTest {

    private static final String PURPOSE = "email:login";
    private final OtpHasher hasher = new OtpHasher();
    private final Fakes.SingleUse singleUse = new Fakes.SingleUse();
    private final OtpCodeCheck check = new OtpCodeCheck(hasher, new AttemptCounter(singleUse, "realm-1"));
    private final Map<String, String> notes = new HashMap<>();
    private final OtpStore store = new OtpStore(Fakes.authSession(notes), "usso.otp.email.login");
    private final OtpConfig config = OtpConfig.defaults();

    private void issue(String code, long now) {
        String salt = hasher.newSalt();
        store.write(OtpState.issued(hasher.hash(PURPOSE, code, salt), salt, "a@example.com", "u1", now, 300));
    }

    @Test
    void theRightCodeWorksOnceThenNeverAgain() {
        issue("123456", 1000);
        assertEquals(OtpVerdict.ACCEPTED, check.check(store, PURPOSE, "123456", config, 1010).verdict());
        assertTrue(store.read().isEmpty(), "state cleared after use");
        assertEquals(OtpVerdict.MISSING, check.check(store, PURPOSE, "123456", config, 1011).verdict(), "replay");
    }

    @Test
    void fiveWrongCodesKillTheCodeEvenTheRightOneAfterwards() {
        issue("123456", 1000);
        for (int i = 1; i <= 4; i++) {
            OtpCodeCheck.Result r = check.check(store, PURPOSE, "000000", config, 1001);
            assertEquals(OtpVerdict.REJECTED, r.verdict());
            assertEquals(5 - i, r.attemptsLeft());
        }
        assertEquals(OtpVerdict.LOCKED, check.check(store, PURPOSE, "000000", config, 1001).verdict());
        assertEquals(OtpVerdict.LOCKED, check.check(store, PURPOSE, "123456", config, 1001).verdict());
        assertEquals(5, store.read().orElseThrow().attempts());
    }

    @Test
    void anExpiredCodeIsRefusedWithoutCountingAnAttempt() {
        issue("123456", 1000);
        assertEquals(OtpVerdict.EXPIRED, check.check(store, PURPOSE, "123456", config, 1300).verdict());
        assertEquals(0, store.read().orElseThrow().attempts());
    }

    @Test
    void malformedInputIsNotCounted() {
        issue("123456", 1000);
        for (int i = 0; i < 20; i++) {
            assertEquals(OtpVerdict.MALFORMED, check.check(store, PURPOSE, "12ab", config, 1001).verdict());
        }
        assertEquals(OtpVerdict.ACCEPTED, check.check(store, PURPOSE, "۱۲۳۴۵۶", config, 1001).verdict(),
                "Persian digits accepted");
    }

    @Test
    void aCodeOfAnotherPurposeDoesNotWork() {
        issue("123456", 1000);
        assertEquals(OtpVerdict.REJECTED, check.check(store, "sms:verify-phone", "123456", config, 1001).verdict());
    }

    @Test
    void aDecoyNeverAcceptsAnything() {
        store.write(OtpState.issued("", hasher.newSalt(), "nobody@example.com", "", 1000, 300));
        for (int i = 0; i < 4; i++) {
            assertEquals(OtpVerdict.REJECTED, check.check(store, PURPOSE, String.format("%06d", i), config, 1001)
                    .verdict());
        }
        assertEquals(OtpVerdict.LOCKED, check.check(store, PURPOSE, "999999", config, 1001).verdict(),
                "decoys lock like real codes");
    }

    @Test
    void noStateIsMissing() {
        assertEquals(OtpVerdict.MISSING, check.check(store, PURPOSE, "123456", config, 1).verdict());
    }

    @Test
    void parallelGuessesCannotExceedTheAttemptLimit() throws Exception {
        Map<String, String> shared = new ConcurrentHashMap<>();
        OtpStore sharedStore = new OtpStore(Fakes.authSession(shared), "usso.otp.email.login");
        String salt = hasher.newSalt();
        sharedStore.write(OtpState.issued(hasher.hash(PURPOSE, "123456", salt), salt, "a@example.com", "u1", 1000, 300));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<OtpVerdict>> guesses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String guess = String.format("%06d", 200_000 + i);
                // every request reads the note before any write: the worst case for a note-only counter
                guesses.add(() -> check.check(sharedStore, PURPOSE, guess, config, 1001).verdict());
            }
            int evaluated = 0;
            for (Future<OtpVerdict> f : pool.invokeAll(guesses)) {
                OtpVerdict v = f.get();
                if (v == OtpVerdict.REJECTED || v == OtpVerdict.LOCKED) {
                    evaluated++;
                }
            }
            long claims = singleUse.entries.keySet().stream().filter(k -> k.startsWith("usso-otp-attempt:")).count();
            assertEquals(5, claims, "exactly max attempts were claimed");
            assertTrue(evaluated <= 200);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(OtpVerdict.LOCKED, check.check(sharedStore, PURPOSE, "123456", config, 1001).verdict(),
                "the right code after the limit is refused");
    }
}
