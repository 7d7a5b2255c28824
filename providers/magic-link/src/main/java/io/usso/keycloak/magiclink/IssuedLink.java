package io.usso.keycloak.magiclink;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A link just stored: the token (only here and in the e-mail or API answer), its URL and its grant.
 *
 * @param token the secret token
 * @param url the link
 * @param grant what it grants
 */
public record IssuedLink(String token, String url, LinkGrant grant) {

    /**
     * Generates a token and stores the grant under its hash (the newest link of its user and client from now on).
     *
     * @param session the session
     * @param realm the tenant
     * @param grant what the link grants
     * @param nowSeconds epoch seconds
     * @return the stored link
     */
    public static IssuedLink issue(KeycloakSession session, RealmModel realm, LinkGrant grant, long nowSeconds) {
        String token = LinkSecrets.generate();
        new MagicLinkStore(session.singleUseObjects()).issue(LinkSecrets.hash(token), grant, nowSeconds);
        return new IssuedLink(token, LinkUrls.link(session, realm, token), grant);
    }

    @Override
    public String toString() {
        return "IssuedLink[realm=" + grant.realmId() + ", client=" + grant.clientId() + "]";
    }
}
