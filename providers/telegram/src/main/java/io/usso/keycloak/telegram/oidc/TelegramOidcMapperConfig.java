package io.usso.keycloak.telegram.oidc;

import java.util.List;
import java.util.Map;

import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Settings of a {@link TelegramOidcMapper} (admin console: the OIDC identity provider, Mappers, "Telegram OpenID
 * Connect").
 *
 * @param issuer the ID token issuer whose tokens speak for Telegram ids ({@value #DEFAULT_ISSUER} by default)
 * @param idClaim the claim holding the Telegram user id ({@code id} by default; a numeric {@code sub} is the
 *        fallback)
 * @param telegramAlias the tenant's Telegram identity provider to share identities with; blank: its first enabled one
 * @param importPhone whether the phone number is imported
 * @param phoneVerified whether an imported number counts as verified even without {@code phone_number_verified}
 *        (Telegram only ever gives the account's own number)
 */
public record TelegramOidcMapperConfig(String issuer, String idClaim, String telegramAlias, boolean importPhone,
        boolean phoneVerified) {

    /** Config key: trusted issuer. */
    public static final String ISSUER = "telegram.issuer";
    /** Config key: claim of the Telegram id. */
    public static final String ID_CLAIM = "telegram.id.claim";
    /** Config key: the Telegram identity provider alias. */
    public static final String TELEGRAM_ALIAS = "telegram.alias";
    /** Config key: import the phone number. */
    public static final String IMPORT_PHONE = "telegram.phone.import";
    /** Config key: imported numbers count as verified. */
    public static final String PHONE_VERIFIED = "telegram.phone.verified";
    /** Telegram's issuer. */
    public static final String DEFAULT_ISSUER = "https://oauth.telegram.org";

    /**
     * @param model the stored mapper
     * @return its settings, defaults for anything unset
     */
    public static TelegramOidcMapperConfig of(IdentityProviderMapperModel model) {
        Map<String, String> c = model.getConfig() == null ? Map.of() : model.getConfig();
        String issuer = trim(c.get(ISSUER));
        String claim = trim(c.get(ID_CLAIM));
        return new TelegramOidcMapperConfig(issuer.isEmpty() ? DEFAULT_ISSUER : issuer, claim.isEmpty() ? "id" : claim,
                trim(c.get(TELEGRAM_ALIAS)), !"false".equalsIgnoreCase(trim(c.get(IMPORT_PHONE))),
                !"false".equalsIgnoreCase(trim(c.get(PHONE_VERIFIED))));
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }

    /** @return the admin console fields */
    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(ISSUER).label("Telegram issuer")
                .helpText("Only ID tokens of this issuer are treated as Telegram's. Leave the default.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_ISSUER).add()
                .property().name(ID_CLAIM).label("Telegram id claim")
                .helpText("Claim holding the Telegram user id; a numeric 'sub' is used when it is missing.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("id").add()
                .property().name(TELEGRAM_ALIAS).label("Telegram provider alias")
                .helpText("The tenant's Telegram identity provider (widget, Mini App, bot) whose identities are shared "
                        + "with this one. Empty: the first enabled Telegram provider.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(IMPORT_PHONE).label("Import phone number")
                .helpText("Store the phone number Telegram shares (scope 'phone') as phone_number.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(PHONE_VERIFIED).label("Phone number is verified")
                .helpText("Mark the imported number verified (Telegram only shares the account's own number). A "
                        + "number already verified on another account is never copied.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build();
    }
}
