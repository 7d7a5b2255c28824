package io.usso.keycloak.magiclink.rest;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.usso.keycloak.magiclink.LinkSecrets;
import io.usso.keycloak.magiclink.LinkUrls;

/**
 * The module's two cookies, both {@code HttpOnly}, {@code Secure} on HTTPS, holding a random value:
 * <ul>
 *   <li>{@value #CONFIRM}: set by the confirm page, echoed by its form (double submit, {@code SameSite=Strict}):
 *       a POST forged from another site, or not coming from a page the browser really showed, uses nothing.</li>
 *   <li>{@value #BINDING}: set with a one-time reference; the authenticator accepts the reference only from the
 *       browser holding it ({@code SameSite=Lax}, path {@code /realms/{realm}/}, {@value #BINDING_MAX_AGE} s).</li>
 * </ul>
 */
final class ConfirmCookies {

    /** Name of the confirm-page cookie. */
    static final String CONFIRM = "USSO_ML_CONFIRM";
    /** Name of the browser-binding cookie (read by the authenticator). */
    static final String BINDING = LinkUrls.BINDING_COOKIE;
    /** Lifetime of the confirm-page cookie, seconds. */
    static final int CONFIRM_MAX_AGE = 1800;
    /** Lifetime of the binding cookie and its reference, seconds. */
    static final int BINDING_MAX_AGE = 300;

    private ConfirmCookies() {
    }

    static NewCookie confirm(KeycloakSession session, RealmModel realm, String value) {
        return build(CONFIRM, value, LinkUrls.cookiePath(session, realm), CONFIRM_MAX_AGE, NewCookie.SameSite.STRICT,
                secure(session));
    }

    static NewCookie binding(KeycloakSession session, RealmModel realm, String value) {
        String path = LinkUrls.cookiePath(session, realm);
        String realmPath = path.substring(0, path.length() - LinkUrls.RESOURCE.length());
        return build(BINDING, value, realmPath, BINDING_MAX_AGE, NewCookie.SameSite.LAX, secure(session));
    }

    /**
     * @param session the request's session
     * @return the confirm-page cookie's value when well-formed, else null
     */
    static String presentedConfirm(KeycloakSession session) {
        Cookie cookie = session.getContext().getHttpRequest().getHttpHeaders().getCookies().get(CONFIRM);
        return cookie == null || !LinkSecrets.isWellFormed(cookie.getValue()) ? null : cookie.getValue();
    }

    private static boolean secure(KeycloakSession session) {
        return "https".equalsIgnoreCase(session.getContext().getUri().getBaseUri().getScheme());
    }

    private static NewCookie build(String name, String value, String path, int maxAge, NewCookie.SameSite sameSite,
            boolean secure) {
        return new NewCookie.Builder(name).value(value).path(path).maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(sameSite).build();
    }
}
