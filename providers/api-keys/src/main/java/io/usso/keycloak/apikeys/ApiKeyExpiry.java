package io.usso.keycloak.apikeys;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When an API key stops working: an instant, or never.
 *
 * <h2>New keys</h2>
 * <ul>
 *   <li>No lifetime requested: the tenant's {@linkplain ApiKeyConfig#defaultLifetime() default lifetime} (which
 *       {@link ApiKeyConfig} already caps at the maximum).</li>
 *   <li>A requested lifetime (or expiry instant) above the tenant's maximum is <em>refused</em>, not shortened:
 *       the client should know its key expires earlier than it asked for.</li>
 *   <li>No expiry at all ({@link #withoutExpiry}) only when the tenant has no maximum
 *       ({@code max-lifetime-days = 0}); never the default.</li>
 *   <li>Whatever the tenant says, a lifetime is positive and at most {@value ApiKeyConfig#LIFETIME_DAYS_LIMIT}
 *       days.</li>
 * </ul>
 *
 * <h2>Rotation</h2>
 * When a key is rotated, the old key keeps working for a grace period so that deployments can switch over:
 * {@link #graceUntil} clamps the requested grace into {@code [0, rotation-max-grace-seconds]} (none requested
 * = 0: the old key stops at once), and {@link #afterRotation} never extends the old key's own expiry.
 *
 * <p>Instants keep the caller's precision; pass a {@code now} truncated to what the store keeps.
 */
public final class ApiKeyExpiry {

    private static final ApiKeyExpiry NEVER = new ApiKeyExpiry(null);
    private static final Duration LIFETIME_LIMIT = Duration.ofDays(ApiKeyConfig.LIFETIME_DAYS_LIMIT);

    private final Instant expiresAt;

    private ApiKeyExpiry(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    /** @return an expiry that never comes */
    public static ApiKeyExpiry never() {
        return NEVER;
    }

    /**
     * @param expiresAt the stored expiry, null meaning never (as read from the database)
     * @return the expiry
     */
    public static ApiKeyExpiry at(Instant expiresAt) {
        return expiresAt == null ? NEVER : new ApiKeyExpiry(expiresAt);
    }

    /**
     * The expiry of a key created now with a requested lifetime.
     *
     * @param now the creation time
     * @param requestedLifetime the requested lifetime, null for the tenant default
     * @param config the tenant settings
     * @return the expiry (always an instant)
     * @throws ApiKeyRequestException ({@value ApiKeyRequestException#INVALID_LIFETIME}) when the lifetime is not
     *         positive or above the tenant maximum or the absolute limit
     */
    public static ApiKeyExpiry forNewKey(Instant now, Duration requestedLifetime, ApiKeyConfig config) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(config, "config");
        if (requestedLifetime == null) {
            return new ApiKeyExpiry(now.plus(config.defaultLifetime()));
        }
        if (requestedLifetime.isNegative() || requestedLifetime.isZero()) {
            throw invalid("The API key lifetime must be positive");
        }
        Optional<Duration> max = config.maxLifetime();
        if (max.isPresent() && requestedLifetime.compareTo(max.get()) > 0) {
            throw invalid("The requested API key lifetime exceeds this tenant's maximum of "
                    + config.maxLifetimeDays() + " days");
        }
        if (requestedLifetime.compareTo(LIFETIME_LIMIT) > 0) {
            throw invalid("An API key lifetime cannot exceed " + ApiKeyConfig.LIFETIME_DAYS_LIMIT + " days");
        }
        return new ApiKeyExpiry(now.plus(requestedLifetime));
    }

    /**
     * The expiry of a key created now with a requested expiry instant (USSO's {@code expires_at}).
     *
     * @param now the creation time
     * @param requestedExpiresAt the requested expiry, null for the tenant default
     * @param config the tenant settings
     * @return the expiry, exactly {@code requestedExpiresAt} when allowed
     * @throws ApiKeyRequestException ({@value ApiKeyRequestException#INVALID_LIFETIME}) when the instant is not
     *         in the future or too far away
     */
    public static ApiKeyExpiry forNewKeyUntil(Instant now, Instant requestedExpiresAt, ApiKeyConfig config) {
        Objects.requireNonNull(now, "now");
        if (requestedExpiresAt == null) {
            return forNewKey(now, null, config);
        }
        if (!requestedExpiresAt.isAfter(now)) {
            throw invalid("The requested API key expiry is not in the future");
        }
        return forNewKey(now, Duration.between(now, requestedExpiresAt), config);
    }

    /**
     * A key that never expires, allowed only when the tenant has no maximum lifetime.
     *
     * @param config the tenant settings
     * @return {@link #never()}
     * @throws ApiKeyRequestException ({@value ApiKeyRequestException#INVALID_LIFETIME}) when the tenant has a
     *         maximum lifetime
     */
    public static ApiKeyExpiry withoutExpiry(ApiKeyConfig config) {
        if (config.maxLifetime().isPresent()) {
            throw invalid("This tenant requires API keys to expire within " + config.maxLifetimeDays() + " days");
        }
        return NEVER;
    }

    /**
     * The end of a rotated-out key's grace period.
     *
     * @param now the rotation time
     * @param requestedGraceSeconds the requested grace, null for none; clamped into
     *        {@code [0, config.rotationMaxGraceSeconds()]}
     * @param config the tenant settings
     * @return {@code now} plus the clamped grace
     */
    public static Instant graceUntil(Instant now, Long requestedGraceSeconds, ApiKeyConfig config) {
        Objects.requireNonNull(now, "now");
        long requested = requestedGraceSeconds == null ? 0 : requestedGraceSeconds;
        long clamped = Math.max(0, Math.min(requested, config.rotationMaxGraceSeconds()));
        return now.plusSeconds(clamped);
    }

    /**
     * This (old) key's expiry after it is rotated out: the earlier of its current expiry and the end of the grace
     * period. Rotation never extends a key.
     *
     * @param now the rotation time
     * @param requestedGraceSeconds the requested grace, see {@link #graceUntil}
     * @param config the tenant settings
     * @return the new expiry of the old key
     */
    public ApiKeyExpiry afterRotation(Instant now, Long requestedGraceSeconds, ApiKeyConfig config) {
        Instant graceEnd = graceUntil(now, requestedGraceSeconds, config);
        return expiresAt != null && !graceEnd.isBefore(expiresAt) ? this : new ApiKeyExpiry(graceEnd);
    }

    /** @return the expiry instant, or empty for never */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * @param now the current time
     * @return whether the key no longer works at {@code now} (a key expires at its expiry instant, inclusive)
     */
    public boolean isExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    private static ApiKeyRequestException invalid(String message) {
        return new ApiKeyRequestException(ApiKeyRequestException.INVALID_LIFETIME, message);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ApiKeyExpiry && Objects.equals(expiresAt, ((ApiKeyExpiry) o).expiresAt));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(expiresAt);
    }

    @Override
    public String toString() {
        return expiresAt == null ? "ApiKeyExpiry[never]" : "ApiKeyExpiry[" + expiresAt + "]";
    }
}
