package io.usso.keycloak.apikeys.account;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The sign-in redirect of the account page: an OIDC authorization request of the {@code account-console} client
 * back to the page (code flow, PKCE S256, random state). The code is never exchanged: the page only needs the SSO
 * cookie the sign-in leaves behind, and on return it drops the response parameters from its URL
 * ({@link #isLoginResponse}). The verifier is thrown away, so the code is useless to anyone.
 */
public final class AccountLogin {

    /** The client the page signs in with (public, PKCE S256 in the tenant template). */
    public static final String CLIENT_ID = "account-console";
    /** Query parameters of an authorization response, dropped from the page's URL. */
    static final Set<String> RESPONSE_PARAMETERS = Set.of("code", "state", "session_state", "iss", "error",
            "error_description", "error_uri");

    private final SecureRandom random;

    /** @param random source of the state and the PKCE verifier */
    public AccountLogin(SecureRandom random) {
        this.random = random;
    }

    /**
     * @param authorizationEndpoint the realm's authorization endpoint
     * @param pageUri the page's absolute URI (a redirect URI of {@value #CLIENT_ID})
     * @param uiLocale the language to sign in with, or null
     * @param maxAgeSeconds OIDC {@code max_age} (0 = authenticate again), or null
     * @return where to send the browser
     */
    public URI authorizationRedirect(URI authorizationEndpoint, URI pageUri, String uiLocale, Integer maxAgeSeconds) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", CLIENT_ID);
        query.put("redirect_uri", pageUri.toString());
        query.put("response_type", "code");
        query.put("scope", "openid");
        query.put("state", randomToken());
        query.put("code_challenge", s256(randomToken()));
        query.put("code_challenge_method", "S256");
        if (uiLocale != null && !uiLocale.isBlank()) {
            query.put("ui_locales", uiLocale);
        }
        if (maxAgeSeconds != null) {
            query.put("max_age", Integer.toString(Math.max(0, maxAgeSeconds)));
        }
        StringJoiner joined = new StringJoiner("&", authorizationEndpoint + "?", "");
        query.forEach((name, value) -> joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return URI.create(joined.toString());
    }

    /**
     * @param queryParameterNames the page request's query parameter names
     * @return whether the request is the return from a sign-in (its URL carries an authorization response)
     */
    public static boolean isLoginResponse(Set<String> queryParameterNames) {
        return queryParameterNames.stream().anyMatch(RESPONSE_PARAMETERS::contains);
    }

    /**
     * @param verifier a PKCE code verifier
     * @return its S256 challenge (RFC 7636)
     */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
