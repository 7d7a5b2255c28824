package io.usso.keycloak.magiclink.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.services.resources.LoginActionsService;

import io.usso.keycloak.magiclink.AuthRequest;
import io.usso.keycloak.magiclink.LinkGrant;
import io.usso.keycloak.magiclink.LinkSecrets;
import io.usso.keycloak.magiclink.MagicLinkAuthenticator;
import io.usso.keycloak.magiclink.MagicLinkStore;

/**
 * Where the browser goes after confirming a link: back into the waiting authentication session (same browser), or
 * through the realm's authorization endpoint with a one-time reference bound to this browser by a cookie (API links,
 * second device), so that every remaining step of the realm's flow runs.
 */
final class ContinueLogin {

    private final KeycloakSession session;
    private final RealmModel realm;

    ContinueLogin(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /**
     * @param grant a browser link's grant
     * @return a redirect to the login-actions endpoint of the grant's authentication session, whose authenticator
     *         picks up the confirmation
     */
    Response inThisBrowser(LinkGrant grant) {
        URI uri = LoginActionsService.authenticationFormProcessor(session.getContext().getUri())
                .queryParam(Constants.CLIENT_ID, "{client}")
                .queryParam(Constants.TAB_ID, "{tab}")
                .build(realm.getName(), grant.clientId(), grant.tabId());
        return Response.seeOther(uri).header("Cache-Control", "no-store").build();
    }

    /**
     * @param grant the used link's grant, with an {@link AuthRequest}
     * @return a redirect to the authorization endpoint with the reference, and the binding cookie; null when the
     *         client is gone or disabled
     */
    Response viaAuthorizationEndpoint(LinkGrant grant) {
        ClientModel client = realm.getClientByClientId(grant.clientId());
        AuthRequest request = grant.authRequest();
        if (client == null || !client.isEnabled() || request == null) {
            return null;
        }
        String reference = LinkSecrets.generate();
        String binding = LinkSecrets.generate();
        new MagicLinkStore(session.singleUseObjects()).putReference(LinkSecrets.hash(reference),
                LinkSecrets.hash(binding), grant, ConfirmCookies.BINDING_MAX_AGE);

        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", client.getClientId());
        query.put("redirect_uri", request.redirectUri());
        query.put("response_type", "code");
        query.put("scope", request.scope() == null || request.scope().isBlank() ? "openid" : request.scope());
        putIfPresent(query, "state", request.state());
        putIfPresent(query, "nonce", request.nonce());
        if (request.codeChallenge() != null) {
            query.put("code_challenge", request.codeChallenge());
            query.put("code_challenge_method",
                    request.codeChallengeMethod() == null ? "S256" : request.codeChallengeMethod());
        } else if (requiresPkce(client)) {
            // the second device's own login: its code is not for an app instance, the SSO session is what counts
            query.put("code_challenge", s256(LinkSecrets.generate() + LinkSecrets.generate()));
            query.put("code_challenge_method", "S256");
        }
        putIfPresent(query, "login_hint", loginHint(grant));
        query.put(MagicLinkAuthenticator.REF_PARAM, reference);

        URI base = UriBuilder.fromUri(session.getContext().getUri().getBaseUri()).path("realms").path(realm.getName())
                .path("protocol").path("openid-connect").path("auth").build();
        URI location = URI.create(base + "?" + query.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")));
        return Response.seeOther(location).header("Cache-Control", "no-store")
                .cookie(ConfirmCookies.binding(session, realm, binding)).build();
    }

    /**
     * @param client a client
     * @return whether it requires PKCE
     */
    static boolean requiresPkce(ClientModel client) {
        String method = OIDCAdvancedConfigWrapper.fromClientModel(client).getPkceCodeChallengeMethod();
        return method != null && !method.isBlank();
    }

    private String loginHint(LinkGrant grant) {
        if (grant.userId() == null) {
            return grant.email();
        }
        UserModel user = session.users().getUserById(realm, grant.userId());
        return user == null ? null : user.getEmail();
    }

    private static void putIfPresent(Map<String, String> query, String name, String value) {
        if (value != null && !value.isEmpty()) {
            query.put(name, value);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
