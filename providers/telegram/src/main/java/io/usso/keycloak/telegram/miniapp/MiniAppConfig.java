package io.usso.keycloak.telegram.miniapp;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.usso.keycloak.telegram.proof.TelegramPublicKey;

/**
 * The Mini App sign-in settings of a tenant, stored on its "Telegram" identity provider next to the bot (admin
 * console: Identity providers, Telegram, the "Mini App" fields; see {@link #properties()}). Unset or malformed values
 * fall back to safe defaults: no third-party bots, Telegram's production key, users created like a widget login.
 *
 * @param thirdPartyBotIds bots (numeric ids) whose Mini Apps' {@code initData} is accepted through Telegram's Ed25519
 *        signature, without their tokens; empty by default
 * @param telegramKey Telegram's Ed25519 public key for those signatures; null when the configured value is not a
 *        valid key (third-party data is then refused)
 * @param createUsers whether a Telegram user without an account gets one (never when the provider is link-only)
 */
public record MiniAppConfig(Set<String> thirdPartyBotIds, PublicKey telegramKey, boolean createUsers) {

    /** Identity provider config key: third-party bot ids, separated by commas or spaces. */
    public static final String THIRD_PARTY_BOT_IDS = "miniAppThirdPartyBotIds";
    /** Identity provider config key: Telegram's Ed25519 public key, 64 hex digits (default: production key). */
    public static final String TELEGRAM_PUBLIC_KEY = "miniAppTelegramPublicKey";
    /** Identity provider config key: create accounts for new Telegram users ({@code true} by default). */
    public static final String CREATE_USERS = "miniAppCreateUsers";

    private static final Pattern BOT_ID = Pattern.compile("[0-9]{1,20}");
    private static final int MAX_BOTS = 50;

    /** Copies the set. */
    public MiniAppConfig {
        thirdPartyBotIds = Set.copyOf(thirdPartyBotIds);
    }

    /**
     * @param model the tenant's Telegram identity provider
     * @return its Mini App settings
     */
    public static MiniAppConfig of(IdentityProviderModel model) {
        Map<String, String> c = model.getConfig();
        return new MiniAppConfig(botIds(c.get(THIRD_PARTY_BOT_IDS)), key(c.get(TELEGRAM_PUBLIC_KEY)),
                !"false".equalsIgnoreCase(trim(c.get(CREATE_USERS))));
    }

    static Set<String> botIds(String raw) {
        Set<String> ids = new LinkedHashSet<>();
        if (raw != null) {
            Arrays.stream(raw.split("[,\\s]+")).map(String::trim).filter(s -> BOT_ID.matcher(s).matches())
                    .limit(MAX_BOTS).forEach(ids::add);
        }
        return ids;
    }

    static PublicKey key(String raw) {
        String hex = trim(raw);
        try {
            return TelegramPublicKey.fromHex(hex.isEmpty() ? TelegramPublicKey.PRODUCTION_HEX : hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }

    /**
     * @return the admin console fields of the Mini App sign-in, for the Telegram identity provider's factory to list
     *         after its own
     */
    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CREATE_USERS).label("Mini App: create accounts")
                .helpText("When a Telegram user without an account signs in from the Mini App, create one and link it "
                        + "(as a first widget login would). Off, or when this provider is 'link only': only "
                        + "Telegram users already linked to an account can sign in.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(THIRD_PARTY_BOT_IDS).label("Mini App: other bots accepted")
                .helpText("Numeric ids of other bots whose Mini Apps may sign users in here (comma separated). Their "
                        + "initData is checked with Telegram's Ed25519 signature instead of a bot token. Empty: only "
                        + "this provider's own bot.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(TELEGRAM_PUBLIC_KEY).label("Mini App: Telegram public key")
                .helpText("Telegram's Ed25519 public key for third-party initData (64 hex digits). Leave the default "
                        + "(production); Telegram's test environment has its own key.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(TelegramPublicKey.PRODUCTION_HEX).add()
                .build();
    }
}
