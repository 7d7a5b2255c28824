package io.usso.keycloak.telegram.oidc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;

/**
 * Identity provider mapper "Telegram OpenID Connect" ({@value #ID}) for an OIDC identity provider configured as
 * Telegram's OpenID Connect login (the preset, see the module README). For ID tokens of the configured issuer only
 * ({@link TelegramOidcMapperConfig#issuer()}, Telegram's by default):
 *
 * <ul>
 *   <li>the federated identity's user id becomes the Telegram user id (claim {@code id}, else a numeric
 *       {@code sub}), the same id the widget, Mini App and bot logins link;</li>
 *   <li>the OIDC identity and the tenant's "Telegram" provider identity are kept on one user
 *       ({@link TelegramIdentityLinks});</li>
 *   <li>names (when the account has none), {@code picture} and the phone number (attributes {@value #PHONE_NUMBER}
 *       and {@value #PHONE_NUMBER_VERIFIED} as the SMS OTP module keeps them; a number another account holds
 *       verified is not copied) on the first login, and on every login with sync mode "force".</li>
 * </ul>
 * Tokens of any other issuer are left untouched: the mapper never lets some other provider speak for Telegram ids.
 */
public final class TelegramOidcMapper extends AbstractIdentityProviderMapper {

    /** Mapper type id. */
    public static final String ID = "usso-telegram-oidc-idp-mapper";
    /** User attribute of the picture URL. */
    public static final String PICTURE = "picture";
    /** User attribute of the phone number (canonical digits). */
    public static final String PHONE_NUMBER = "phone_number";
    /** User attribute set to {@code true} for a verified phone number. */
    public static final String PHONE_NUMBER_VERIFIED = "phone_number_verified";

