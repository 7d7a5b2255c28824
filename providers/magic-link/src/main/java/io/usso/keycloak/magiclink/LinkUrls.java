package io.usso.keycloak.magiclink;

import java.net.URI;

import jakarta.ws.rs.core.UriBuilder;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** URLs of the {@value #RESOURCE} realm resource, on the frontend URL of the request. */
public final class LinkUrls {

    /** Path segment (and realm-resource provider id) under {@code /realms/{realm}/}. */
    public static final String RESOURCE = "magic-link";
    /** Sub-path of the link (GET: confirm page, POST: confirm). */
    public static final String OPEN = "open";
    /** Sub-path of the waiting page's status endpoint. */
    public static final String STATUS = "status";
    /** Query parameter of the link token. */
    public static final String TOKEN_PARAM = "token";
    /** Query parameter of the waiting handle. */
    public static final String HANDLE_PARAM = "handle";
    /** Cookie binding a one-time reference to the browser that confirmed the link. */
    public static final String BINDING_COOKIE = "USSO_ML_BIND";

    private LinkUrls() {
    }

    /**
     * @param session the session
     * @param realm the tenant
     * @return {@code {base}/realms/{realm}/magic-link}
     */
    public static UriBuilder base(KeycloakSession session, RealmModel realm) {
        URI base = session.getContext().getUri().getBaseUri();
        return UriBuilder.fromUri(base).path("realms").path(realm.getName()).path(RESOURCE);
    }

    /**
     * @param session the session
     * @param realm the tenant
     * @param token the link token
     * @return the URL in the e-mail
     */
    public static String link(KeycloakSession session, RealmModel realm, String token) {
        return base(session, realm).path(OPEN).queryParam(TOKEN_PARAM, token).build().toString();
    }

    /**
     * @param session the session
     * @param realm the tenant
     * @param handle the waiting handle
     * @return the URL the waiting page polls
     */
    public static String status(KeycloakSession session, RealmModel realm, String handle) {
        return base(session, realm).path(STATUS).queryParam(HANDLE_PARAM, handle).build().toString();
    }

    /**
     * @param session the session
     * @param realm the tenant
     * @return the path the module's cookies are scoped to
     */
    public static String cookiePath(KeycloakSession session, RealmModel realm) {
        return base(session, realm).build().getRawPath();
    }
}
