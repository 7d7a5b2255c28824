package io.usso.keycloak.apikeys.account;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.auth.RecentLogin;
import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.apikeys.ApiKeyRuntime;
import io.usso.keycloak.apikeys.rest.ApiKeyResourceProviderFactory;
import io.usso.keycloak.apikeys.service.ApiKeyEvents;
import io.usso.keycloak.apikeys.service.ApiKeyService;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;

/**
 * {@code /realms/{realm}/api-keys/account}: the server-rendered page where a signed-in user lists, creates, rotates
 * and revokes their own API keys. The user is the one of the realm's SSO cookie; without one the page sends the
 * browser to sign in ({@link AccountLogin}) and back. Every POST needs the session's CSRF token
 * ({@link AccountCsrf}) and an {@code Origin} (or {@code Referer}) of this server ({@link AccountOrigin}); the key
 * rules are those of {@link ApiKeyService}. A new key is shown once, in the answer to the POST that made it.
 */
public final class ApiKeyAccountPage {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ApiKeyRuntime runtime;

    /**
     * @param session the request's session
     * @param runtime the server's API-key runtime
     */
    public ApiKeyAccountPage(KeycloakSession session, ApiKeyRuntime runtime) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.runtime = runtime;
    }

    /** @return the page, a sign-in redirect, or a redirect that drops a sign-in response from the URL */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        ApiKeyConfig config = runtime.configs().config(realm);
        Response unavailable = unavailable(config);
        if (unavailable != null) {
            return unavailable;
        }
        MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
        AuthResult auth = signedIn();
        if (auth == null) {
            if (query.containsKey("error")) {
                // the sign-in was cancelled or refused: do not loop back into it
                return AccountPageView.plain(401, "Sign-in did not complete. Open " + pageUri() + " to try again.");
            }
            URI login = new AccountLogin(RANDOM).authorizationRedirect(authorizationEndpoint(), pageUri(),
                    query.getFirst("kc_locale"), null);
            return Response.status(302).location(login).header("Cache-Control", "no-store").build();
        }
        if (AccountLogin.isLoginResponse(query.keySet())) {
            return Response.status(302).location(pageUri()).header("Cache-Control", "no-store").build();
        }
        return view().render(auth.user(), csrf().token(realm.getId(), auth.session().getId()), keys(auth), config,
                null, null, 200);
    }

    /** @return the page with the new key shown once, or with the reason it was not created */
    @POST
    @Path("create")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create() {
        Post post = checkPost();
        if (post.refusal() != null) {
            return post.refusal();
        }
        if (!RecentLogin.isRecent(post.auth().session(), realm)) {
            return signInAgain(post);
        }
        MultivaluedMap<String, String> form = post.form();
        ApiKeyService.Issued issued;
        try {
            issued = service().create(post.auth().user(), AccountForms.createRequest(form.getFirst(AccountForms.NAME),
                    form.get(AccountForms.SCOPES), form.getFirst(AccountForms.EXPIRES_IN_DAYS)), post.config(), null);
        } catch (ApiKeyRequestException e) {
            return render(post, null, new AccountPageView.Notice("ussoApiKeyCreateFailed", true, e.getMessage()), 400);
        }
        event(EventType.UPDATE_CREDENTIAL, post.auth(), issued.entity(), Map.of());
        return render(post, new AccountNewKeyView(issued.entity(), issued.key()),
                new AccountPageView.Notice("ussoApiKeyCreatedNotice", false, null), 200);
    }

    /**
     * @param id the key to replace
     * @return the page with the new key shown once; the old key stops working at once
     */
    @POST
    @Path("keys/{id}/rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response rotate(@PathParam("id") String id) {
        Post post = checkPost();
        if (post.refusal() != null) {
            return post.refusal();
        }
        if (!RecentLogin.isRecent(post.auth().session(), realm)) {
            return signInAgain(post);
        }
        ApiKeyService.Rotated rotated;
        try {
            rotated = service().rotate(post.auth().user(), id, null, post.config(), null);
        } catch (ApiKeyRequestException e) {
            return render(post, null, new AccountPageView.Notice("ussoApiKeyRotateFailed", true, e.getMessage()), 400);
        }
        if (rotated == null) {
            return render(post, null, new AccountPageView.Notice("ussoApiKeyNotFound", true, null), 404);
        }
        ApiKeyEntity entity = rotated.issued().entity();
        event(EventType.UPDATE_CREDENTIAL, post.auth(), entity, Map.of(ApiKeyEvents.DETAIL_ROTATED_FROM, rotated.oldId()));
        return render(post, new AccountNewKeyView(entity, rotated.issued().key()),
                new AccountPageView.Notice("ussoApiKeyRotated", false, null), 200);
    }

    /**
     * @param id the key to revoke
     * @return the page without the key
     */
    @POST
    @Path("keys/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response revoke(@PathParam("id") String id) {
        Post post = checkPost();
        if (post.refusal() != null) {
            return post.refusal();
        }
        ApiKeyEntity revoked = service().revoke(post.auth().user().getId(), id);
        if (revoked == null) {
            return render(post, null, new AccountPageView.Notice("ussoApiKeyNotFound", true, null), 404);
        }
        event(EventType.REMOVE_CREDENTIAL, post.auth(), revoked, Map.of());
        return render(post, null, new AccountPageView.Notice("ussoApiKeyRevoked", false, null), 200);
    }

    /** A POST after its checks: the settings, the signed-in user and the form, or the answer that ends it. */
    private record Post(ApiKeyConfig config, AuthResult auth, MultivaluedMap<String, String> form, Response refusal) {
    }

    /** Tenant gate, sign-in (none: back to the page), origin, CSRF token: in this order. */
    private Post checkPost() {
        ApiKeyConfig config = runtime.configs().config(realm);
        Response unavailable = unavailable(config);
        if (unavailable != null) {
            return new Post(config, null, null, unavailable);
        }
        AuthResult auth = signedIn();
        if (auth == null) {
            return new Post(config, null, null,
                    Response.seeOther(pageUri()).header("Cache-Control", "no-store").build());
        }
        MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
        var headers = session.getContext().getRequestHeaders();
        boolean sameOrigin = AccountOrigin.sameOrigin(pageUri(), headers.getHeaderString("Origin"),
                headers.getHeaderString("Referer"));
        boolean token = csrf().matches(realm.getId(), auth.session().getId(), form.getFirst(AccountCsrf.FIELD));
        if (!sameOrigin || !token) {
            refusedEvent(auth, sameOrigin ? "csrf_token" : "origin");
            Post refused = new Post(config, auth, form, null);
            return new Post(config, auth, form,
                    render(refused, null, new AccountPageView.Notice("ussoApiKeyFormExpired", true, null), 403));
        }
        return new Post(config, auth, form, null);
    }

    /**
     * Minting a key needs a sign-in no older than the tenant's maximum: back through the sign-in with
     * {@code max_age=0} (Keycloak asks for the credentials again), then to the page; the form is not replayed.
     */
    private Response signInAgain(Post post) {
        refusedEvent(post.auth(), "login_too_old");
        URI login = new AccountLogin(RANDOM).authorizationRedirect(authorizationEndpoint(), pageUri(), null, 0);
        return Response.seeOther(login).header("Cache-Control", "no-store").build();
    }

    private Response render(Post post, AccountNewKeyView newKey, AccountPageView.Notice notice, int status) {
        return view().render(post.auth().user(), csrf().token(realm.getId(), post.auth().session().getId()),
                keys(post.auth()), post.config(), newKey, notice, status);
    }

    /** 404 when the tenant has API keys off, 503 without pepper, 501 when the login theme lacks the page. */
    private Response unavailable(ApiKeyConfig config) {
        if (!config.enabled()) {
            return AccountPageView.plain(404, "Not found");
        }
        if (runtime.hasher() == null) {
            return AccountPageView.plain(503, "API keys are not configured on this server.");
        }
        if (!view().available()) {
            return AccountPageView.plain(501, "This realm's login theme has no API key page (use the usso theme).");
        }
        return null;
    }

    private AuthResult signedIn() {
        AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        return auth == null || auth.user() == null || auth.session() == null ? null : auth;
    }

    private List<ApiKeyEntity> keys(AuthResult auth) {
        return service().list(auth.user().getId());
    }

    private void event(EventType type, AuthResult auth, ApiKeyEntity entity, Map<String, String> extra) {
        new ApiKeyEvents(session, realm).keyChanged(type, auth.user(), realm.getClientByClientId(AccountLogin.CLIENT_ID),
                entity.getId(), entity.getDisplayPrefix(), extra);
    }

    /** A refused POST: who, and which check failed (never the submitted token). */
    private void refusedEvent(AuthResult auth, String failedCheck) {
        new ApiKeyEvents(session, realm).builder().event(EventType.UPDATE_CREDENTIAL_ERROR).user(auth.user())
                .detail(Details.CREDENTIAL_TYPE, ApiKeyEvents.CREDENTIAL_TYPE)
                .detail(ApiKeyEvents.DETAIL_REASON, failedCheck)
                .error("invalid_request");
    }

    private ApiKeyService service() {
        return new ApiKeyService(session, realm, runtime);
    }

    private AccountCsrf csrf() {
        return new AccountCsrf(runtime.hasher());
    }

    private AccountPageView view() {
        return new AccountPageView(session, realm, pageUri());
    }

    private URI pageUri() {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path(ApiKeyResourceProviderFactory.ID).path("account").build();
    }

    private URI authorizationEndpoint() {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path("protocol").path("openid-connect").path("auth").build();
    }
}
