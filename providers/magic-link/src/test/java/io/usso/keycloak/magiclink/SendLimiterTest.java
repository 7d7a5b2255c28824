package io.usso.keycloak.magiclink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.common.security.TenantSecuritySettings;

class SendLimiterTest {

    private static final long NOW = 1_800_000_100L;

    private final InMemorySingleUseStore backing = new InMemorySingleUseStore();

    private SendLimiter limiter(String realmId, Map<String, String> config) {
        return new SendLimiter(backing, realmId, realmId, MagicLinkConfig.parse(config),
                TenantSecuritySettings.defaults());
    }

    private SendLimiter limiter(Map<String, String> config) {
        return limiter("realm-a", config);
    }

    @Test
    void fiveLinksPerAddressPerWindowByDefault() {
        SendLimiter limiter = limiter(Map.of());
        for (int i = 0; i < 5; i++) {
            assertNull(limiter.acquire("ali@example.org", "10.0.0." + i, "user:u1", true, NOW), "send " + (i + 1));
        }
        SendLimiter.Limited limited = limiter.acquire("ali@example.org", "10.0.0.9", "user:u1", true, NOW);
        assertNotNull(limited);
        assertEquals(SendLimiter.ADDRESS, limited.dimension());
        assertEquals(900 - Math.floorMod(NOW, 900), limited.retryAfterSeconds());
        assertNull(limiter.acquire("other@example.org", "10.0.0.9", "user:u2", true, NOW),
                "another address is not affected");
        assertNull(limiter("realm-b", Map.of()).acquire("ali@example.org", "10.0.0.9", "user:u1", true, NOW),
                "another tenant is not affected");
    }

    @Test
    void oneAccountGetsNoMoreLinksUnderAnotherSpellingOrFromOtherAddresses() {
        SendLimiter limiter = limiter(Map.of());
        // the same person by e-mail, by user name and by an alias that resolves to them, from rotating addresses
        String[] typed = {"ali@example.org", "ali", "ali@example.org", "ali", "ali.alias"};
        for (int i = 0; i < typed.length; i++) {
            assertNull(limiter.acquire(typed[i], "198.51.100." + i, "user:u1", true, NOW), "send " + (i + 1));
        }
        SendLimiter.Limited limited = limiter.acquire("ALI-other-spelling", "192.0.2.1", "user:u1", true, NOW);
        assertNotNull(limited, "a sixth link for the same account");
        assertEquals(SendLimiter.USER, limited.dimension());
        assertNull(limiter.acquire("ALI-other-spelling", "192.0.2.1", "ALI-other-spelling", true, NOW),
                "the refusal gave the address slot back: an unrelated account under that text still gets one");
    }

    @Test
    void oneIpCannotSendWithoutLimitToManyAddresses() {
        SendLimiter limiter = limiter(Map.of(MagicLinkConfig.PER_IP, "3"));
        for (int i = 0; i < 3; i++) {
            assertNull(limiter.acquire("user" + i + "@example.org", "203.0.113.5", "user:" + i, true, NOW));
        }
        SendLimiter.Limited limited = limiter.acquire("user9@example.org", "203.0.113.5", "user:9", true, NOW);
        assertEquals(SendLimiter.IP, limited.dimension());
        // the refused request did not use up the victim's address quota
        for (int i = 0; i < 5; i++) {
            assertNull(limiter.acquire("user9@example.org", "198.51.100." + i, "user:9", true, NOW));
        }
    }

    @Test
    void theTenantsEmailBudgetStopsRotationOfEverything() {
        SendLimiter limiter = new SendLimiter(backing, "realm-a", "acme", MagicLinkConfig.defaults(),
                TenantSecuritySettings.fromAttributes(Map.of(TenantSecuritySettings.EMAILS_PER_HOUR, "4")));
        for (int i = 0; i < 4; i++) {
            assertNull(limiter.acquire("u" + i + "@example.org", "10.1.0." + i, "user:" + i, true, NOW));
        }
        SendLimiter.Limited real = limiter.acquire("u9@example.org", "10.1.0.9", "user:9", true, NOW);
        assertTrue(real.tenantBudget(), String.valueOf(real));
        assertEquals(3600 - Math.floorMod(NOW, 3600), real.retryAfterSeconds());
        SendLimiter.Limited decoy = limiter.acquire("nobody@example.org", "10.1.0.10", "nobody@example.org", false,
                NOW);
        assertTrue(decoy != null && decoy.tenantBudget(), "an unknown address gets the same answer");
        // the refusals did not use up u9's own quota: five links once the budget has room again
        SendLimiter roomy = limiter(Map.of());
        for (int i = 0; i < 5; i++) {
            assertNull(roomy.acquire("u9@example.org", "10.2.0." + i, "user:9", true, NOW));
        }
    }

    @Test
    void decoysDoNotUseUpTheBudget() {
        SendLimiter limiter = new SendLimiter(backing, "realm-a", "acme",
                MagicLinkConfig.parse(Map.of(MagicLinkConfig.PER_IP, "0")),
                TenantSecuritySettings.fromAttributes(Map.of(TenantSecuritySettings.EMAILS_PER_HOUR, "1")));
        for (int i = 0; i < 10; i++) {
            assertNull(limiter.acquire("nobody" + i + "@example.org", "10.0.0.1", "nobody" + i, false, NOW));
        }
        assertNull(limiter.acquire("ali@example.org", "10.0.0.1", "user:u1", true, NOW));
    }

    @Test
    void parallelRequestsForOneVictimNeverOvershoot() throws Exception {
        SendLimiter limiter = limiter(Map.of(MagicLinkConfig.PER_IP, "0"));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                int sent = 0;
                for (int i = 0; i < 20; i++) {
                    String typed = (thread + i) % 2 == 0 ? "victim@example.org" : "victim";
                    sent += limiter.acquire(typed, "10.9." + thread + "." + i, "user:victim", true, NOW) == null
                            ? 1 : 0;
                }
                return sent;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(5, total, "five links per window, however many requests race");
    }

    @Test
    void zeroMeansNoLimitAndANewWindowStartsAfresh() {
        SendLimiter unlimited = limiter(Map.of(MagicLinkConfig.PER_ADDRESS, "0", MagicLinkConfig.PER_IP, "0"));
        for (int i = 0; i < 50; i++) {
            assertNull(unlimited.acquire("ali@example.org", "10.0.0.1", "user:u1", true, NOW));
        }
        SendLimiter limiter = limiter(Map.of(MagicLinkConfig.PER_ADDRESS, "1", MagicLinkConfig.WINDOW, "60"));
        long windowStart = NOW - Math.floorMod(NOW, 60);
        assertNull(limiter.acquire("x@example.org", null, "user:x", true, windowStart));
        assertNotNull(limiter.acquire("x@example.org", null, "user:x", true, windowStart + 59));
        assertNull(limiter.acquire("x@example.org", null, "user:x", true, windowStart + 60));
    }

    @Test
    void minutesAreRoundedUp() {
        assertEquals(1, new SendLimiter.Limited("ip", 1).retryAfterMinutes());
        assertEquals(1, new SendLimiter.Limited("ip", 60).retryAfterMinutes());
        assertEquals(2, new SendLimiter.Limited("ip", 61).retryAfterMinutes());
        assertEquals(15, new SendLimiter.Limited("ip", 900).retryAfterMinutes());
    }
}
