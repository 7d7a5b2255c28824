package io.usso.keycloak.telegram.proof;

import java.util.Locale;

/**
 * Why Telegram Login Widget data was refused. {@link #code()} is the {@code reason} detail of the refusal's event and
 * the error the user's page reports.
 */
public enum LoginWidgetRefusal {
    /** {@code id}, {@code auth_date} or {@code hash} is absent. */
    MISSING_FIELD,
    /** A field is not what Telegram sends (not a number, too long, too many fields, not JSON...). */
    MALFORMED,
    /** The hash is not the bot's HMAC of the data (tampered, or signed for another bot). */
    BAD_HASH,
    /** {@code auth_date} is older than the tenant's maximum age. */
    EXPIRED,
    /** {@code auth_date} lies in the future beyond the allowed clock skew. */
    FUTURE,
    /** The same hash was accepted before. */
    REPLAYED;

    /** @return the lower-case reason code ({@code bad_hash}...) */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
