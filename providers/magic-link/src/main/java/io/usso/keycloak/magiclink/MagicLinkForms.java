package io.usso.keycloak.magiclink;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * The authenticator's two pages in the realm's login theme: {@value #REQUEST_PAGE} (asks for the address) and
 * {@value #WAITING_PAGE} ("check your e-mail", polls the status URL and continues by itself).
 */
final class MagicLinkForms {

    /** Template of the address form. */
    static final String REQUEST_PAGE = "usso-magic-link.ftl";
    /** Template of the waiting page. */
    static final String WAITING_PAGE = "usso-magic-link-sent.ftl";
    /** Form field of the address (the name Keycloak's own forms use, for password managers). */
    static final String FIELD_ADDRESS = "username";

    private MagicLinkForms() {
    }

    /**
     * @param context the flow
     * @param address value to pre-fill, may be null
     * @param error message on the address field, may be null
     * @return the address form
     */
    static Response request(AuthenticationFlowContext context, String address, FormMessage error) {
        LoginFormsProvider form = context.form().setAttribute("magicLinkAddress", address == null ? "" : address);
        if (error != null) {
            form.addError(error);
        }
        return form.createForm(REQUEST_PAGE);
    }

    /**
     * @param context the flow
     * @param waiting what the page polls and shows
     * @param message an info (or error) line, may be null
     * @param isError whether {@code message} is an error
     * @return the waiting page
     */
    static Response waiting(AuthenticationFlowContext context, Waiting waiting, FormMessage message, boolean isError) {
        LoginFormsProvider form = context.form()
                .setAttribute("magicLinkStatusUrl", LinkUrls.status(context.getSession(), context.getRealm(),
                        waiting.handle()))
                .setAttribute("magicLinkAddress", waiting.address())
                .setAttribute("magicLinkAddressFixed", Boolean.toString(context.getUser() != null))
                .setAttribute("magicLinkExpiresAt", Long.toString(waiting.expiresAt() * 1000L))
                .setAttribute("magicLinkMinutes", Long.toString(Math.max(1, (waiting.lifetimeSeconds() + 59) / 60)))
                .setAttribute("magicLinkCode", waiting.code() == null ? "" : waiting.code());
        if (message != null) {
            if (isError) {
                form.setError(message.getMessage(), message.getParameters());
            } else {
                form.setInfo(message.getMessage(), message.getParameters());
            }
        }
        return form.createForm(WAITING_PAGE);
    }

    /**
     * What the waiting page needs.
     *
     * @param handle the waiting handle
     * @param address the address as typed
     * @param expiresAt epoch seconds
     * @param lifetimeSeconds the link lifetime
     * @param code the cross-device code to show, null in same-browser mode
     */
    record Waiting(String handle, String address, long expiresAt, long lifetimeSeconds, String code) {
    }
}
