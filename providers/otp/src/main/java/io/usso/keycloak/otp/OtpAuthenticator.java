package io.usso.keycloak.otp;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

import io.usso.keycloak.common.UssoAmr;

/**
 * The e-mail / SMS one-time-code authenticator ({@code usso-email-otp}, {@code usso-sms-otp}).
 *
 * <p><b>Second factor</b> (a user is already identified, e.g. by a password): the code goes to the user's address /
 * number at once and the code page shows it masked. <b>First factor</b> (nobody identified yet): the page asks for the
 * address / number first; an identifier that belongs to nobody (or to a disabled or locked-out account) gets the very
 * same "code sent" page after about the same time, but nothing is sent and no code can match (no enumeration).
 *
 * <p>Codes: {@link OtpConfig#length()} digits, valid {@link OtpConfig#lifetimeSeconds()}, at most
 * {@link OtpConfig#maxAttempts()} tries (atomic, cluster-wide), only the newest one works, stored as salted HMACs in
 * the authentication session. Wrong codes of a real account also count for Keycloak's brute-force detection.
 */
public final class OtpAuthenticator implements Authenticator {

    /** Purpose of sign-in codes. */
    public static final String PURPOSE = "login";
    /** Message of a number whose country the tenant does not send SMS to. */
    public static final String COUNTRY_NOT_ALLOWED = "ussoPhoneCountryNotAllowed";
    /** Reference category: Keycloak's brute-force detection counts only password, otp and recovery-code failures. */
    public static final String BRUTE_FORCE_CATEGORY = "otp";

    private final OtpChannel channel;
    private final String providerId;
    private final OtpIssuer issuer;
    private final OtpHasher hasher;

