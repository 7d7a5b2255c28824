package io.usso.keycloak.magiclink.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiIssueRequestTest {

    private static ApiIssueRequest parse(String json) {
        return ApiIssueRequest.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static ApiRequestException refused(String json) {
        return assertThrows(ApiRequestException.class, () -> parse(json));
    }

    @Test
    void minimalRequestSendsWithTheTenantLifetime() {
        ApiIssueRequest request = parse(
                "{\"email\": \" Ali@Example.org \", \"client_id\": \"spa\", \"redirect_uri\": \"http://localhost:3000/cb\"}");
        assertEquals("ali@example.org", request.email());
        assertEquals("spa", request.clientId());
        assertEquals("http://localhost:3000/cb", request.redirectUri());
        assertNull(request.lifetimeSeconds());
        assertTrue(request.send());
        assertNull(request.codeChallenge());
        assertNull(request.codeChallengeMethod());
    }

    @Test
    void fullRequestKeepsTheOAuthParameters() {
        ApiIssueRequest request = parse("{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\","
                + " \"lifetime\": 600, \"send\": false, \"scope\": \"openid email\", \"state\": \"s\", \"nonce\": \"n\","
                + " \"code_challenge\": \"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\"}");
        assertEquals(600, request.lifetimeSeconds());
        assertFalse(request.send());
        assertEquals("openid email", request.scope());
        assertEquals("s", request.state());
        assertEquals("n", request.nonce());
        assertEquals("S256", request.codeChallengeMethod(), "S256 by default");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "[]",
        "\"a@b.co\"",
        "{\"email\": \"a@b.co\", \"client_id\": \"spa\"}",
        "{\"client_id\": \"spa\", \"redirect_uri\": \"x\"}",
        "{\"email\": \"not-an-address\", \"client_id\": \"spa\", \"redirect_uri\": \"x\"}",
        "{\"email\": 5, \"client_id\": \"spa\", \"redirect_uri\": \"x\"}",
        "{\"email\": \"a@b.co\", \"client_id\": \"  \", \"redirect_uri\": \"x\"}",
        "{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\", \"send\": \"yes\"}",
        "{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\", \"state\": \"a\\u0000b\"}",
        "{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\", \"code_challenge\": \"short\"}",
        "{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\", \"code_challenge_method\": \"S256\"}",
        "{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\","
                + " \"code_challenge\": \"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\", \"code_challenge_method\": \"S512\"}",
        "{\"email\": \"a@b.co\", \"email\": \"c@d.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\"}",
        "{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\"} {}",
        "{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\""
    })
    void malformedBodiesAre400InvalidRequest(String body) {
        ApiRequestException e = refused(body);
        assertEquals(400, e.status());
        assertEquals("invalid_request", e.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1.5", "\"600\"", "99999999999"})
    void badLifetimesAre400InvalidLifetime(String lifetime) {
        ApiRequestException e = refused("{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"x\","
                + " \"lifetime\": " + lifetime + "}");
        assertEquals("invalid_lifetime", e.error());
    }

    @Test
    void messagesNeverQuoteTheInput() {
        ApiRequestException e = refused("{\"email\": \"<script>evil</script>\", \"client_id\": \"spa\", \"redirect_uri\": \"x\"}");
        assertFalse(e.getMessage().contains("script"));
        e = refused("{\"email\": \"evil-marker");
        assertFalse(e.getMessage().contains("evil-marker"));
    }

    @Test
    void oversizedBodiesAreRefused() {
        String big = "{\"email\": \"a@b.co\", \"client_id\": \"spa\", \"redirect_uri\": \"" + "x".repeat(20_000) + "\"}";
        assertTrue(refused(big).getMessage().contains("larger"));
    }

    @Test
    void pkceChallengeOfTheRfcExampleIsAccepted() {
        // RFC 7636 appendix B
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                ContinueLogin.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }
}
