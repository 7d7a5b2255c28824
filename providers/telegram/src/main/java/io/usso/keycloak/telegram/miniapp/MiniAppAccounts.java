package io.usso.keycloak.telegram.miniapp;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.telegram.proof.InitDataUser;

/**
 * The account of a Mini App's Telegram user. One person is one user: the account is found by its federated identity
 * (the tenant's Telegram identity provider alias, the Telegram user id), the very identity a Login Widget login,
 * the bot-confirmed login and the Telegram OIDC preset link. Never by username, name or anything else the Telegram
 * user chose.
 *
 * <p>When there is none, an account is created only if the identity provider is not "link only" and its Mini App
 * setting {@value MiniAppConfig#CREATE_USERS} is on (the default, as a first widget login through the first broker
 * login flow would create one): username {@code telegram-<id>} (with a random suffix if someone holds that name),
 * first and last name from Telegram, no e-mail, and the federated identity linked.
 */
public final class MiniAppAccounts {

    /** Username prefix of accounts created for Telegram users. */
    public static final String USERNAME_PREFIX = "telegram-";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String alias;
    private final SecureRandom random;

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param alias the tenant's Telegram identity provider alias
     * @param random the factory's shared random source (username suffixes)
     */
    public MiniAppAccounts(KeycloakSession session, RealmModel realm, String alias, SecureRandom random) {
        this.session = session;
        this.realm = realm;
        this.alias = alias;
        this.random = random;
    }

    /**
     * @param user the Telegram user
     * @return the account linked to that Telegram user, or null
     */
    public UserModel linked(InitDataUser user) {
        return session.users().getUserByFederatedIdentity(realm, identity(user));
    }

    /**
     * Creates an account for a Telegram user who has none and links the federated identity.
     *
     * @param user the Telegram user (verified)
     * @return the new account
     */
    public UserModel create(InitDataUser user) {
        UserModel created = session.users().addUser(realm, freeUsername(user));
        created.setEnabled(true);
        if (user.firstName() != null) {
            created.setFirstName(user.firstName());
        }
        if (user.lastName() != null) {
            created.setLastName(user.lastName());
        }
        session.users().addFederatedIdentity(realm, created, identity(user));
        return created;
    }

    private FederatedIdentityModel identity(InitDataUser user) {
        return new FederatedIdentityModel(alias, user.idString(), user.username() == null ? user.idString()
                : user.username());
    }

    private String freeUsername(InitDataUser user) {
        String name = USERNAME_PREFIX + user.idString();
        if (session.users().getUserByUsername(realm, name) == null) {
            return name;
        }
        // someone holds the name (self-registration): never theirs, a name of our own
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        return name + "-" + HexFormat.of().formatHex(suffix);
    }
}
