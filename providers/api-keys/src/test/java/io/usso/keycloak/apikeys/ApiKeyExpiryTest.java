package io.usso.keycloak.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ApiKeyExpiryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ApiKeyConfig DEFAULTS = ApiKeyConfig.defaults();
    private static final ApiKeyConfig NO_MAXIMUM = ApiKeyConfig.fromAttributes(Map.of(
            ApiKeyConfig.MAX_LIFETIME_DAYS, "0"));

    @Test
    void noRequestMeansTheTenantDefault() {
        assertEquals(Optional.of(NOW.plus(Duration.ofDays(90))), ApiKeyExpiry.forNewKey(NOW, null, DEFAULTS).expiresAt());
        assertEquals(Optional.of(NOW.plus(Duration.ofDays(90))),
                ApiKeyExpiry.forNewKeyUntil(NOW, null, DEFAULTS).expiresAt());
        ApiKeyConfig shortMax = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.MAX_LIFETIME_DAYS, "30"));
        assertEquals(Optional.of(NOW.plus(Duration.ofDays(30))), ApiKeyExpiry.forNewKey(NOW, null, shortMax).expiresAt(),
                "a default above the maximum is capped");
    }

    @Test
    void requestedLifetimeUpToTheMaximumIsGranted() {
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(1))),
                ApiKeyExpiry.forNewKey(NOW, Duration.ofHours(1), DEFAULTS).expiresAt());
        assertEquals(Optional.of(NOW.plus(Duration.ofDays(365))),
                ApiKeyExpiry.forNewKey(NOW, Duration.ofDays(365), DEFAULTS).expiresAt());
    }

    @Test
    void requestedLifetimeAboveTheMaximumIsRefused() {
        ApiKeyRequestException e = assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyExpiry.forNewKey(NOW, Duration.ofDays(365).plusSeconds(1), DEFAULTS));
        assertEquals(ApiKeyRequestException.INVALID_LIFETIME, e.error());
        assertEquals("The requested API key lifetime exceeds this tenant's maximum of 365 days", e.getMessage());
        assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyExpiry.forNewKeyUntil(NOW, NOW.plus(Duration.ofDays(366)), DEFAULTS));
    }

    @Test
    void lifetimeMustBePositive() {
        assertThrows(ApiKeyRequestException.class, () -> ApiKeyExpiry.forNewKey(NOW, Duration.ZERO, DEFAULTS));
        assertThrows(ApiKeyRequestException.class, () -> ApiKeyExpiry.forNewKey(NOW, Duration.ofDays(-1), DEFAULTS));
        ApiKeyRequestException past = assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyExpiry.forNewKeyUntil(NOW, NOW, DEFAULTS));
        assertEquals("The requested API key expiry is not in the future", past.getMessage());
        assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyExpiry.forNewKeyUntil(NOW, NOW.minusSeconds(1), DEFAULTS));
    }

    @Test
    void withoutATenantMaximumTheAbsoluteLimitStillApplies() {
        Duration hundredYears = Duration.ofDays(ApiKeyConfig.LIFETIME_DAYS_LIMIT);
        assertEquals(Optional.of(NOW.plus(hundredYears)), ApiKeyExpiry.forNewKey(NOW, hundredYears, NO_MAXIMUM).expiresAt());
        assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyExpiry.forNewKey(NOW, hundredYears.plusSeconds(1), NO_MAXIMUM));
        assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyExpiry.forNewKeyUntil(NOW, Instant.MAX, NO_MAXIMUM));
        assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyExpiry.forNewKey(NOW, Duration.ofSeconds(Long.MAX_VALUE), NO_MAXIMUM));
    }

    @Test
    void untilReturnsExactlyTheRequestedInstant() {
        Instant requested = NOW.plus(Duration.ofDays(10)).plusMillis(123);
        assertEquals(Optional.of(requested), ApiKeyExpiry.forNewKeyUntil(NOW, requested, DEFAULTS).expiresAt());
    }

    @Test
    void keysWithoutExpiryOnlyWithoutATenantMaximum() {
        assertSame(ApiKeyExpiry.never(), ApiKeyExpiry.withoutExpiry(NO_MAXIMUM));
        ApiKeyRequestException e = assertThrows(ApiKeyRequestException.class,
                () -> ApiKeyExpiry.withoutExpiry(DEFAULTS));
        assertEquals("This tenant requires API keys to expire within 365 days", e.getMessage());
    }

    @Test
    void expiredFromTheExpiryInstantOn() {
        ApiKeyExpiry expiry = ApiKeyExpiry.at(NOW);
        assertFalse(expiry.isExpired(NOW.minusNanos(1)));
        assertTrue(expiry.isExpired(NOW));
        assertTrue(expiry.isExpired(NOW.plusSeconds(1)));
        assertFalse(ApiKeyExpiry.never().isExpired(Instant.MAX));
        assertSame(ApiKeyExpiry.never(), ApiKeyExpiry.at(null));
        assertEquals(Optional.empty(), ApiKeyExpiry.never().expiresAt());
    }

    @Test
    void graceIsClampedToTheTenantMaximum() {
        assertEquals(NOW, ApiKeyExpiry.graceUntil(NOW, null, DEFAULTS), "none requested: the old key stops at once");
        assertEquals(NOW, ApiKeyExpiry.graceUntil(NOW, -60L, DEFAULTS));
        assertEquals(NOW.plusSeconds(600), ApiKeyExpiry.graceUntil(NOW, 600L, DEFAULTS));
        assertEquals(NOW.plusSeconds(86_400), ApiKeyExpiry.graceUntil(NOW, 86_400L, DEFAULTS));
        assertEquals(NOW.plusSeconds(86_400), ApiKeyExpiry.graceUntil(NOW, 86_401L, DEFAULTS));
        assertEquals(NOW.plusSeconds(86_400), ApiKeyExpiry.graceUntil(NOW, Long.MAX_VALUE, DEFAULTS));
        ApiKeyConfig noGrace = ApiKeyConfig.fromAttributes(Map.of(ApiKeyConfig.ROTATION_MAX_GRACE_SECONDS, "0"));
        assertEquals(NOW, ApiKeyExpiry.graceUntil(NOW, 3_600L, noGrace));
    }

    @Test
    void rotationNeverExtendsTheOldKey() {
        ApiKeyExpiry soon = ApiKeyExpiry.at(NOW.plusSeconds(60));
        assertEquals(soon, soon.afterRotation(NOW, 3_600L, DEFAULTS));
        ApiKeyExpiry later = ApiKeyExpiry.at(NOW.plus(Duration.ofDays(30)));
        assertEquals(ApiKeyExpiry.at(NOW.plusSeconds(3_600)), later.afterRotation(NOW, 3_600L, DEFAULTS));
        assertEquals(ApiKeyExpiry.at(NOW.plusSeconds(86_400)), ApiKeyExpiry.never().afterRotation(NOW, 999_999L, DEFAULTS));
        assertEquals(ApiKeyExpiry.at(NOW), later.afterRotation(NOW, null, DEFAULTS));
        assertTrue(later.afterRotation(NOW, null, DEFAULTS).isExpired(NOW));
    }
}