    /**
     * @param channel e-mail or SMS
     * @param providerId the authenticator id (events)
     * @param issuer sends codes
     * @param hasher checks codes
     */
    public OtpAuthenticator(OtpChannel channel, String providerId, OtpIssuer issuer, OtpHasher hasher) {
        this.channel = channel;
        this.providerId = providerId;
        this.issuer = issuer;
        this.hasher = hasher;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        OtpConfig config = OtpConfig.parse(settings(context));
        UserModel user = context.getUser();
        OtpStore store = store(context);
        long now = Time.currentTime();
        if (user == null) {
            Optional<OtpState> state = store.read();
            if (state.isPresent()) {
                context.challenge(codePage(context, config, state.get(), now, null));
            } else {
                context.challenge(OtpPages.identifier(context.form(), bean(config, "", 0, 0, ""), null));
            }
            return;
        }
        Optional<String> destination = channel.destinationOf(user, config);
        if (destination.isEmpty()) {
            if (context.getExecution().isRequired()) {
                context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED, context.form()
                        .setError("ussoOtpNoDestination").createErrorPage(Response.Status.BAD_REQUEST));
            } else {
                context.attempted();
            }
            return;
        }
        Optional<OtpState> state = store.read();
        if (state.isPresent() && state.get().userId().equals(user.getId())
                && state.get().destination().equals(destination.get()) && !state.get().expired(now)
                && !state.get().locked(config.maxAttempts())) {
            context.challenge(codePage(context, config, state.get(), now, null));
            return;
        }
        send(context, config, store, destination.get(), user, now, false);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String action = form.getFirst(OtpPages.FIELD_ACTION);
        OtpConfig config = OtpConfig.parse(settings(context));
        long now = Time.currentTime();
        if (OtpPages.ACTION_SEND.equals(action) && context.getUser() == null) {
            identify(context, config, form.getFirst(OtpPages.FIELD_IDENTIFIER), now);
        } else if (OtpPages.ACTION_RESEND.equals(action)) {
            resend(context, config, now);
        } else if (form.containsKey(OtpPages.FIELD_CODE)) {
            verify(context, config, form.getFirst(OtpPages.FIELD_CODE), now);
        } else {
            authenticate(context);
        }
    }

    private void identify(AuthenticationFlowContext context, OtpConfig config, String raw, long now) {
        Optional<String> identifier = channel.normaliseIdentifier(raw, config);
        if (identifier.isEmpty()) {
            String prefill = raw == null ? "" : raw.strip();
            context.challenge(OtpPages.identifier(context.form(), bean(config, "", 0, 0,
                    prefill.length() > 64 ? "" : prefill), new FormMessage(OtpPages.FIELD_IDENTIFIER,
                    channel.id().equals(EmailOtpChannel.ID) ? "ussoOtpEmailInvalid" : "ussoPhoneInvalid")));
            return;
        }
        UserModel user = usable(context, channel.findUser(context.getSession(), context.getRealm(), identifier.get()));
        send(context, config, store(context), identifier.get(), user, now, false);
    }

    private void resend(AuthenticationFlowContext context, OtpConfig config, long now) {
        OtpStore store = store(context);
        Optional<OtpState> state = store.read();
        if (state.isEmpty()) {
            authenticate(context);
            return;
        }
        UserModel user = context.getUser();
        if (user == null) {
            String userId = state.get().userId();
            user = userId.isEmpty() ? null : usable(context,
                    Optional.ofNullable(context.getSession().users().getUserById(context.getRealm(), userId)));
        } else if (!channel.destinationOf(user, config).map(state.get().destination()::equals).orElse(false)) {
            authenticate(context); // the user's address changed meanwhile: start over with the current one
            return;
        }
        send(context, config, store, state.get().destination(), user, now, true);
    }

    private void send(AuthenticationFlowContext context, OtpConfig config, OtpStore store, String destination,
            UserModel user, long now, boolean resend) {
        OtpIssuer.Outcome outcome = issuer.issue(new OtpIssuer.Request(context.getSession(), context.getRealm(),
                context.getAuthenticationSession(), channel, config, settings(context), store, PURPOSE, destination,
                user, events(context)), now);
        Optional<OtpState> state = store.read();
        LoginFormsProvider form = context.form();
        switch (outcome.kind()) {
            case SENT -> {
                if (resend) {
                    form.setInfo("ussoOtpResent");
                }
                context.challenge(codePage(context, config, state.orElseThrow(), now, null));
            }
            case COOLDOWN -> {
                form.setError("ussoOtpResendIn", outcome.seconds());
                context.challenge(codePage(context, config, state.orElseThrow(), now, null));
            }
            case RATE_LIMITED, REFUSED, FAILED -> {
                if (outcome.kind() == OtpIssuer.Kind.RATE_LIMITED) {
                    form.setError("ussoOtpRateLimited", OtpPages.minutes(outcome.seconds()));
                } else if (outcome.kind() == OtpIssuer.Kind.REFUSED) {
                    form.setError(COUNTRY_NOT_ALLOWED);
                } else {
                    form.setError("ussoOtpSendFailed");
                }
                if (state.isPresent() && state.get().destination().equals(destination)) {
                    context.challenge(codePage(context, config, state.get(), now, null));
                } else if (context.getUser() == null) {
                    context.challenge(OtpPages.identifier(form, bean(config, "", 0, 0,
                            channel.display(destination, false)), null));
                } else {
                    // second factor, nothing sent yet: the code page's "send a new code" retries
                    context.challenge(OtpPages.code(form, new OtpPageBean(channel.id(), channel.display(destination,
                            true), config.length(), 0, config.maxAttempts(), config.maxAttempts(), false, ""), null));
                }
            }
            default -> throw new IllegalStateException(outcome.kind().name());
        }
    }

    private void verify(AuthenticationFlowContext context, OtpConfig config, String rawCode, long now) {
        OtpStore store = store(context);
        KeycloakSession session = context.getSession();
        if (context.getUser() != null
                && store.read().map(st -> !st.userId().equals(context.getUser().getId())).orElse(false)) {
            store.clear(); // a state of another user: never checked for this one
            authenticate(context);
            return;
        }
        OtpCodeCheck check = new OtpCodeCheck(hasher,
                new AttemptCounter(session.singleUseObjects(), context.getRealm().getId()));
        OtpCodeCheck.Result result = check.check(store, OtpIssuer.purposeKey(channel, PURPOSE), rawCode, config, now);
        if (result.verdict() == OtpVerdict.MISSING) {
            store.clear();
            context.form().setError("ussoOtpExpired");
            authenticate(context);
            return;
        }
        OtpState state = result.state().orElseThrow();
        UserModel user = context.getUser() != null ? context.getUser()
                : state.userId().isEmpty() ? null : session.users().getUserById(context.getRealm(), state.userId());
        if (result.verdict() == OtpVerdict.ACCEPTED && user != null) {
            accept(context, config, state, user);
            return;
        }
        OtpRejection.record(events(context), EventType.LOGIN, user, result);
        FormMessage error = OtpRejection.message(result);
        OtpState shown = store.read().orElse(state);
        Response page = codePage(context, config, shown, now, error);
        boolean counted = OtpRejection.counted(result);
        if (counted && context.getUser() != null) {
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page); // brute force counts it
            return;
        }
        if (counted && user != null && context.getRealm().isBruteForceProtected()) {
            context.getProtector().failedLogin(context.getRealm(), user, context.getConnection(),
                    context.getUriInfo(), java.util.Set.of(BRUTE_FORCE_CATEGORY));
        }
        context.challenge(page);
    }

    private void accept(AuthenticationFlowContext context, OtpConfig config, OtpState state, UserModel user) {
        OtpEvents events = events(context);
        if (context.getUser() == null) {
            context.setUser(user); // checks enabled / brute-force lockout again
        }
        if (channel.destinationOf(user, config).map(state.destination()::equals).orElse(false)
                && channel.markVerified(user, state.destination())) {
            events.verified(channel.id().equals(EmailOtpChannel.ID) ? EventType.VERIFY_EMAIL : EventType.UPDATE_PROFILE,
                    user);
        }
        UssoAmr.record(context.getAuthenticationSession(), channel.amr());
        events.markFlowEvent(context.getEvent());
        context.success();
    }

    /** Disabled or locked-out accounts are treated like unknown identifiers (a decoy is stored, nothing sent). */
    private static UserModel usable(AuthenticationFlowContext context, Optional<UserModel> found) {
        if (found.isEmpty() || !found.get().isEnabled()) {
            return null;
        }
        UserModel user = found.get();
        RealmModel realm = context.getRealm();
        if (realm.isBruteForceProtected() && (context.getProtector().isTemporarilyDisabled(context.getSession(), realm,
                user) || context.getProtector().isPermanentlyLockedOut(context.getSession(), realm, user))) {
            return null;
        }
        return user;
    }

    private Response codePage(AuthenticationFlowContext context, OtpConfig config, OtpState state, long now,
            FormMessage error) {
        boolean firstFactor = context.getUser() == null;
        OtpPageBean bean = new OtpPageBean(channel.id(), channel.display(state.destination(), !firstFactor),
                config.length(), state.cooldownRemaining(now, config.resendCooldownSeconds()),
                state.attemptsLeft(config.maxAttempts()), config.maxAttempts(), firstFactor, "");
        return OtpPages.code(context.form(), bean, error);
    }

    private OtpPageBean bean(OtpConfig config, String destination, long cooldown, int attemptsLeft, String prefill) {
        return new OtpPageBean(channel.id(), destination, config.length(), cooldown, attemptsLeft,
                config.maxAttempts(), true, prefill);
    }

    private OtpStore store(AuthenticationFlowContext context) {
        return new OtpStore(context.getAuthenticationSession(), "usso.otp." + channel.id() + "." + PURPOSE);
    }

    private OtpEvents events(AuthenticationFlowContext context) {
        return new OtpEvents(context.getEvent(), channel.id(), PURPOSE, providerId);
    }

    private static Map<String, String> settings(AuthenticationFlowContext context) {
        AuthenticatorConfigModel model = context.getAuthenticatorConfig();
        return model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return channel.destinationOf(user, OtpConfig.defaults()).isPresent();
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
