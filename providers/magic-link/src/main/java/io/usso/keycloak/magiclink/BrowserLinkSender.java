package io.usso.keycloak.magiclink;

import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.common.security.TenantSecuritySettings;
import io.usso.keycloak.common.security.TenantSendBudget;

/**
 * The login page's "send me a link": validate the address, look the account up, claim the send limits
 * ({@link SendLimiter}: client address, typed address, account, the tenant's e-mail budget), store a link and queue
 * the e-mail. Known, unknown, disabled and mail-less addresses take the same path (a decoy link is stored for the
 * others, the e-mail leaves off the request thread) and get the same page, so neither the page nor its timing tells
 * whether an account exists.
 */
final class BrowserLinkSender {

    /** Longest address accepted (RFC 5321 path limit). */
    static final int MAX_ADDRESS = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final AuthenticationFlowContext context;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final MagicLinkConfig config;

    BrowserLinkSender(AuthenticationFlowContext context, MagicLinkConfig config) {
        this.context = context;
        this.session = context.getSession();
        this.realm = context.getRealm();
        this.config = config;
    }

    /**
     * @param typed the address as typed, may be null
     * @param resend whether the person asked from the waiting page
     * @return the page to show
     */
    Response send(String typed, boolean resend) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String address = typed == null ? "" : typed.strip();
        if (!isAcceptable(address)) {
            return MagicLinkForms.request(context, address.length() > MAX_ADDRESS ? "" : address,
                    new FormMessage(MagicLinkForms.FIELD_ADDRESS, "ussoMagicLinkAddressRequired"));
        }
        String normalized = LinkSecrets.normalizeAddress(address);
        long now = Time.currentTimeSeconds();
        UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, address);
        String refusal = null;
        if (user == null) {
            refusal = registrationAllowed() && EMAIL.matcher(normalized).matches()
                    ? null : MagicLinkEvents.REASON_USER_NOT_FOUND;
        } else if (!user.isEnabled()) {
            refusal = MagicLinkEvents.REASON_USER_DISABLED;
        } else if (user.getEmail() == null || user.getEmail().isBlank()) {
            refusal = MagicLinkEvents.REASON_NO_EMAIL;
        } else if (!user.isEmailVerified()) {
            // pre-account hijacking: whoever created this account never proved the address; answer as if unknown
            refusal = MagicLinkEvents.REASON_EMAIL_NOT_VERIFIED;
        }

        // every limit counts whether or not the address belongs to an account; the account limit also stops other
        // spellings of one person (user name, address) from getting more links
        SendLimiter.Limited limited = new SendLimiter(session.singleUseObjects(), realm.getId(), realm.getName(),
                config, TenantSecuritySettings.of(realm)).acquire(normalized, ClientAddress.limitKeyOf(session),
                user == null ? normalized : "user:" + user.getId(), refusal == null, now);
        if (limited != null) {
            event(EventType.SEND_VERIFY_EMAIL_ERROR, null, address)
                    .detail(MagicLinkEvents.DETAIL_REASON, limited.tenantBudget() ? TenantSendBudget.REASON
                            : MagicLinkEvents.REASON_RATE_LIMITED)
                    .detail(MagicLinkEvents.DETAIL_RATE_LIMIT, limited.dimension())
                    .error(MagicLinkEvents.REASON_RATE_LIMITED);
            FormMessage message = new FormMessage(MagicLinkForms.FIELD_ADDRESS, "ussoMagicLinkRateLimited",
                    limited.retryAfterMinutes());
            String waitingHandle = authSession.getAuthNote(MagicLinkAuthenticator.NOTE_HANDLE);
            if (resend && waitingHandle != null) {
                return MagicLinkForms.waiting(context, waiting(waitingHandle, address, authSession), message, true);
            }
            return MagicLinkForms.request(context, address, message);
        }

        String handle = authSession.getAuthNote(MagicLinkAuthenticator.NOTE_HANDLE);
        if (handle == null) {
            handle = LinkSecrets.generate();
        }
        LinkGrant.Origin origin = refusal == null ? LinkGrant.Origin.BROWSER : LinkGrant.Origin.DECOY;
        boolean registration = refusal == null && user == null;
        String device = device();
        // shown by the waiting page whatever the address (decoys too), typed on another device to confirm there
        String code = config.crossDevice().allowsOtherBrowser() ? CrossDeviceCode.generate() : null;
        LinkGrant grant = new LinkGrant(origin, realm.getId(), authSession.getClient().getClientId(),
                registration || refusal != null ? null : user.getId(),
                registration ? normalized : (refusal != null ? "decoy:" + normalized : null),
                authSession.getParentSession().getId(), authSession.getTabId(), LinkSecrets.hash(handle), now,
                now + config.lifetimeSeconds(), device, locale(user), config.crossDevice(), authRequest(), code);
        IssuedLink link = IssuedLink.issue(session, realm, grant, now);
        if (refusal == null) {
            MagicLinkMailer.sendAfterCommit(session, new MailJob(realm.getId(), registration ? null : user.getId(),
                    registration ? normalized : null, grant.clientId(), link.url(), config.lifetimeSeconds(),
                    device, now, grant.locale()));
        }

        authSession.setAuthNote(MagicLinkAuthenticator.NOTE_HANDLE, handle);
        authSession.setAuthNote(MagicLinkAuthenticator.NOTE_ADDRESS, address);
        authSession.setAuthNote(MagicLinkAuthenticator.NOTE_EXPIRES, Long.toString(grant.expiresAt()));
        authSession.setAuthNote(MagicLinkAuthenticator.NOTE_LIFETIME, Long.toString(config.lifetimeSeconds()));
        if (code == null) {
            authSession.removeAuthNote(MagicLinkAuthenticator.NOTE_CODE);
        } else {
            authSession.setAuthNote(MagicLinkAuthenticator.NOTE_CODE, code);
        }

        if (refusal == null) {
            event(EventType.SEND_VERIFY_EMAIL, registration ? null : user, address)
                    .detail(Details.EMAIL, registration ? normalized : user.getEmail())
                    .detail(MagicLinkEvents.DETAIL_REASON, registration ? "registration" : "login")
                    .success();
        } else {
            event(EventType.SEND_VERIFY_EMAIL_ERROR, user, address)
                    .detail(MagicLinkEvents.DETAIL_REASON, refusal)
                    .error(refusal);
        }
        FormMessage sent = resend ? new FormMessage(null, "ussoMagicLinkResent") : null;
        return MagicLinkForms.waiting(context, waiting(handle, address, authSession), sent, false);
    }

    private boolean registrationAllowed() {
        return config.allowRegistration() && realm.isRegistrationAllowed();
    }

    private static boolean isAcceptable(String address) {
        if (address.isEmpty() || address.length() > MAX_ADDRESS) {
            return false;
        }
        return address.chars().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
    }

    private String device() {
        String ua = context.getHttpRequest() == null ? null
                : context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent");
        DeviceInfo info = DeviceInfo.of(ua, context.getConnection() == null ? null
                : context.getConnection().getRemoteAddr());
        return info.ip() == null ? info.summary() : info.summary() + " (" + info.ip() + ")";
    }

    private String locale(UserModel user) {
        return session.getContext().resolveLocale(user).toLanguageTag();
    }

    /** The second device of {@link CrossDeviceMode#LOG_IN_BOTH} starts a login of its own for this client. */
    private AuthRequest authRequest() {
        if (config.crossDevice() != CrossDeviceMode.LOG_IN_BOTH) {
            return null;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String redirect = authSession.getRedirectUri();
        if (redirect == null) {
            redirect = authSession.getClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM);
        }
        return redirect == null ? null : new AuthRequest(redirect,
                authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM), null, null, null, null);
    }

    static MagicLinkForms.Waiting waiting(String handle, String address, AuthenticationSessionModel authSession) {
        return new MagicLinkForms.Waiting(handle, address,
                parse(authSession.getAuthNote(MagicLinkAuthenticator.NOTE_EXPIRES)),
                parse(authSession.getAuthNote(MagicLinkAuthenticator.NOTE_LIFETIME)),
                authSession.getAuthNote(MagicLinkAuthenticator.NOTE_CODE));
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private EventBuilder event(EventType type, UserModel user, String address) {
        EventBuilder event = context.getEvent().clone().event(type)
                .detail(Details.USERNAME, address)
                .detail(MagicLinkEvents.DETAIL_USSO_EVENT, MagicLinkEvents.SENT)
                .detail(MagicLinkEvents.DETAIL_ORIGIN, "browser");
        if (user != null) {
            event.user(user);
        }
        return event;
    }
}
