package io.usso.keycloak.otp.phone;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

import io.usso.keycloak.otp.AttemptCounter;
import io.usso.keycloak.otp.OtpAuthenticator;
import io.usso.keycloak.otp.OtpCodeCheck;
import io.usso.keycloak.otp.OtpConfig;
import io.usso.keycloak.otp.OtpEvents;
import io.usso.keycloak.otp.OtpHasher;
import io.usso.keycloak.otp.OtpIssuer;
import io.usso.keycloak.otp.OtpPageBean;
import io.usso.keycloak.otp.OtpPages;
import io.usso.keycloak.otp.OtpRejection;
import io.usso.keycloak.otp.OtpState;
import io.usso.keycloak.otp.OtpStore;
import io.usso.keycloak.otp.OtpVerdict;
import io.usso.keycloak.otp.SmsOtpChannel;

/**
 * Required action {@value VerifyPhoneRequiredActionFactory#ID}: the user types a mobile number (pre-filled with the
 * stored one), gets an SMS code, types it; the canonical number is then stored in {@value PhoneAttributes#PHONE_NUMBER}
 * with {@value PhoneAttributes#PHONE_NUMBER_VERIFIED} = true. Same code rules as the sign-in codes (length, lifetime,
 * attempts, cool-down, limits, gateway from the action's config). A number another account has verified is refused
 * only after the code proved possession, so the check tells nothing to someone who does not hold the phone.
 * A number of a country the tenant does not allow ({@code usso.security.sms-country-codes}, default: the default
 * region's country only) gets a form error and no SMS; per-account caps and the tenant's SMS budget apply as for
 * sign-in codes ({@link io.usso.keycloak.otp.OtpRateLimiter}). Triggered by itself for users whose stored number is
 * not verified yet.
 */
public final class VerifyPhoneRequiredAction implements RequiredActionProvider {

    /** Purpose of these codes. */
    public static final String PURPOSE = "verify-phone";

    private final SmsOtpChannel channel = new SmsOtpChannel();
    private final OtpIssuer issuer;
    private final OtpHasher hasher;

