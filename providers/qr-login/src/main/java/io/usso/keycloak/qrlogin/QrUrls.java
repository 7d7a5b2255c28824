package io.usso.keycloak.qrlogin;

import java.net.URI;

import jakarta.ws.rs.core.UriBuilder;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * URLs of the QR login, built from the request's frontend base URI (Keycloak's {@code --hostname}), so that a QR
 * code always points at the public address.
 */
public final class QrUrls {

    /** Path segment of the realm resource. */
    public static final String RESOURCE = "qr-login";

    private final URI base;
    private final String realmName;

    /**
     * @param base the frontend base URI ({@code https://id.example.com/})
     * @param realmName the tenant
     */
    public QrUrls(URI base, String realmName) {
        this.base = base;
        this.realmName = realmName;
    }

    /**
     * @param session the request's session
     * @param realm the tenant
     * @return the URLs of that tenant
     */
    public static QrUrls of(KeycloakSession session, RealmModel realm) {
        return new QrUrls(session.getContext().getUri().getBaseUri(), realm.getName());
    }

    private UriBuilder resource() {
        return UriBuilder.fromUri(base).path("realms").path(realmName).path(RESOURCE);
    }

    /** @param code a QR code @return what the QR code encodes */
    public String scan(String code) {
        return resource().path("scan").path(code).build().toString();
    }

    /** @param handle the waiting page's handle @return its status URL */
    public String status(String handle) {
        return resource().path("status").path(handle).build().toString();
    }

    /** @return the confirm page (also the phone sign-in's redirect URI) */
    public String confirm() {
        return resource().path("confirm").build().toString();
    }

    /** @return the short-code page (also a redirect URI) */
    public String enter() {
        return resource().path("enter").build().toString();
    }

    /**
     * The realm's authorization endpoint for the phone's sign-in detour.
     *
     * @param clientId the phone client ({@code usso-qr-login})
     * @param redirectUri {@link #confirm()} or {@link #enter()}
     * @param state carried back (the ticket, or a random value)
     * @param codeChallenge the PKCE S256 challenge
     * @return the URL to redirect the phone to
     */
    public URI phoneSignIn(String clientId, String redirectUri, String state, String codeChallenge) {
        return phoneSignIn(clientId, redirectUri, state, codeChallenge, false);
    }

    /**
     * @param clientId the phone pages' client
     * @param redirectUri where the sign-in returns to
     * @param state the state
     * @param codeChallenge PKCE S256 challenge
     * @param again whether the person must authenticate again ({@code max_age=0}) although signed in
     * @return the authorization request
     */
    public URI phoneSignIn(String clientId, String redirectUri, String state, String codeChallenge, boolean again) {
        UriBuilder builder = UriBuilder.fromUri(base).path("realms").path(realmName).path("protocol/openid-connect/auth")
                .queryParam("client_id", clientId)
                .queryParam("redirect_uri", redirectUri)
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("state", state)
                .queryParam("code_challenge", codeChallenge)
                .queryParam("code_challenge_method", "S256");
        if (again) {
            builder.queryParam("max_age", "0");
        }
        return builder.build();
    }
}
