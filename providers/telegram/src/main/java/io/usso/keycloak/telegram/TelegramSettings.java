package io.usso.keycloak.telegram;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

import io.usso.keycloak.common.LookupIds;

/**
 * A tenant's Telegram bot, as configured on its "Telegram" identity provider in the admin console. The widget login,
 * the Mini App grant and the bot-confirmed login all read the bot from there, so that a tenant enters its bot once
 * and one Telegram account is one federated identity ({@code alias}, Telegram user id) for every way in.
 *
 * @param alias the identity provider's alias (the federated identities' provider)
 * @param botUsername the bot's username, without {@code @}
 * @param botToken the bot token (resolved from Keycloak's vault when configured as {@code ${vault.key}})
 * @param maxAuthAgeSeconds the oldest {@code auth_date} accepted
 * @param requestWriteAccess whether the widget asks for permission to message the user
 * @param botApiBaseUrl the Bot API base URL (Telegram's by default; tests point it at a local fake)
 * @param oauthBaseUrl the Login Widget's authorisation base URL (Telegram's by default)
 * @param webhookSecret the secret Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token} with each update, or
 *        empty when bot-confirmed login is off
 */
public record TelegramSettings(String alias, String botUsername, String botToken, long maxAuthAgeSeconds,
        boolean requestWriteAccess, URI botApiBaseUrl, URI oauthBaseUrl, String webhookSecret) {

    /** Identity provider type id. */
    public static final String PROVIDER_ID = "telegram";

    public static final String BOT_USERNAME = "botUsername";
    /** Stored like an OIDC client secret: a vault expression ({@code ${vault.telegram-bot-token}}) or the value. */
    public static final String BOT_TOKEN = "botToken";
    public static final String MAX_AUTH_AGE = "maxAuthAgeSeconds";
    public static final String REQUEST_WRITE_ACCESS = "requestWriteAccess";
    public static final String BOT_API_BASE_URL = "botApiBaseUrl";
    public static final String OAUTH_BASE_URL = "oauthBaseUrl";
    public static final String WEBHOOK_SECRET = "webhookSecret";

    public static final long DEFAULT_MAX_AUTH_AGE_SECONDS = 300;
    public static final URI DEFAULT_BOT_API_BASE_URL = URI.create("https://api.telegram.org");
    public static final URI DEFAULT_OAUTH_BASE_URL = URI.create("https://oauth.telegram.org");

    /**
     * @return the bot's numeric id: the part of the token before the colon (Telegram's OIDC client id), or empty
     */
    public String botId() {
        int colon = botToken.indexOf(':');
        return colon > 0 ? botToken.substring(0, colon) : "";
    }

    /**
     * @param session the request's session
     * @param model an identity provider of type {@value #PROVIDER_ID}
     * @return its settings, with the bot token resolved from the vault
     */
    public static TelegramSettings of(KeycloakSession session, IdentityProviderModel model) {
        Map<String, String> c = model.getConfig();
        return new TelegramSettings(model.getAlias(), strip(c.get(BOT_USERNAME)), secret(session, c.get(BOT_TOKEN)),
                positive(c.get(MAX_AUTH_AGE), DEFAULT_MAX_AUTH_AGE_SECONDS),
                Boolean.parseBoolean(c.get(REQUEST_WRITE_ACCESS)), url(c.get(BOT_API_BASE_URL),
                        DEFAULT_BOT_API_BASE_URL), url(c.get(OAUTH_BASE_URL), DEFAULT_OAUTH_BASE_URL),
                secret(session, c.get(WEBHOOK_SECRET)));
    }

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param alias an identity provider alias, or null for the tenant's first enabled Telegram provider
     * @return the settings of that enabled Telegram identity provider, if the tenant has one
     */
    public static Optional<TelegramSettings> find(KeycloakSession session, RealmModel realm, String alias) {
        if (alias != null && !LookupIds.plausible(alias)) {
            // a NUL or an overlong alias names no provider (and PostgreSQL refuses a NUL in a query)
            return Optional.empty();
        }
        Optional<IdentityProviderModel> model = alias == null
                ? session.identityProviders().getAllStream(Map.of(IdentityProviderModel.ENABLED, "true"), null, null)
                        .filter(m -> PROVIDER_ID.equals(m.getProviderId())).findFirst()
                : Optional.ofNullable(session.identityProviders().getByAlias(alias))
                        .filter(m -> PROVIDER_ID.equals(m.getProviderId()) && m.isEnabled());
        return model.map(m -> of(session, m));
    }

    private static String secret(KeycloakSession session, String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(raw)) {
            return secret.get().orElse("");
        }
    }

    private static String strip(String value) {
        if (value == null) {
            return "";
        }
        String v = value.trim();
        return v.startsWith("@") ? v.substring(1) : v;
    }

    private static long positive(String value, long fallback) {
        try {
            long v = value == null ? fallback : Long.parseLong(value.trim());
            return v > 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static URI url(String value, URI fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            URI uri = URI.create(value.trim());
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) ? uri
                    : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    @Override
    public String toString() {
        // never the token or the webhook secret
        return "TelegramSettings[" + alias + ", @" + botUsername + "]";
    }
}
