package io.usso.keycloak.telegram.bot;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.NumberMatch;
import io.usso.keycloak.common.UssoAmr;
import io.usso.keycloak.common.WindowCounter;
import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.telegram.TelegramSettings;

/**
 * "Confirm in Telegram" (browser-flow authenticator {@value TelegramBotAuthenticatorFactory#ID}), a first factor.
 *
 * <p>{@link #authenticate} starts a login bound to this authentication session (root id + tab) and shows the deep
 * link {@code https://t.me/<bot>?start=<one-time token>} with its QR code and (number matching) one number; the
 * page's script long-polls the status URL and submits the form once the chat approved. The webhook
 * ({@link TelegramWebhook}) receives {@code /start <token>}, finds the user linked to the sender's Telegram account
 * and asks in the chat, with three numbers. {@link #action} then checks that the login of <em>this</em>
 * authentication session is approved, consumes it (the first consumer wins) and continues as that user (AMR
 * {@value UssoAmr#TELEGRAM}). Anything else shows a new link with a message; starting over drops the previous login.
 */
public final class TelegramBotAuthenticator implements Authenticator {

    /** Authentication-session note: the id of the login the page shows. */
    public static final String NOTE_LOGIN = "usso.tg.login";
    /** Form field of the waiting page. */
    public static final String FORM_ACTION = "tg_action";
    /** {@value #FORM_ACTION}: the status said approved. */
    public static final String ACTION_COMPLETE = "complete";

    /** Telegram links one client address (IPv6: one /64) may get per minute. */
    public static final int CREATE_PER_MINUTE = 30;

    private static final String RATE_NAMESPACE = "usso-tg-rl-create";
    private static final Pattern BOT_USERNAME = Pattern.compile("[A-Za-z0-9_]{3,64}");

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        showNewLogin(context, null);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (!ACTION_COMPLETE.equals(form.getFirst(FORM_ACTION))) {
            showNewLogin(context, null);
            return;
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        BotLoginStore store = new BotLoginStore(session.singleUseObjects());
        String loginId = authSession.getAuthNote(NOTE_LOGIN);
        BotLogin login = store.find(loginId);
        BotLoginOutcome outcome = loginId == null ? null : store.outcome(loginId);
        if (login == null || outcome == null || outcome.status() != BotLoginStatus.APPROVED) {
            showNewLogin(context, messageFor(login, outcome, Time.currentTimeSeconds()));
            return;
        }
        if (!login.isBoundTo(authSession.getParentSession().getId(), authSession.getTabId(), realm.getId())
                || !store.consume(login)) {
            showNewLogin(context, "ussoTgBotExpired");
            return;
        }
        authSession.removeAuthNote(NOTE_LOGIN);
        UserModel user = outcome.userId() == null ? null : session.users().getUserById(realm, outcome.userId());
        AuthenticationFlowError refusal = refusal(context, user);
        if (refusal != null) {
            if (user != null) {
                context.getEvent().user(user);
            }
            context.getEvent().detail(TelegramBotEvents.USSO_EVENT, TelegramBotEvents.DENIED)
                    .detail(TelegramBotEvents.REASON, refusal.name().toLowerCase(Locale.ROOT));
            context.failureChallenge(refusal, TelegramBotForm.unavailable(context, "ussoTgBotRefused"));
            return;
        }
        context.setUser(user);
        UssoAmr.record(authSession, UssoAmr.TELEGRAM);
        context.getEvent().detail(TelegramBotEvents.USSO_EVENT, TelegramBotEvents.COMPLETED)
                .detail(TelegramBotEvents.IDP, login.idpAlias());
        context.success();
    }

    /** Why the approving user may not sign in here, or null. */
    private static AuthenticationFlowError refusal(AuthenticationFlowContext context, UserModel user) {
        if (user == null || user.getServiceAccountClientLink() != null) {
            return AuthenticationFlowError.INVALID_USER;
        }
        if (!user.isEnabled()) {
            return AuthenticationFlowError.USER_DISABLED;
        }
        if (AuthenticatorUtils.getDisabledByBruteForceEventError(context, user) != null) {
            return AuthenticationFlowError.USER_TEMPORARILY_DISABLED;
        }
        UserModel identified = context.getUser();
        if (identified != null && !identified.getId().equals(user.getId())) {
            return AuthenticationFlowError.INVALID_USER;
        }
        return null;
    }

    /**
     * @param login the page's login, may be null
     * @param outcome its decision, may be null
     * @param nowSeconds epoch seconds
     * @return the message shown above a new link after a submission that could not continue
     */
    static String messageFor(BotLogin login, BotLoginOutcome outcome, long nowSeconds) {
        if (outcome != null) {
            return switch (outcome.status()) {
                case DENIED -> BotLoginOutcome.NOT_LINKED.equals(outcome.reason()) ? "ussoTgBotNotLinked"
                        : "ussoTgBotDenied";
                case EXPIRED -> "ussoTgBotExpired";
                default -> null;
            };
        }
        return login == null || login.isExpired(nowSeconds) ? "ussoTgBotExpired" : "ussoTgBotNotApprovedYet";
    }

    private void showNewLogin(AuthenticationFlowContext context, String error) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        TelegramBotConfig config = TelegramBotConfig.of(context.getAuthenticatorConfig());
        long now = Time.currentTimeSeconds();
        BotLoginStore store = new BotLoginStore(session.singleUseObjects());
        store.discard(authSession.getAuthNote(NOTE_LOGIN), now);
        authSession.removeAuthNote(NOTE_LOGIN);

        long retryAfter = new WindowCounter(session.singleUseObjects(), RATE_NAMESPACE, realm.getId(), 60)
                .acquire("ip", ClientAddress.limitKeyOf(session), CREATE_PER_MINUTE, now);
        if (retryAfter > 0) {
            new TelegramBotEvents(session, realm).denied(null, null, null, "rate_limited");
            context.challenge(TelegramBotForm.unavailable(context, "ussoErrorRateLimited"));
            return;
        }
        Optional<TelegramSettings> bot = TelegramSettings.find(session, realm, config.idpAlias());
        if (bot.isEmpty() || !BOT_USERNAME.matcher(bot.get().botUsername()).matches()
                || bot.get().webhookSecret().isBlank()) {
            context.challenge(TelegramBotForm.unavailable(context, "ussoTgBotNotSetUp"));
            return;
        }
        String userAgent = context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent");
        BotLogin draft = new BotLogin(null, realm.getId(), authSession.getParentSession().getId(),
                authSession.getTabId(), authSession.getClient().getId(), bot.get().alias(),
                config.numberMatching() ? NumberMatch.random() : null,
                DeviceInfo.of(userAgent, ClientAddress.of(session)), now, now + config.tokenLifetimeSeconds());
        BotLoginStore.Created created = store.create(draft, now);
        authSession.setAuthNote(NOTE_LOGIN, created.login().id());
        new TelegramBotEvents(session, realm).requested(created.login());
        String deepLink = "https://t.me/" + bot.get().botUsername() + "?start=" + created.startToken();
        String statusUrl = session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path(TelegramBotResourceProviderFactory.ID).path("bot-login").path("status")
                .path(created.handle()).build().toString();
        context.challenge(TelegramBotForm.render(context, created, deepLink, statusUrl, bot.get().botUsername(), error,
                now));
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
