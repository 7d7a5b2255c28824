package io.usso.keycloak.magiclink;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Browser-flow authenticator {@value MagicLinkAuthenticatorFactory#ID}: asks for an e-mail address (or user name),
 * sends a single-use link and shows a waiting page that continues by itself once the link is confirmed (in this
 * browser's new tab, or on another device). Also completes logins that reach the authorization endpoint with a
 * one-time reference ({@value #REF_PARAM}) from a confirmed API link or second device.
 *
 * <p>Form actions on the waiting page: {@value #ACTION_CHECK} (the page's script, or the person, after confirmation),
 * {@value #ACTION_RESEND}, {@value #ACTION_CHANGE} (another address).
 */
public final class MagicLinkAuthenticator implements Authenticator {

    /** Authorization-request parameter carrying the one-time reference. */
    public static final String REF_PARAM = "usso_ml_ref";
    /** Auth note: the waiting handle (server side only; its hash keys the confirmation). */
    static final String NOTE_HANDLE = "usso.ml.handle";
    /** Auth note: the address as typed. */
    static final String NOTE_ADDRESS = "usso.ml.address";
    /** Auth note: when the newest link expires, epoch seconds. */
    static final String NOTE_EXPIRES = "usso.ml.expires";
    /** Auth note: the link lifetime, seconds. */
    static final String NOTE_LIFETIME = "usso.ml.lifetime";
    /** Auth note: the cross-device code of the newest link (shown by the waiting page), absent in same-browser mode. */
    static final String NOTE_CODE = "usso.ml.code";
    /** Auth note: the reference of this authorization request was tried (it is single use). */
    static final String NOTE_REF_TRIED = "usso.ml.ref-tried";
    /** Form field: look for a confirmation now. */
    static final String ACTION_CHECK = "check";
    /** Form field: send a new link to the same address. */
    static final String ACTION_RESEND = "resend";
    /** Form field: go back to the address form. */
    static final String ACTION_CHANGE = "change";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        MagicLinkConfig config = MagicLinkConfig.of(context.getAuthenticatorConfig());
        String reference = authSession.getClientNote(
                AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + REF_PARAM);
        if (reference != null && authSession.getAuthNote(NOTE_REF_TRIED) == null) {
            authSession.setAuthNote(NOTE_REF_TRIED, "true");
            if (new LinkCompletion(context, config).fromReference(reference)) {
                return;
            }
            context.challenge(MagicLinkForms.request(context, loginHint(authSession),
                    new FormMessage(null, LinkCheck.INVALID.messageKey())));
            return;
        }
        String handle = authSession.getAuthNote(NOTE_HANDLE);
        if (handle != null) {
            // a refresh, or this browser's new tab continuing after the link was confirmed here
            if (new LinkCompletion(context, config).fromConfirmation(handle)) {
                return;
            }
            context.challenge(MagicLinkForms.waiting(context, BrowserLinkSender.waiting(handle,
                    authSession.getAuthNote(NOTE_ADDRESS), authSession), null, false));
            return;
        }
        UserModel known = context.getUser();
        if (known != null) {
            // a second factor: an earlier step identified the user, the link goes to that account's address
            context.challenge(new BrowserLinkSender(context, config).send(known.getEmail() == null
                    ? known.getUsername() : known.getEmail(), false));
            return;
        }
        context.challenge(MagicLinkForms.request(context, loginHint(authSession), null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        MagicLinkConfig config = MagicLinkConfig.of(context.getAuthenticatorConfig());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String handle = authSession.getAuthNote(NOTE_HANDLE);
        String address = authSession.getAuthNote(NOTE_ADDRESS);

        if (form.containsKey(ACTION_CHANGE) && context.getUser() == null) {
            clearNotes(authSession);
            context.challenge(MagicLinkForms.request(context, address, null));
        } else if (form.containsKey(ACTION_CHECK) && handle != null) {
            if (!new LinkCompletion(context, config).fromConfirmation(handle)) {
                context.challenge(MagicLinkForms.waiting(context, BrowserLinkSender.waiting(handle, address,
                        authSession), new FormMessage(null, "ussoMagicLinkNotYetConfirmed"), false));
            }
        } else if (form.containsKey(ACTION_RESEND) && address != null) {
            context.challenge(new BrowserLinkSender(context, config).send(address, true));
        } else if (form.containsKey(MagicLinkForms.FIELD_ADDRESS) && context.getUser() == null) {
            context.challenge(new BrowserLinkSender(context, config)
                    .send(form.getFirst(MagicLinkForms.FIELD_ADDRESS), false));
        } else {
            authenticate(context);
        }
    }

    /**
     * Forgets the pending link of an authentication session (after success, or to start over).
     *
     * @param authSession the session
     */
    static void clearNotes(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE_HANDLE);
        authSession.removeAuthNote(NOTE_ADDRESS);
        authSession.removeAuthNote(NOTE_EXPIRES);
        authSession.removeAuthNote(NOTE_LIFETIME);
        authSession.removeAuthNote(NOTE_CODE);
    }

    private static String loginHint(AuthenticationSessionModel authSession) {
        String hint = authSession.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        return hint == null || hint.length() > BrowserLinkSender.MAX_ADDRESS ? null : hint;
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return user.getEmail() != null && !user.getEmail().isBlank();
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up: the account's e-mail address is the credential
    }

    @Override
    public void close() {
    }
}
