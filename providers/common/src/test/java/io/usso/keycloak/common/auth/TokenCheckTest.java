package io.usso.keycloak.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenCheckTest {

    private static final long NOW = 1_800_000_000L;

    /** A person's browser sign-in 60 s ago, with the audiences (USSO's, the admin one) and every USSO scope. */
    private static TokenFacts browser() {
        return new TokenFacts(Set.of(UssoEndpoints.AUDIENCE, UssoEndpoints.ADMIN_AUDIENCE, "account"), Set.copyOf(UssoEndpoints.SCOPES), "sid-1",
                false, false, false, true, NOW - 60);
    }

    private static TokenFacts with(TokenFacts f, Set<String> aud, Set<String> scopes, String sid, boolean apiKey,
            boolean serviceAccount, boolean transientSession, boolean interactive, Long authTime) {
        return new TokenFacts(aud == null ? f.audiences() : aud, scopes == null ? f.scopes() : scopes, sid, apiKey,
                serviceAccount, transientSession, interactive, authTime);
    }

    private static String reason(TokenPolicy policy, TokenFacts facts) {
        TokenRefusal refusal = TokenCheck.evaluate(policy, facts, NOW, 600);
        return refusal == null ? null : refusal.reason();
    }

    @Test
    void aRecentBrowserSignInMayDoEverythingAPersonMay() {
        for (TokenPolicy policy : UssoEndpoints.ALL) {
            if (policy.sessionKind() != SessionKind.SERVICE_ACCOUNT) {
                assertNull(reason(policy, browser()), policy.name());
            }
        }
    }

    @Test
    void noTokenIsA401() {
        TokenRefusal refusal = TokenCheck.evaluate(UssoEndpoints.API_KEYS_LIST, null, NOW, 600);
        assertEquals(401, refusal.status());
        assertEquals("invalid_token", refusal.error());
    }

    @Test
    void aTokenOfAnotherAudienceIsRefused() {
        TokenFacts other = with(browser(), Set.of("account"), null, "sid-1", false, false, false, true, NOW - 60);
        TokenRefusal refusal = TokenCheck.evaluate(UssoEndpoints.API_KEYS_CREATE, other, NOW, 600);
        assertEquals("audience", refusal.reason());
        assertEquals(401, refusal.status());
        // the verify endpoint keeps USSO's SDK working: no audience needed there
        assertNull(reason(UssoEndpoints.API_KEYS_VERIFY, other));
    }

    @Test
    void webhooksNeedATokenCarryingTheTenantsAdminAudience() {
        TokenFacts plain = with(browser(), Set.of(UssoEndpoints.AUDIENCE, "account"), null, "sid-1", false, false,
                false, true, NOW - 60);
        assertEquals("audience", reason(UssoEndpoints.WEBHOOKS_MANAGE, plain));
        TokenFacts automation = with(browser(), Set.of(UssoEndpoints.ADMIN_AUDIENCE), Set.of(), null, false, true,
                false, false, null);
        assertNull(reason(UssoEndpoints.WEBHOOKS_MANAGE, automation));
    }

    @Test
    void aTokenWithoutTheScopeIsInsufficientScope() {
        TokenFacts narrow = with(browser(), null, Set.of("openid", UssoEndpoints.SCOPE_API_KEYS), "sid-1", false,
                false, false, true, NOW - 60);
        assertNull(reason(UssoEndpoints.API_KEYS_CREATE, narrow));
        TokenRefusal refusal = TokenCheck.evaluate(UssoEndpoints.QR_APPROVE, narrow, NOW, 600);
        assertEquals(403, refusal.status());
        assertEquals("insufficient_scope", refusal.error());
        assertTrue(refusal.challenge().contains("scope=\"usso:qr-approve\""));
    }

    @Test
    void apiKeyTokensNeverMintKeysApproveLoginsOrManageAgentsOrVerify() {
        TokenFacts apiKey = with(browser(), null, null, null, true, false, true, false, null);
        for (TokenPolicy policy : UssoEndpoints.ALL) {
            assertEquals("api_key", reason(policy, apiKey), policy.name());
        }
    }

    @Test
    void sessionLessAndTransientTokensAreRefusedWherePeopleAct() {
        TokenFacts sessionLess = with(browser(), null, null, null, false, false, false, false, null);
        assertEquals("session_less", reason(UssoEndpoints.API_KEYS_CREATE, sessionLess));
        assertEquals("session_less", reason(UssoEndpoints.AGENTS_READ, sessionLess));
        TokenFacts transientSession = with(browser(), null, null, "sid-1", false, false, true, true, NOW);
        assertEquals("transient", reason(UssoEndpoints.QR_APPROVE, transientSession));
        assertEquals("transient", reason(UssoEndpoints.API_KEYS_LIST, transientSession));
    }

    @Test
    void aPasswordGrantSkipsTheBrowserFlowAndCannotApproveOrMint() {
        TokenFacts passwordGrant = with(browser(), null, null, "sid-2", false, false, false, false, NOW - 5);
        TokenRefusal refusal = TokenCheck.evaluate(UssoEndpoints.QR_APPROVE, passwordGrant, NOW, 600);
        assertEquals("not_interactive", refusal.reason());
        assertEquals(401, refusal.status());
        assertEquals("insufficient_user_authentication", refusal.error());
        assertEquals("not_interactive", reason(UssoEndpoints.API_KEYS_CREATE, passwordGrant));
        assertEquals("not_interactive", reason(UssoEndpoints.AGENTS_MANAGE, passwordGrant));
        // listing one's keys needs a real user session, not a browser sign-in
        assertNull(reason(UssoEndpoints.API_KEYS_LIST, passwordGrant));
    }

    @Test
    void mintingAndApprovingNeedARecentSignIn() {
        TokenFacts old = with(browser(), null, null, "sid-1", false, false, false, true, NOW - 601);
        TokenRefusal refusal = TokenCheck.evaluate(UssoEndpoints.API_KEYS_CREATE, old, NOW, 600);
        assertEquals("login_too_old", refusal.reason());
        assertEquals(401, refusal.status());
        assertTrue(refusal.challenge().contains("max_age=600"), refusal.challenge());
        assertEquals("login_too_old", reason(UssoEndpoints.QR_APPROVE, old));
        assertEquals("login_too_old", reason(UssoEndpoints.AGENTS_MANAGE, old));
        assertNull(reason(UssoEndpoints.QR_INSPECT, old), "looking at a request needs no fresh sign-in");
        assertNull(reason(UssoEndpoints.API_KEYS_REVOKE, old));
        TokenFacts unknown = with(browser(), null, null, "sid-1", false, false, false, true, null);
        assertEquals("login_too_old", reason(UssoEndpoints.API_KEYS_ROTATE, unknown));
        TokenFacts future = with(browser(), null, null, "sid-1", false, false, false, true, NOW + 3600);
        assertEquals("login_too_old", reason(UssoEndpoints.API_KEYS_ROTATE, future));
        assertNull(TokenCheck.evaluate(UssoEndpoints.API_KEYS_CREATE, old, NOW, 3600));
    }

    @Test
    void serviceAccountsIssueMagicLinksButActForNoPerson() {
        TokenFacts service = with(browser(), null, null, null, false, true, true, false, null);
        assertNull(reason(UssoEndpoints.MAGIC_LINK_ISSUE, service));
        assertNull(reason(UssoEndpoints.API_KEYS_VERIFY, service));
        assertEquals("service_account", reason(UssoEndpoints.API_KEYS_CREATE, service));
        assertEquals("service_account", reason(UssoEndpoints.QR_APPROVE, service));
        assertEquals("service_account", reason(UssoEndpoints.AGENTS_MANAGE, service));
        assertEquals("not_service_account", reason(UssoEndpoints.MAGIC_LINK_ISSUE, browser()));
    }

    @Test
    void refusalsAnswerJsonWithAChallenge() {
        TokenRefusal refusal = TokenCheck.evaluate(UssoEndpoints.MAGIC_LINK_ISSUE, browser(), NOW, 600);
        var reply = refusal.reply();
        assertEquals(403, reply.status());
        assertTrue(reply.body().contains("\"error\""), reply.body());
        assertTrue(reply.body().contains("\"error_description\""), reply.body());
        assertTrue(reply.headers().containsKey("WWW-Authenticate"));
    }

    @Test
    void everyPolicyIsDeclaredOnceWithAUniqueName() {
        assertEquals(UssoEndpoints.ALL.size(), UssoEndpoints.ALL.stream().map(TokenPolicy::name).distinct().count());
        assertThrows(IllegalArgumentException.class,
                () -> new TokenPolicy("x", null, null, SessionKind.SERVICE_ACCOUNT, true));
    }

    @Test
    void reauthMaxAgeIsBoundedWithASafeDefault() {
        assertEquals(600, ReauthMaxAge.parse(null));
        assertEquals(600, ReauthMaxAge.parse("ten minutes"));
        assertEquals(600, ReauthMaxAge.parse("-5"));
        assertEquals(30, ReauthMaxAge.parse("1"));
        assertEquals(86_400, ReauthMaxAge.parse("999999999"));
        assertEquals(120, ReauthMaxAge.parse(" 120 "));
    }
}
