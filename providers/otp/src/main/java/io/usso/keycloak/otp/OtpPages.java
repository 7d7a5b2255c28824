package io.usso.keycloak.otp;

import jakarta.ws.rs.core.Response;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * Renders the one-time-code pages of the {@code usso} login theme: {@value #IDENTIFIER_PAGE} (type your e-mail
 * address / phone number), {@value #CODE_PAGE} (type the code; resend with cool-down) and {@value #PHONE_PAGE}
 * (phone verification: type your number).
 */
public final class OtpPages {

    /** Identifier page template. */
    public static final String IDENTIFIER_PAGE = "usso-otp-identifier.ftl";
    /** Code page template. */
    public static final String CODE_PAGE = "usso-otp.ftl";
    /** Phone number page of the verification required action. */
    public static final String PHONE_PAGE = "usso-verify-phone.ftl";

    /** Form field: the identifier. */
    public static final String FIELD_IDENTIFIER = "identifier";
    /** Form field: the code. */
    public static final String FIELD_CODE = "otp";
    /** Form field: the phone number (required action). */
    public static final String FIELD_PHONE = "phone";
    /** Form field naming the action: {@value #ACTION_SEND}, {@value #ACTION_VERIFY}, {@value #ACTION_RESEND}. */
    public static final String FIELD_ACTION = "usso-otp-action";
    /** Action: send a code to the typed identifier. */
    public static final String ACTION_SEND = "send";
    /** Action: check the typed code. */
    public static final String ACTION_VERIFY = "verify";
    /** Action: send a new code. */
    public static final String ACTION_RESEND = "resend";
    /** Action: type another phone number (required action). */
    public static final String ACTION_CHANGE = "change";

    private OtpPages() {
    }

    /**
     * @param form the form provider
     * @param bean what to show
     * @param fieldError an error under the input, or null
     * @return the page
     */
    public static Response identifier(LoginFormsProvider form, OtpPageBean bean, FormMessage fieldError) {
        if (fieldError != null) {
            form.addError(fieldError);
        }
        return form.setAttribute(OtpPageBean.ATTRIBUTE, bean).createForm(IDENTIFIER_PAGE);
    }

    /**
     * @param form the form provider (global messages already set, if any)
     * @param bean what to show
     * @param fieldError an error under the code input, or null
     * @return the page
     */
    public static Response code(LoginFormsProvider form, OtpPageBean bean, FormMessage fieldError) {
        if (fieldError != null) {
            form.addError(fieldError);
        }
        return form.setAttribute(OtpPageBean.ATTRIBUTE, bean).createForm(CODE_PAGE);
    }

    /**
     * @param form the form provider
     * @param bean what to show (identifier = the number to pre-fill)
     * @param fieldError an error under the number input, or null
     * @return the page
     */
    public static Response phone(LoginFormsProvider form, OtpPageBean bean, FormMessage fieldError) {
        if (fieldError != null) {
            form.addError(fieldError);
        }
        return form.setAttribute(OtpPageBean.ATTRIBUTE, bean).createForm(PHONE_PAGE);
    }

    /**
     * @param seconds seconds
     * @return whole minutes, at least 1
     */
    public static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }
}
