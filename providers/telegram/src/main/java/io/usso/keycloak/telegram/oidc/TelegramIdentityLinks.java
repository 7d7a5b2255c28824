package io.usso.keycloak.telegram.oidc;

import java.util.Map;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.telegram.TelegramSettings;

/**
 * One Telegram account is one user, whether it signs in through Telegram's OpenID Connect login (an OIDC identity
 * provider of its own alias) or through the tenant's "Telegram" identity provider (Login Widget, Mini App, bot):
 * both federated identities carry the Telegram user id, and these links keep them on the same account.
 *
 * <ul>
 *   <li>before Keycloak looks the OIDC identity up: a user already linked to the Telegram provider with that id gets
 *       the OIDC identity too, so Keycloak signs that user in instead of starting a first login;</li>
 *   <li>after Keycloak found or created the user of an OIDC identity: that user gets the Telegram provider's identity
 *       when nobody holds it, so the widget, Mini App and bot logins find them.</li>
 * </ul>
 * A tenant without a Telegram provider has only the OIDC identity, which then is the one identity. Each link added
 * is a {@code FEDERATED_IDENTITY_LINK} event with {@value #USSO_EVENT} {@value #LINKED}.
 */
public final class TelegramIdentityLinks {

    /** Event detail: what happened. */
    public static final String USSO_EVENT = "usso_event";
    /** A Telegram identity was given to the user holding the same Telegram id under the other alias. */
    public static final String LINKED = "TELEGRAM_IDENTITY_LINKED";

    private final KeycloakSession session;
    private final RealmModel realm;

    /**
     * @param session the request's session
     * @param realm the tenant
     */
    public TelegramIdentityLinks(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param alias the configured Telegram provider alias, or blank for the tenant's first enabled one
     * @return that provider's alias, or null when the tenant has none
     */
    public String telegramAlias(String alias) {
        if (alias != null && !alias.isBlank()) {
            IdentityProviderModel model = session.identityProviders().getByAlias(alias.trim());
            return model != null && TelegramSettings.PROVIDER_ID.equals(model.getProviderId()) ? model.getAlias()
                    : null;
        }
        return session.identityProviders().getAllStream(Map.of(IdentityProviderModel.ENABLED, "true"), null, null)
                .filter(m -> TelegramSettings.PROVIDER_ID.equals(m.getProviderId())).map(IdentityProviderModel::getAlias)
                .findFirst().orElse(null);
    }

    /**
     * Gives the OIDC identity to the user who already holds the Telegram provider's identity of that Telegram id.
     *
     * @param telegramAlias the Telegram provider's alias
     * @param oidcAlias the OIDC provider's alias
     * @param telegramId the Telegram user id
     * @param username the Telegram username for the new link, may be null
     * @return the user now holding both, or null when nobody held the Telegram identity
     */
    public UserModel adoptOidcIdentity(String telegramAlias, String oidcAlias, String telegramId, String username) {
        UserModel holder = session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(telegramAlias, telegramId, null));
        if (holder == null) {
            return null;
        }
        FederatedIdentityModel existing = session.users().getFederatedIdentity(realm, holder, oidcAlias);
        if (existing == null && session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(oidcAlias, telegramId, null)) == null) {
            link(holder, oidcAlias, telegramId, username);
        }
        return holder;
    }

    /**
     * Gives the user of an OIDC identity the Telegram provider's identity, unless someone holds it already.
     *
     * @param user the user signed in (or created) through the OIDC provider
     * @param telegramAlias the Telegram provider's alias
     * @param telegramId the Telegram user id
     * @param username the Telegram username for the new link, may be null
     * @return whether the user holds the Telegram identity afterwards
     */
    public boolean shareTelegramIdentity(UserModel user, String telegramAlias, String telegramId, String username) {
        UserModel holder = session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(telegramAlias, telegramId, null));
        if (holder != null) {
            return holder.getId().equals(user.getId());
        }
        if (session.users().getFederatedIdentity(realm, user, telegramAlias) != null) {
            return false; // linked to another Telegram account through the widget: leave that alone
        }
        link(user, telegramAlias, telegramId, username);
        return true;
    }

    private void link(UserModel user, String alias, String telegramId, String username) {
        String name = username == null ? telegramId : username;
        session.users().addFederatedIdentity(realm, user, new FederatedIdentityModel(alias, telegramId, name));
        new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.FEDERATED_IDENTITY_LINK)
                .user(user).detail(Details.USERNAME, user.getUsername()).detail(Details.IDENTITY_PROVIDER, alias)
                .detail(Details.IDENTITY_PROVIDER_USER_ID, telegramId).detail(USSO_EVENT, LINKED).success();
    }
}
