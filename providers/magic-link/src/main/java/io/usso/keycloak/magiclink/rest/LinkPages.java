package io.usso.keycloak.magiclink.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.usso.keycloak.magiclink.LinkGrant;
import io.usso.keycloak.magiclink.LinkUrls;

/**
 * The pages of the link itself, in the realm's login theme: {@value #CONFIRM_PAGE} (opening the link shows it and
 * changes nothing) and {@value #INFO_PAGE} (what happened: return to your first window, expired, used, ...). Never
 * cached, never sent as referrer, not indexed.
 */
final class LinkPages {

    /** Template of the confirm page. */
    static final String CONFIRM_PAGE = "usso-magic-link-confirm.ftl";
    /** Template of the result pages. */
    static final String INFO_PAGE = "usso-magic-link-info.ftl";
    /** Form field of the token. */
    static final String FIELD_TOKEN = "token";
    /** Form field of the confirm-page value (echo of the {@value ConfirmCookies#CONFIRM} cookie). */
    static final String FIELD_CONFIRM = "confirm_id";
    /** Form field of the cross-device code typed on another device. */
    static final String FIELD_CODE = "code";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final KeycloakSession session;
    private final RealmModel realm;
    private LoginFormsProvider forms;

    LinkPages(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** What kind of result page. */
    enum Kind {
        /** A success (green). */
        SUCCESS,
        /** An information. */
        INFO,
        /** An error (red). */
        ERROR
    }

    /**
     * Sets the client (for its theme and the "back to application" link) and the language of the asking page, unless
     * the person picked one ({@code kc_locale}). Must run before the first page is built.
     *
     * @param grant the link's grant, may be null
     * @param pickedLocale the {@code kc_locale} query parameter, may be null
     * @return this
     */
    LinkPages forGrant(LinkGrant grant, String pickedLocale) {
        if (grant != null) {
            ClientModel client = realm.getClientByClientId(grant.clientId());
            if (client != null && client.isEnabled()) {
                session.getContext().setClient(client);
            }
        }
        String locale = pickedLocale != null && !pickedLocale.isBlank() && pickedLocale.length() <= 35 ? pickedLocale
                : grant == null ? null : grant.locale();
        if (locale != null) {
            session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, locale);
        }
        return this;
    }

    /**
     * @param token the link token (goes back in the form)
     * @param confirmId the value of the new confirm cookie
     * @param grant the link's grant
     * @param needsCode whether the form asks for the first window's cross-device code
     * @param error message key of an error to show, may be null
     * @return the confirm page with its cookie
     */
    Response confirm(String token, String confirmId, LinkGrant grant, boolean needsCode, String error) {
        LoginFormsProvider form = forms().setActionUri(LinkUrls.base(session, realm).path(LinkUrls.OPEN).build())
                .setAttribute("magicLinkToken", token)
                .setAttribute("magicLinkConfirmId", confirmId)
                .setAttribute("magicLinkDevice", grant.device())
                .setAttribute("magicLinkRequestTime", TIME.format(Instant.ofEpochSecond(grant.issuedAt())))
                .setAttribute("magicLinkCodeRequired", Boolean.toString(needsCode));
        if (error != null) {
            form.setError(error);
        }
        Response page = form.createForm(CONFIRM_PAGE);
        return harden(page, ConfirmCookies.confirm(session, realm, confirmId));
    }

    /**
     * @param state short state name for the page (and tests), e.g. {@code expired}
     * @param messageKey the message
     * @param kind its kind
     * @param status HTTP status
     * @return the result page
     */
    Response info(String state, String messageKey, Kind kind, Response.Status status) {
        LoginFormsProvider form = forms().setAttribute("magicLinkState", state).setStatus(status);
        switch (kind) {
            case SUCCESS -> form.setSuccess(messageKey);
            case ERROR -> form.setError(messageKey);
            default -> form.setInfo(messageKey);
        }
        return harden(form.createForm(INFO_PAGE), null);
    }

    private LoginFormsProvider forms() {
        if (forms == null) {
            forms = session.getProvider(LoginFormsProvider.class);
        }
        return forms;
    }

    private static Response harden(Response page, NewCookie cookie) {
        Response.ResponseBuilder builder = Response.fromResponse(page)
                .header("Cache-Control", "no-store, must-revalidate, max-age=0")
                .header("Pragma", "no-cache")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex, nofollow");
        if (cookie != null) {
            builder.cookie(cookie);
        }
        return builder.build();
    }
}
