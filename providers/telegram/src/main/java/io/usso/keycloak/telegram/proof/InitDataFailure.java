package io.usso.keycloak.telegram.proof;

/**
 * Why a Mini App's {@code initData} was refused. {@link #reason()} goes into the event's {@code reason} detail,
 * {@link #description()} into the OAuth error answer; neither ever carries the data itself.
 */
public enum InitDataFailure {

    /** Not a URL-encoded query string, a duplicated or empty field name, too many fields. */
    MALFORMED("malformed", "initData is not a valid Telegram query string"),
    /** Longer than {@link InitDataVerifier#MAX_LENGTH}. */
    TOO_LONG("too_long", "initData is too long"),
    /** No {@code hash} field. */
    MISSING_HASH("missing_hash", "initData has no hash"),
    /** The {@code hash} does not match the bot's token: tampered data, or data of another bot. */
    BAD_HASH("bad_hash", "initData is not signed for this tenant's bot"),
    /** A third-party bot id was given, but the tenant does not list it. */
    UNLISTED_BOT("unlisted_bot", "initData of this bot is not accepted by this tenant"),
    /** A third-party bot id was given, but the data carries no {@code signature}. */
    MISSING_SIGNATURE("missing_signature", "initData has no signature"),
    /** The Ed25519 {@code signature} does not verify with Telegram's public key. */
    BAD_SIGNATURE("bad_signature", "initData signature is not valid"),
    /** The tenant's Telegram identity provider has no usable bot token. */
    NOT_CONFIGURED("bot_not_configured", "The tenant's Telegram bot is not configured"),
    /** No {@code auth_date}, or not a number. */
    MISSING_AUTH_DATE("missing_auth_date", "initData has no valid auth_date"),
    /** {@code auth_date} older than the tenant's maximum age. */
    EXPIRED("expired", "initData is too old (auth_date)"),
    /** {@code auth_date} in the future beyond the allowed clock skew. */
    FUTURE("future_auth_date", "initData auth_date lies in the future"),
    /** No {@code user} field (e.g. data of a chat, not a person). */
    MISSING_USER("missing_user", "initData has no user"),
    /** The {@code user} field is not the JSON object Telegram sends, or has no positive {@code id}. */
    BAD_USER("bad_user", "initData user is not valid"),
    /** The same data was accepted before (replay). */
    REPLAYED("replayed", "initData was already used");

    private final String reason;
    private final String description;

    InitDataFailure(String reason, String description) {
        this.reason = reason;
        this.description = description;
    }

    /** @return the event's {@code reason} detail */
    public String reason() {
        return reason;
    }

    /** @return the OAuth {@code error_description} */
    public String description() {
        return description;
    }
}
