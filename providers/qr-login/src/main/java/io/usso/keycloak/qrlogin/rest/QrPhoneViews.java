package io.usso.keycloak.qrlogin.rest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.net.ClientAddress;
import io.usso.keycloak.qrlogin.QrAttempt;
import io.usso.keycloak.qrlogin.QrUrls;
import io.usso.keycloak.qrlogin.geo.QrProximity;

/**
 * The phone's pages, rendered with the realm's login theme ({@code usso}): the confirm page
 * ({@value #CONFIRM}), the short-code form ({@value #ENTER}) and result/error pages ({@value #INFO}). Each gets one
 * hash attribute, {@value #ATTRIBUTE}. Pages are never cached.
 */
final class QrPhoneViews {

    static final String CONFIRM = "usso-qr-confirm.ftl";
    static final String ENTER = "usso-qr-enter.ftl";
    static final String INFO = "usso-qr-info.ftl";
    static final String ATTRIBUTE = "ussoQr";

    private final KeycloakSession session;
    private final QrUrls urls;

    QrPhoneViews(KeycloakSession session, QrUrls urls) {
        this.session = session;
        this.urls = urls;
    }

    /**
     * @param ticket the phone's ticket
     * @param csrf the form's CSRF token
     * @param attempt what is asking
     * @param user the phone's user (who approves)
     * @param error a message key (e.g. pick a number first), or null
     * @return the confirm page
     */
    Response confirm(String ticket, String csrf, QrAttempt attempt, UserModel user, String error) {
        Map<String, Object> qr = new HashMap<>();
        qr.put("action", urls.confirm());
        qr.put("ticket", ticket);
        qr.put("csrf", csrf);
        qr.put("choices", attempt.match().choices());
        qr.put("browser", attempt.device().browser());
        qr.put("os", attempt.device().os());
        qr.put("ip", attempt.device().ip() == null ? "" : attempt.device().ip());
        qr.put("requestedAt", Instant.ofEpochSecond(attempt.createdAt()).toString());
        qr.put("clientName", attempt.clientName() == null ? "" : attempt.clientName());
        qr.put("username", user.getUsername());
        putProximity(qr, attempt, session.getContext().resolveLocale(user));
        LoginFormsProvider form = forms(user).setAttribute(ATTRIBUTE, qr);
        if (error != null) {
            form.setError(error);
        }
        return noStore(form.createForm(CONFIRM));
    }

    /** Where the computer is and whether the phone is warned: {@code place}, {@code warning}, the two countries. */
    private void putProximity(Map<String, Object> qr, QrAttempt attempt, Locale locale) {
        QrProximity proximity = QrProximity.of(attempt.device().ip(), ClientAddress.of(session),
                QrGeoIp.of(session));
        qr.put("place", proximity.desktopPlace() == null ? "" : proximity.desktopPlace().describe(locale));
        qr.put("warning", proximity.warning().name().toLowerCase(Locale.ROOT));
        qr.put("desktopCountry", proximity.desktopPlace() == null ? "" : proximity.desktopPlace().countryName(locale));
        qr.put("phoneCountry", proximity.phonePlace() == null ? "" : proximity.phonePlace().countryName(locale));
    }

    /**
     * @param csrf the form's CSRF token
     * @param user the phone's user
     * @param error a message key, or null
     * @param status HTTP status
     * @return the short-code form
     */
    Response enter(String csrf, UserModel user, String error, Response.Status status) {
        LoginFormsProvider form = forms(user).setAttribute(ATTRIBUTE,
                Map.of("action", urls.enter(), "csrf", csrf, "username", user.getUsername()));
        if (error != null) {
            form.setError(error);
        }
        return noStore(form.setStatus(status).createForm(ENTER));
    }

    /**
     * @param status HTTP status
     * @param kind {@code success}, {@code error} or {@code info}
     * @param title message key of the heading
     * @param message message key of the text
     * @param hint message key of a second line, or null
     * @return a result page
     */
    Response info(Response.Status status, String kind, String title, String message, String hint) {
        Map<String, Object> qr = new HashMap<>();
        qr.put("kind", kind);
        qr.put("title", title);
        qr.put("message", message);
        qr.put("hint", hint == null ? "" : hint);
        return noStore(forms(null).setAttribute(ATTRIBUTE, qr).setStatus(status).createForm(INFO));
    }

    /** An error page: 404 "expired or already used". */
    Response expired() {
        return info(Response.Status.NOT_FOUND, "error", "ussoQrExpiredTitle", "ussoQrExpired", "ussoQrScanAgain");
    }

    /**
     * @param retryAfterSeconds seconds to wait
     * @return a 429 page with {@code Retry-After}
     */
    Response rateLimited(long retryAfterSeconds) {
        Response page = info(Response.Status.TOO_MANY_REQUESTS, "error", "ussoErrorTitle", "ussoErrorRateLimited",
                null);
        return Response.fromResponse(page).header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    private LoginFormsProvider forms(UserModel user) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class);
        return user == null ? forms : forms.setUser(user);
    }

    private static Response noStore(Response page) {
        return Response.fromResponse(page).header("Cache-Control", null)
                .header("Cache-Control", "no-store, must-revalidate, max-age=0").build();
    }
}
