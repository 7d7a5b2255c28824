package io.usso.keycloak.telegram.idp;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.ErrorPage;

import io.usso.keycloak.telegram.TelegramSettings;
import io.usso.keycloak.telegram.proof.LoginWidgetData;

/**
 * The "Telegram" identity provider of one tenant. {@link #performLogin} sends the browser to Telegram's Login Widget
 * authorisation page ({@code {oauthBaseUrl}/auth?bot_id=..&origin=..&return_to=..}); Telegram sends it back to
 * {@code return_to} (this provider's broker endpoint, with Keycloak's {@code state}) with the signed login data in
 * the {@code #tgAuthResult} fragment, which {@link LoginWidgetEndpoint} verifies before Keycloak's broker flow
 * continues. The federated identity is (alias, Telegram user id); Telegram gives no e-mail address.
 */
public final class TelegramIdentityProvider extends AbstractIdentityProvider<TelegramIdentityProviderConfig> {

    /** Context data key prefix of the received Telegram fields ({@code telegram.username}...), for mappers. */
    public static final String CONTEXT_PREFIX = "telegram.";
    /** Query parameter of {@code return_to} that carries Keycloak's broker state. */
    public static final String STATE = "state";

    private static final Logger LOG = Logger.getLogger(TelegramIdentityProvider.class);

    /**
     * @param session the request's session
     * @param config the tenant's Telegram identity provider
     */
    public TelegramIdentityProvider(KeycloakSession session, TelegramIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        TelegramSettings settings = TelegramSettings.of(session, getConfig());
        if (settings.botId().isEmpty()) {
            // a vault entry that is missing or not a bot token: an admin's mistake, shown as a refusal, not a 5xx
            LOG.warnf("Telegram identity provider %s has no usable bot token (check the vault entry)",
                    getConfig().getAlias());
            return ErrorPage.error(session, request.getAuthenticationSession(), Response.Status.BAD_REQUEST,
                    "ussoTelegramRefused");
        }
        String redirect = request.getRedirectUri();
        URI returnTo = URI.create(redirect + (redirect.indexOf('?') < 0 ? '?' : '&') + STATE + "="
                + encode(request.getState().getEncoded()));
        return Response.seeOther(authorisationUri(settings, origin(request.getUriInfo().getBaseUri()), returnTo))
                .build();
    }

    /**
     * @param settings the tenant's bot
     * @param origin this server's origin (the domain set for the bot with BotFather's /setdomain)
     * @param returnTo where Telegram sends the browser back
     * @return Telegram's authorisation page for this login
     */
    static URI authorisationUri(TelegramSettings settings, String origin, URI returnTo) {
        String base = settings.oauthBaseUrl().toString();
        StringBuilder auth = new StringBuilder(base).append(base.endsWith("/") ? "" : "/").append("auth")
                .append("?bot_id=").append(encode(settings.botId()))
                .append("&origin=").append(encode(origin))
                .append("&return_to=").append(encode(returnTo.toString()));
        if (settings.requestWriteAccess()) {
            auth.append("&request_access=write");
        }
        return URI.create(auth.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * @param base a base URI of this server
     * @return its origin: scheme, host and port
     */
    static String origin(URI base) {
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new LoginWidgetEndpoint(session, realm, this, callback, event);
    }

    /**
     * @param data verified login data
     * @return the brokered identity: id = Telegram user id, username (Telegram's, or the id when the account has
     *         none), first and last name; every received field also as context data {@value #CONTEXT_PREFIX}name
     *         for {@link TelegramAttributeMapper}
     */
    BrokeredIdentityContext identity(LoginWidgetData data) {
        BrokeredIdentityContext identity = new BrokeredIdentityContext(data.id(), getConfig());
        identity.setIdp(this);
        String username = data.field(LoginWidgetData.USERNAME);
        identity.setUsername(username == null || username.isBlank() ? data.id() : username);
        identity.setBrokerUserId(getConfig().getAlias() + "." + data.id());
        if (data.field(LoginWidgetData.FIRST_NAME) != null) {
            identity.setFirstName(data.field(LoginWidgetData.FIRST_NAME));
        }
        if (data.field(LoginWidgetData.LAST_NAME) != null) {
            identity.setLastName(data.field(LoginWidgetData.LAST_NAME));
        }
        for (String name : data.fieldNames()) {
            identity.getContextData().put(CONTEXT_PREFIX + name, data.field(name));
        }
        return identity;
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
        return Response.status(Response.Status.BAD_REQUEST).build();
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity,
            UserSessionModel userSession, UserModel user) {
        return retrieveToken(session, identity);
    }
}
