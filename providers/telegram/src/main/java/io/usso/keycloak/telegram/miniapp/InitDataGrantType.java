package io.usso.keycloak.telegram.miniapp;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;

import io.usso.keycloak.common.UssoAmr;
import io.usso.keycloak.common.UssoSessionNotes;
import io.usso.keycloak.common.auth.GrantSessions;
import io.usso.keycloak.telegram.TelegramSettings;
import io.usso.keycloak.telegram.proof.InitData;
import io.usso.keycloak.telegram.proof.InitDataCheck;
import io.usso.keycloak.telegram.proof.InitDataFailure;
import io.usso.keycloak.telegram.proof.InitDataTrust;
import io.usso.keycloak.telegram.proof.InitDataVerifier;
import io.usso.keycloak.telegram.proof.ProofReplay;

/**
 * Token-endpoint grant {@value InitDataGrantTypeFactory#GRANT_TYPE}: a Telegram Mini App signs its user in by sending
 * {@code Telegram.WebApp.initData} as parameter {@value #PARAM_INIT_DATA} (and, for a Mini App opened for another
 * bot, that bot's id as {@value #PARAM_BOT_ID}).
 *
 * <p>The client must be opted in ({@link MiniAppClients}). The bot, the maximum {@code auth_date} age and the Mini App
 * settings ({@link MiniAppConfig}) come from the tenant's enabled "Telegram" identity provider; the data is checked
 * by {@link InitDataVerifier} (HMAC with the bot token, or Telegram's Ed25519 signature for listed third-party bots,
 * age, single use). The account is the one linked to the Telegram user ({@link MiniAppAccounts}), created when the
 * provider allows it. Tokens come from a real (stored) user session with {@code amr: ["telegram"]}, a refresh token,
 * and no level of authentication; the client session has no {@code response_type}, so USSO endpoints that need an
 * interactive browser sign-in (minting keys, approving QR logins) refuse these tokens.
 *
 * <p>Refusals answer 400 {@code invalid_request} (missing or oversized parameters), {@code unauthorized_client} (not
 * opted in) or {@code invalid_grant} with a description, and a {@code LOGIN_ERROR} event with its {@code reason}.
 */
public final class InitDataGrantType extends OAuth2GrantTypeBase {

    /** Form parameter carrying {@code initData}. */
    public static final String PARAM_INIT_DATA = "init_data";
    /** Optional form parameter: the bot the Mini App was opened for, when it is not the tenant's own. */
    public static final String PARAM_BOT_ID = "bot_id";
    /** Longest {@value #PARAM_BOT_ID} looked at. */
    public static final int MAX_BOT_ID_LENGTH = 32;

    private final SecureRandom random;

    /**
     * @param random the factory's shared random source
     */
    public InitDataGrantType(SecureRandom random) {
        this.random = random;
    }