    private static final Logger LOG = Logger.getLogger(TelegramOidcMapper.class);
    private static final Set<IdentityProviderSyncMode> SYNC_MODES = Set.of(IdentityProviderSyncMode.LEGACY,
            IdentityProviderSyncMode.IMPORT, IdentityProviderSyncMode.FORCE);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {"oidc", "keycloak-oidc"};
    }

    @Override
    public String getDisplayCategory() {
        return "Preprocessor";
    }

    @Override
    public String getDisplayType() {
        return "Telegram OpenID Connect";
    }

    @Override
    public String getHelpText() {
        return "For Telegram's OpenID Connect login: the Telegram user id becomes the federated identity, shared with "
                + "the tenant's Telegram provider (widget, Mini App, bot) so that one Telegram account is one user; "
                + "imports names, picture and the phone number.";
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return SYNC_MODES.contains(syncMode);
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return TelegramOidcMapperConfig.properties();
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm,
            IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        TelegramOidcMapperConfig config = TelegramOidcMapperConfig.of(mapperModel);
        TelegramOidcClaims claims = claims(context, config);
        if (claims == null) {
            return;
        }
        context.setId(claims.telegramId());
        TelegramIdentityLinks links = new TelegramIdentityLinks(session, realm);
        String telegramAlias = links.telegramAlias(config.telegramAlias());
        if (telegramAlias == null) {
            return;
        }
        String oidcAlias = context.getIdpConfig().getAlias();
        UserModel holder = links.adoptOidcIdentity(telegramAlias, oidcAlias, claims.telegramId(),
                context.getUsername());
        if (holder == null) {
            UserModel oidcUser = session.users().getUserByFederatedIdentity(realm,
                    new org.keycloak.models.FederatedIdentityModel(oidcAlias, claims.telegramId(), null));
            if (oidcUser != null) {
                links.shareTelegramIdentity(oidcUser, telegramAlias, claims.telegramId(), context.getUsername());
            }
        }
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user,
            IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        TelegramOidcMapperConfig config = TelegramOidcMapperConfig.of(mapperModel);
        TelegramOidcClaims claims = claims(context, config);
        if (claims == null) {
            return;
        }
        TelegramIdentityLinks links = new TelegramIdentityLinks(session, realm);
        String telegramAlias = links.telegramAlias(config.telegramAlias());
        if (telegramAlias != null) {
            links.shareTelegramIdentity(user, telegramAlias, claims.telegramId(), context.getUsername());
        }
        profile(session, realm, user, claims, config);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user,
            IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        TelegramOidcMapperConfig config = TelegramOidcMapperConfig.of(mapperModel);
        TelegramOidcClaims claims = claims(context, config);
        if (claims != null) {
            profile(session, realm, user, claims, config);
        }
    }

    @Override
    public void updateBrokeredUserLegacy(KeycloakSession session, RealmModel realm, UserModel user,
            IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        updateBrokeredUser(session, realm, user, mapperModel, context);
    }

    private static void profile(KeycloakSession session, RealmModel realm, UserModel user, TelegramOidcClaims claims,
            TelegramOidcMapperConfig config) {
        if (claims.firstName() != null && (user.getFirstName() == null || user.getFirstName().isBlank())) {
            user.setFirstName(claims.firstName());
        }
        if (claims.lastName() != null && (user.getLastName() == null || user.getLastName().isBlank())) {
            user.setLastName(claims.lastName());
        }
        if (claims.picture() != null) {
            user.setSingleAttribute(PICTURE, claims.picture());
        }
        if (claims.phone() != null && config.importPhone()) {
            boolean verified = claims.phoneVerified() || config.phoneVerified();
            boolean takenElsewhere = session.users()
                    .searchForUserByUserAttributeStream(realm, PHONE_NUMBER, claims.phone()).limit(10)
                    .anyMatch(other -> !other.getId().equals(user.getId())
                            && "true".equalsIgnoreCase(other.getFirstAttribute(PHONE_NUMBER_VERIFIED)));
            if (takenElsewhere) {
                LOG.debugf("Realm %s: Telegram phone number already verified on another account; not copied",
                        realm.getName());
                return;
            }
            user.setSingleAttribute(PHONE_NUMBER, claims.phone());
            if (verified) {
                user.setSingleAttribute(PHONE_NUMBER_VERIFIED, "true");
            }
        }
    }

    /**
     * @return the Telegram claims of the validated ID token (merged over the userinfo answer), or null when the token
     *         is not the configured issuer's or carries no Telegram id
     */
    static TelegramOidcClaims claims(BrokeredIdentityContext context, TelegramOidcMapperConfig config) {
        Object token = context.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
        if (!(token instanceof JsonWebToken jwt) || jwt.getIssuer() == null
                || !jwt.getIssuer().equals(config.issuer())) {
            return null;
        }
        Map<String, Object> all = new HashMap<>();
        Object userInfo = context.getContextData().get(OIDCIdentityProvider.USER_INFO);
        if (userInfo instanceof JsonNode info && info.isObject()) {
            info.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode()) {
                    all.put(f.getKey(), f.getValue().isBoolean() ? f.getValue().asBoolean()
                            : f.getValue().isNumber() ? f.getValue().numberValue() : f.getValue().asText());
                }
            });
        }
        all.putAll(jwt.getOtherClaims());
        if (jwt instanceof IDToken id) {
            putIfSet(all, "name", id.getName());
            putIfSet(all, "given_name", id.getGivenName());
            putIfSet(all, "family_name", id.getFamilyName());
            putIfSet(all, "picture", id.getPicture());
            putIfSet(all, "phone_number", id.getPhoneNumber());
            putIfSet(all, "phone_number_verified", id.getPhoneNumberVerified());
        }
        TelegramOidcClaims claims = TelegramOidcClaims.of(all, jwt.getSubject(), config.idClaim());
        return claims.telegramId() == null ? null : claims;
    }

    private static void putIfSet(Map<String, Object> claims, String name, Object value) {
        if (value != null) {
            claims.put(name, value);
        }
    }
}
