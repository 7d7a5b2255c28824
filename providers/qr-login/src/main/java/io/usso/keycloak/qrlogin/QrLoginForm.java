package io.usso.keycloak.qrlogin;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;

import io.usso.keycloak.common.qr.QrSvg;

/**
 * The waiting page ({@value #TEMPLATE} in the {@code usso} login theme): the QR code as inline SVG, its URL as
 * text and data attribute, the number to pick on the phone, the short code, and the status URL its script
 * long-polls. The template gets one hash attribute, {@value #ATTRIBUTE}.
 */
final class QrLoginForm {

    /** Template of the waiting page. */
    static final String TEMPLATE = "usso-qr-login.ftl";
    /** Name of the template attribute. */
    static final String ATTRIBUTE = "ussoQr";

    private QrLoginForm() {
    }

    /**
     * @param context the flow
     * @param created the new attempt and its secrets
     * @param urls the tenant's URLs
     * @param error a message key to show above the code (why a new code is shown), or null
     * @param nowSeconds epoch seconds
     * @return the page
     */
    static Response render(AuthenticationFlowContext context, QrAttemptStore.Created created, QrUrls urls,
            String error, long nowSeconds) {
        String scanUrl = urls.scan(created.code());
        Map<String, Object> qr = new HashMap<>();
        qr.put("available", true);
        qr.put("svg", QrSvg.render(scanUrl));
        qr.put("scanUrl", scanUrl);
        qr.put("statusUrl", urls.status(created.handle()));
        qr.put("number", created.attempt().match().number());
        qr.put("shortCode", created.shortCode() == null ? "" : QrSecrets.displayShortCode(created.shortCode()));
        qr.put("enterUrl", urls.enter());
        qr.put("expiresIn", Math.max(0, created.attempt().expiresAt() - nowSeconds));
        qr.put("generation", 0);
        LoginFormsProvider form = context.form().setAttribute(ATTRIBUTE, qr);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    /**
     * The page without a code (rate limited, refused): the message and a button for a new code.
     *
     * @param context the flow
     * @param error the message key
     * @return the page
     */
    static Response unavailable(AuthenticationFlowContext context, String error) {
        return context.form().setAttribute(ATTRIBUTE, Map.of("available", false)).setError(error)
                .createForm(TEMPLATE);
    }
}
