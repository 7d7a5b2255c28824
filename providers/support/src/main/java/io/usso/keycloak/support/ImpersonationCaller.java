package io.usso.keycloak.support;

import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.LookupIds;

/**
 * Who calls the admin REST API, found as Keycloak's admin API finds them: the realm named by the bearer token's
 * issuer, the token verified by Keycloak's own {@link AppAuthManager.BearerTokenAuthenticator} (signature, expiry,
 * active session, token type). Unverifiable tokens name nobody; Keycloak then refuses the request itself.
 *
 * @param realm the caller's realm
 * @param user the caller
 */
public record ImpersonationCaller(RealmModel realm, UserModel user) {

    private static final String REALMS = "/realms/";

    /**
     * @param session the request's session
     * @param authorization the {@code Authorization} header, may be null
     * @return the verified caller, or null
     */
    public static ImpersonationCaller of(KeycloakSession session, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        String realmName = issuerRealm(token);
        if (realmName == null) {
            return null;
        }
        RealmModel realm = session.realms().getRealmByName(realmName);
        if (realm == null) {
            return null;
        }
        KeycloakContext context = session.getContext();
        RealmModel previous = context.getRealm();
        context.setRealm(realm);
        try {
            AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm)
                    .setUriInfo(context.getUri()).setConnection(context.getConnection())
                    .setHeaders(context.getRequestHeaders()).setTokenString(token).authenticate();
            return result == null || result.getUser() == null ? null : new ImpersonationCaller(realm, result.getUser());
        } finally {
            context.setRealm(previous);
        }
    }

    /**
     * @param token a compact JWS
     * @return the realm name at the end of its {@code iss}, unverified (only to choose the realm whose keys verify
     *         it), or null
     */
    static String issuerRealm(String token) {
        if (token.isEmpty() || token.length() > 16_384) {
            return null;
        }
        try {
            String issuer = new JWSInput(token).readJsonContent(JsonWebToken.class).getIssuer();
            if (issuer == null) {
                return null;
            }
            int at = issuer.lastIndexOf(REALMS);
            String name = at < 0 ? null : issuer.substring(at + REALMS.length());
            return name != null && LookupIds.plausible(name) && name.indexOf('/') < 0 ? name : null;
        } catch (JWSInputException | RuntimeException e) {
            return null;
        }
    }
}
