package io.usso.keycloak.telegram.idp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.usso.keycloak.telegram.TelegramSettings;
import io.usso.keycloak.telegram.proof.LoginWidgetData;
import io.usso.keycloak.telegram.proof.LoginWidgetRefusedException;
import io.usso.keycloak.telegram.proof.LoginWidgetVerifier;
import io.usso.keycloak.telegram.proof.ProofReplay;

/**
 * The broker endpoint {@code /realms/{realm}/broker/{alias}/endpoint} of a Telegram identity provider.
 *
 * <ul>
 *   <li>{@code GET ?state=..} (Telegram's redirect; the data is in the {@code #tgAuthResult} fragment, which the
 *       server never sees): a small themed page whose script posts the fragment back here.</li>
 *   <li>{@code POST} form {@code state}, {@code tgAuthResult}: verifies the data and continues Keycloak's broker
 *       flow in the authentication session named by {@code state}.</li>
 *   <li>{@code GET ?state=..&id=..&hash=..} (Telegram's {@code data-auth-url} form): the same check on the query
 *       fields.</li>
 * </ul>
 *
 * Refusals emit {@code IDENTITY_PROVIDER_LOGIN_ERROR} with the {@code reason} detail ({@code missing_field},
 * {@code bad_hash}, {@code expired}, {@code future}, {@code replayed}, {@code malformed}, {@code missing_state},
 * {@code invalid_state}, {@code not_configured}) and show Keycloak's error page with status 400.
 */
public final class LoginWidgetEndpoint {

    /** Form field of the fragment's value. */
    public static final String AUTH_RESULT = "tgAuthResult";
    /** Event detail: what happened. */
    public static final String USSO_EVENT = "usso_event";
    /** {@value #USSO_EVENT} of a refused Telegram login. */
    public static final String REFUSED = "TELEGRAM_WIDGET_REFUSED";
    /** The callback page's template. */
    public static final String PAGE = "usso-telegram-callback.ftl";

    private static final Logger LOG = Logger.getLogger(LoginWidgetEndpoint.class);
    private static final int MAX_STATE_LENGTH = 2048;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TelegramIdentityProvider provider;
    private final AuthenticationCallback callback;
    private final EventBuilder event;

    LoginWidgetEndpoint(KeycloakSession session, RealmModel realm, TelegramIdentityProvider provider,
            AuthenticationCallback callback, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.provider = provider;
        this.callback = callback;
        this.event = event;
    }

    /**
     * Telegram's return: the callback page, or, with login fields in the query ({@code data-auth-url}), their check.
     *
     * @return the page, the broker flow's next step, or an error page
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response get() {
        MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
        String state = single(query.get(TelegramIdentityProvider.STATE));
        if (query.containsKey(LoginWidgetData.HASH) || query.containsKey(LoginWidgetData.ID)) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : query.entrySet()) {
                if (!TelegramIdentityProvider.STATE.equals(e.getKey())) {
                    if (e.getValue().size() != 1) {
                        return refuse(null, "malformed", "a query field given more than once");
                    }
                    fields.put(e.getKey(), e.getValue().get(0));
                }
            }
            return complete(state, fields, null);
        }
        if (state == null || state.isBlank() || state.length() > MAX_STATE_LENGTH) {
            return refuse(null, "missing_state", "no broker state in the return address");
        }
        LoginFormsProvider page = session.getProvider(LoginFormsProvider.class)
                .setAttribute("telegramState", state)
                .setAttribute("telegramEndpoint", session.getContext().getUri().getAbsolutePath().toString());
        return Response.fromResponse(page.createForm(PAGE))
                .header("Cache-Control", "no-store, must-revalidate, max-age=0")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /**
     * The callback page's post.
     *
     * Form fields {@code state} and {@code tgAuthResult}.
     *
     * @return the broker flow's next step, or an error page
     */
    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response post() {
        MultivaluedMap<String, String> form;
        try {
            form = session.getContext().getHttpRequest().getDecodedFormParameters();
        } catch (RuntimeException e) {
            return refuse(null, "malformed", "the body is not a form");
        }
        if (form == null) {
            return refuse(null, "malformed", "the body is not a form");
        }
        String state = single(form.get(TelegramIdentityProvider.STATE));
        List<String> result = form.get(AUTH_RESULT);
        if (result != null && result.size() > 1) {
            return refuse(null, "malformed", "tgAuthResult given more than once");
        }
        return complete(state, null, single(result) == null ? "" : single(result));
    }

    private Response complete(String state, Map<String, String> queryFields, String authResult) {
        if (state == null || state.isBlank() || state.length() > MAX_STATE_LENGTH) {
            return refuse(null, "missing_state", "no broker state");
        }
        AuthenticationSessionModel authSession;
        try {
            authSession = callback.getAndVerifyAuthenticationSession(state);
        } catch (WebApplicationException e) {
            fail("invalid_state");
            return e.getResponse();
        } catch (RuntimeException e) {
            return refuse(null, "invalid_state", "the broker state is not valid");
        }
        if (authSession == null) {
            return refuse(null, "invalid_state", "the broker state is not valid");
        }
        session.getContext().setAuthenticationSession(authSession);
        TelegramSettings settings = TelegramSettings.of(session, provider.getConfig());
        if (settings.botToken().isEmpty()) {
            return refuse(authSession, "not_configured", "the Telegram identity provider has no bot token");
        }
        LoginWidgetData data;
        try {
            data = authResult != null ? LoginWidgetData.ofAuthResult(authResult) : LoginWidgetData.of(queryFields);
            new LoginWidgetVerifier(settings.botToken(), settings.maxAuthAgeSeconds(), Time::currentTime,
                    new ProofReplay(session.singleUseObjects())).verify(realm, data);
        } catch (LoginWidgetRefusedException e) {
            return refuse(authSession, e.reason().code(), e.getMessage());
        }
        BrokeredIdentityContext identity = provider.identity(data);
        identity.setAuthenticationSession(authSession);
        return callback.authenticated(identity);
    }

    private void fail(String reason) {
        event.event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, provider.getConfig().getAlias())
                .detail(USSO_EVENT, REFUSED)
                .detail(Details.REASON, reason)
                .error(Errors.IDENTITY_PROVIDER_LOGIN_FAILURE);
    }

    private Response refuse(AuthenticationSessionModel authSession, String reason, String description) {
        LOG.debugf("Telegram login refused (%s): %s", reason, description);
        fail(reason);
        String message = "expired".equals(reason) || "future".equals(reason) || "replayed".equals(reason)
                ? "ussoTelegramExpired" : "ussoTelegramRefused";
        return ErrorPage.error(session, authSession, Response.Status.BAD_REQUEST, message);
    }

    private static String single(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
