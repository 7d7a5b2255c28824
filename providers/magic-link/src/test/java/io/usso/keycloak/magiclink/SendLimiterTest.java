package io.usso.keycloak.magiclink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SendLimiterTest {

    private static final long NOW = 1_800_000_100L;

    private final InMemorySingleUseStore backing = new InMemorySingleUseStore();

    @Test
    void fiveLinksPerAddressPerWindowByDefault() {
        SendLimiter limiter = new SendLimiter(backing, "realm-a", MagicLinkConfig.defaults());
        for (int i = 0; i < 5; i++) {
            assertNull(limiter.acquire("ali@example.org", "10.0.0." + i, NOW), "send " + (i + 1));
        }
        SendLimiter.Limited limited = limiter.acquire("ali@example.org", "10.0.0.9", NOW);
        assertNotNull(limited);
        assertEquals(SendLimiter.ADDRESS, limited.dimension());
        assertEquals(900 - Math.floorMod(NOW, 900), limited.retryAfterSeconds());
        assertNull(limiter.acquire("other@example.org", "10.0.0.9", NOW), "another address is not affected");
        assertNull(new SendLimiter(backing, "realm-b", MagicLinkConfig.defaults())
                .acquire("ali@example.org", "10.0.0.9", NOW), "another tenant is not affected");
    }

    @Test
    void oneIpCannotSendWithoutLimitToManyAddresses() {
        SendLimiter limiter = new SendLimiter(backing, "realm-a",
                MagicLinkConfig.parse(Map.of(MagicLinkConfig.PER_IP, "3")));
        for (int i = 0; i < 3; i++) {
            assertNull(limiter.acquire("user" + i + "@example.org", "203.0.113.5", NOW));
        }
        SendLimiter.Limited limited = limiter.acquire("user9@example.org", "203.0.113.5", NOW);
        assertEquals(SendLimiter.IP, limited.dimension());
        // the refused request did not use up the victim's address quota
        for (int i = 0; i < 5; i++) {
            assertNull(limiter.acquire("user9@example.org", "198.51.100." + i, NOW));
        }
    }

    @Test
    void zeroMeansNoLimitAndANewWindowStartsAfresh() {
        SendLimiter unlimited = new SendLimiter(backing, "realm-a",
                MagicLinkConfig.parse(Map.of(MagicLinkConfig.PER_ADDRESS, "0", MagicLinkConfig.PER_IP, "0")));
        for (int i = 0; i < 50; i++) {
            assertNull(unlimited.acquire("ali@example.org", "10.0.0.1", NOW));
        }
        SendLimiter limiter = new SendLimiter(backing, "realm-a",
                MagicLinkConfig.parse(Map.of(MagicLinkConfig.PER_ADDRESS, "1", MagicLinkConfig.WINDOW, "60")));
        long windowStart = NOW - Math.floorMod(NOW, 60);
        assertNull(limiter.acquire("x@example.org", null, windowStart));
        assertNotNull(limiter.acquire("x@example.org", null, windowStart + 59));
        assertNull(limiter.acquire("x@example.org", null, windowStart + 60));
    }

    @Test
    void minutesAreRoundedUp() {
        assertEquals(1, new SendLimiter.Limited("ip", 1).retryAfterMinutes());
        assertEquals(1, new SendLimiter.Limited("ip", 60).retryAfterMinutes());
        assertEquals(2, new SendLimiter.Limited("ip", 61).retryAfterMinutes());
        assertEquals(15, new SendLimiter.Limited("ip", 900).retryAfterMinutes());
    }
}