    @Override
    public Response process(Context context) {
        setContext(context);
        event.detail(Details.AUTH_METHOD, MiniAppEvents.AUTH_METHOD)
                .detail(MiniAppEvents.USSO_EVENT, MiniAppEvents.LOGIN);

        if (!MiniAppClients.allowed(client)) {
            throw fail(Errors.NOT_ALLOWED, OAuthErrorException.UNAUTHORIZED_CLIENT, "not_allowed",
                    "This client is not allowed to use the Telegram Mini App grant (client scope "
                            + MiniAppClients.CLIENT_SCOPE + ")");
        }
        String raw = formParams.getFirst(PARAM_INIT_DATA);
        if (raw == null || raw.isBlank()) {
            throw fail(Errors.INVALID_REQUEST, OAuthErrorException.INVALID_REQUEST, "missing_init_data",
                    "Missing parameter: " + PARAM_INIT_DATA);
        }
        if (raw.length() > InitDataVerifier.MAX_LENGTH) {
            throw fail(Errors.INVALID_REQUEST, OAuthErrorException.INVALID_REQUEST, InitDataFailure.TOO_LONG.reason(),
                    "Parameter " + PARAM_INIT_DATA + " is too long");
        }
        String botId = formParams.getFirst(PARAM_BOT_ID);
        if (botId != null && botId.length() > MAX_BOT_ID_LENGTH) {
            throw fail(Errors.INVALID_REQUEST, OAuthErrorException.INVALID_REQUEST, "bad_bot_id",
                    "Parameter " + PARAM_BOT_ID + " is too long");
        }
        Optional<IdentityProviderModel> provider = session.identityProviders()
                .getAllStream(Map.of(IdentityProviderModel.ENABLED, "true"), null, null)
                .filter(m -> TelegramSettings.PROVIDER_ID.equals(m.getProviderId())).findFirst();
        if (provider.isEmpty()) {
            throw fail(Errors.UNKNOWN_IDENTITY_PROVIDER, OAuthErrorException.INVALID_GRANT, "no_telegram_provider",
                    "This tenant has no enabled Telegram identity provider");
        }
        IdentityProviderModel model = provider.get();
        TelegramSettings bot = TelegramSettings.of(session, model);
        MiniAppConfig config = MiniAppConfig.of(model);
        event.detail(Details.IDENTITY_PROVIDER, model.getAlias());

        InitDataTrust trust = new InitDataTrust(bot.botId(), bot.botToken(), config.thirdPartyBotIds(),
                config.telegramKey(), bot.maxAuthAgeSeconds());
        InitDataCheck check = new InitDataVerifier(trust, new ProofReplay(session.singleUseObjects()), realm)
                .verify(raw, botId, Time.currentTime());
        if (check instanceof InitDataCheck.Refused refused) {
            InitDataFailure failure = refused.failure();
            throw fail(failure == InitDataFailure.MALFORMED || failure == InitDataFailure.TOO_LONG
                    ? Errors.INVALID_REQUEST : Errors.INVALID_USER_CREDENTIALS, OAuthErrorException.INVALID_GRANT,
                    failure.reason(), failure.description());
        }
        InitData data = ((InitDataCheck.Verified) check).data();
        event.detail(Details.IDENTITY_PROVIDER_USER_ID, data.user().idString())
                .detail(MiniAppEvents.BOT_ID, data.botId())
                .detail(MiniAppEvents.THIRD_PARTY, String.valueOf(data.thirdParty()));

        UserModel user = account(model, config, data);
        if (!user.isEnabled()) {
            event.user(user);
            throw fail(Errors.USER_DISABLED, OAuthErrorException.INVALID_GRANT, "user_disabled",
                    "Account disabled");
        }
        if (user.getRequiredActionsStream().findAny().isPresent()) {
            // as Keycloak's own direct grant: pending actions (new password, OTP set-up...) need the browser
            event.user(user);
            throw fail(Errors.RESOLVE_REQUIRED_ACTIONS, OAuthErrorException.INVALID_GRANT, "required_actions",
                    "Account is not fully set up");
        }
        return issueToken(user, data);
    }

    private UserModel account(IdentityProviderModel model, MiniAppConfig config, InitData data) {
        MiniAppAccounts accounts = new MiniAppAccounts(session, realm, model.getAlias(), random);
        UserModel user = accounts.linked(data.user());
        if (user != null) {
            return user;
        }
        if (Boolean.TRUE.equals(model.isLinkOnly()) || !config.createUsers()) {
            throw fail(Errors.USER_NOT_FOUND, OAuthErrorException.INVALID_GRANT, "not_linked",
                    "No account is linked to this Telegram user");
        }
        UserModel created = accounts.create(data.user());
        new EventBuilder(realm, session, clientConnection).event(EventType.REGISTER).client(client).user(created)
                .detail(Details.USERNAME, created.getUsername())
                .detail(Details.REGISTER_METHOD, MiniAppEvents.AUTH_METHOD)
                .detail(Details.IDENTITY_PROVIDER, model.getAlias())
                .detail(Details.IDENTITY_PROVIDER_USER_ID, data.user().idString())
                .detail(MiniAppEvents.USSO_EVENT, MiniAppEvents.REGISTERED).success();
        return created;
    }

    private Response issueToken(UserModel user, InitData data) {
        event.user(user).detail(Details.USERNAME, user.getUsername());
        String scope = getRequestedScopes();

        // A real, stored session (the Mini App keeps its user signed in and refreshes), but no authentication session
        // and no response_type: this is not an interactive browser login, and USSO's token policy knows it.
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(
                KeycloakModelUtils.generateId(), realm, user, user.getUsername(), clientConnection.getRemoteHost(),
                OIDCLoginProtocol.LOGIN_PROTOCOL, false, null, null,
                UserSessionModel.SessionPersistenceState.PERSISTENT);
        userSession.setNote(UssoSessionNotes.AMR, UssoAmr.TELEGRAM);
        userSession.setNote(AuthenticationManager.AUTH_TIME, String.valueOf(Time.currentTime()));
        event.session(userSession);

        ClientSessionContext clientSessionCtx = GrantSessions.clientSessionContext(session, realm, client, userSession,
                scope, context.getGrantType());
        updateUserSessionFromClientAuth(userSession);
        return createTokenResponse(user, userSession, clientSessionCtx, scope, true, null);
    }

    private CorsErrorResponseException fail(String eventError, String error, String reason, String description) {
        event.detail(Details.REASON, reason);
        event.error(eventError);
        return new CorsErrorResponseException(cors, error, description, Response.Status.BAD_REQUEST);
    }

    @Override
    public EventType getEventType() {
        return EventType.LOGIN;
    }

    @Override
    public Set<String> getTokenParameterNames() {
        return Set.of(PARAM_INIT_DATA, PARAM_BOT_ID);
    }

    @Override
    public void close() {
    }
}