    /**
     * @param issuer sends codes
     * @param hasher checks codes
     */
    public VerifyPhoneRequiredAction(OtpIssuer issuer, OtpHasher hasher) {
        this.issuer = issuer;
        this.hasher = hasher;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        UserModel user = context.getUser();
        if (PhoneAttributes.phone(user).isPresent() && !PhoneAttributes.verified(user)) {
            user.addRequiredAction(VerifyPhoneRequiredActionFactory.ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        OtpConfig config = OtpConfig.parse(settings(context));
        Optional<OtpState> state = store(context).read();
        long now = Time.currentTime();
        if (state.isPresent() && state.get().userId().equals(context.getUser().getId()) && !state.get().expired(now)) {
            context.challenge(codePage(context, config, state.get(), now, null));
            return;
        }
        context.challenge(phonePage(context, config, currentNumber(context.getUser(), config), null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String action = form.getFirst(OtpPages.FIELD_ACTION);
        OtpConfig config = OtpConfig.parse(settings(context));
        long now = Time.currentTime();
        OtpStore store = store(context);
        if (OtpPages.ACTION_SEND.equals(action)) {
            String raw = form.getFirst(OtpPages.FIELD_PHONE);
            Optional<String> number = PhoneNumbers.canonical(raw, config.defaultRegion());
            if (number.isEmpty()) {
                context.challenge(phonePage(context, config, raw == null || raw.length() > 40 ? "" : raw.strip(),
                        new FormMessage(OtpPages.FIELD_PHONE, "ussoPhoneInvalid")));
                return;
            }
            send(context, config, store, number.get(), now, false);
        } else if (OtpPages.ACTION_RESEND.equals(action) && store.read().isPresent()) {
            send(context, config, store, store.read().get().destination(), now, true);
        } else if (OtpPages.ACTION_CHANGE.equals(action)) {
            store.clear();
            context.challenge(phonePage(context, config, "", null));
        } else if (form.containsKey(OtpPages.FIELD_CODE)) {
            verify(context, config, store, form.getFirst(OtpPages.FIELD_CODE), now);
        } else {
            requiredActionChallenge(context);
        }
    }

    private void send(RequiredActionContext context, OtpConfig config, OtpStore store, String number, long now,
            boolean resend) {
        OtpIssuer.Outcome outcome = issuer.issue(new OtpIssuer.Request(context.getSession(), context.getRealm(),
                context.getAuthenticationSession(), channel, config, settings(context), store, PURPOSE, number,
                context.getUser(), events(context)), now);
        Optional<OtpState> state = store.read().filter(s -> s.destination().equals(number));
        switch (outcome.kind()) {
            case SENT -> {
                if (resend) {
                    context.form().setInfo("ussoOtpResent");
                }
                context.challenge(codePage(context, config, state.orElseThrow(), now, null));
            }
            case COOLDOWN -> {
                context.form().setError("ussoOtpResendIn", outcome.seconds());
                context.challenge(codePage(context, config, state.orElseThrow(), now, null));
            }
            case REFUSED -> context.challenge(phonePage(context, config, PhoneNumbers.display(number),
                    new FormMessage(OtpPages.FIELD_PHONE, OtpAuthenticator.COUNTRY_NOT_ALLOWED)));
            default -> {
                if (outcome.kind() == OtpIssuer.Kind.RATE_LIMITED) {
                    context.form().setError("ussoOtpRateLimited", OtpPages.minutes(outcome.seconds()));
                } else {
                    context.form().setError("ussoOtpSendFailed");
                }
                context.challenge(state.isPresent() ? codePage(context, config, state.get(), now, null)
                        : phonePage(context, config, PhoneNumbers.display(number), null));
            }
        }
    }

    private void verify(RequiredActionContext context, OtpConfig config, OtpStore store, String rawCode, long now) {
        UserModel user = context.getUser();
        if (store.read().map(s -> !s.userId().equals(user.getId())).orElse(true)) {
            store.clear();
            context.form().setError("ussoOtpExpired");
            context.challenge(phonePage(context, config, currentNumber(user, config), null));
            return;
        }
        OtpCodeCheck.Result result = new OtpCodeCheck(hasher, new AttemptCounter(context.getSession().singleUseObjects(),
                context.getRealm().getId())).check(store, OtpIssuer.purposeKey(channel, PURPOSE), rawCode, config, now);
        OtpEvents events = events(context);
        if (result.verdict() == OtpVerdict.ACCEPTED) {
            String number = result.state().orElseThrow().destination();
            Optional<UserModel> holder = PhoneAttributes.findUser(context.getSession(), context.getRealm(), number);
            if (holder.isPresent() && !holder.get().getId().equals(user.getId()) && PhoneAttributes.verified(holder.get())) {
                events.rejected(EventType.UPDATE_PROFILE, user, "phone_in_use", "phone_in_use", -1);
                context.challenge(phonePage(context, config, "", new FormMessage(OtpPages.FIELD_PHONE, "ussoPhoneInUse")));
                return;
            }
            PhoneAttributes.setVerified(user, number);
            events.verified(EventType.UPDATE_PROFILE, user);
            context.success();
            return;
        }
        if (result.verdict() == OtpVerdict.MISSING) {
            context.form().setError("ussoOtpExpired");
            context.challenge(phonePage(context, config, currentNumber(user, config), null));
            return;
        }
        OtpRejection.record(events, EventType.UPDATE_PROFILE, user, result);
        FormMessage error = OtpRejection.message(result);
        context.challenge(codePage(context, config, store.read().orElse(result.state().orElseThrow()), now, error));
    }

    private Response codePage(RequiredActionContext context, OtpConfig config, OtpState state, long now,
            FormMessage error) {
        return OtpPages.code(context.form(), new OtpPageBean(channel.id(), channel.display(state.destination(), false),
                config.length(), state.cooldownRemaining(now, config.resendCooldownSeconds()),
                state.attemptsLeft(config.maxAttempts()), config.maxAttempts(), false, "", true), error);
    }

    private Response phonePage(RequiredActionContext context, OtpConfig config, String prefill, FormMessage error) {
        return OtpPages.phone(context.form(), new OtpPageBean(channel.id(), "", config.length(), 0,
                config.maxAttempts(), config.maxAttempts(), false, prefill, true), error);
    }

    private static String currentNumber(UserModel user, OtpConfig config) {
        return PhoneAttributes.phone(user).map(raw -> PhoneNumbers.canonical(raw, config.defaultRegion())
                .map(PhoneNumbers::display).orElse(raw)).orElse("");
    }

    private static OtpStore store(RequiredActionContext context) {
        return new OtpStore(context.getAuthenticationSession(), "usso.otp.sms." + PURPOSE);
    }

    private OtpEvents events(RequiredActionContext context) {
        return new OtpEvents(context.getEvent(), channel.id(), PURPOSE, VerifyPhoneRequiredActionFactory.ID);
    }

    private static Map<String, String> settings(RequiredActionContext context) {
        RequiredActionConfigModel model = context.getConfig();
        return model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    @Override
    public void close() {
    }
}
