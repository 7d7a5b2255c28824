package io.usso.keycloak.apikeys.account;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;
import io.usso.keycloak.common.RoleScopes;
import io.usso.keycloak.common.UssoScopes;

/**
 * Renders the account page: the template {@value #TEMPLATE} of the realm's login theme (the {@code usso} theme
 * ships it) through Keycloak's {@link LoginFormsProvider}, so language choice, right-to-left layout, messages and
 * realm overrides work as on the sign-in pages. Every answer is {@code no-store}, may not be framed, and sends
 * {@code Referrer-Policy: same-origin} so that the browser keeps sending {@code Origin} with the page's POSTs.
 */
public final class AccountPageView {

    /** The template, in the login theme. */
    public static final String TEMPLATE = "usso-api-keys.ftl";
    /** The page's Content-Security-Policy. */
    static final String CSP = "frame-ancestors 'none'; frame-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'";

    private static final int MAX_LANGUAGE_TAG = 35;
    private static final Logger LOG = Logger.getLogger(AccountPageView.class);

    /** A message above the page: a message key, whether it is an error, and an optional detail ({0}). */
    public record Notice(String key, boolean error, String detail) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final URI pageUri;

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param pageUri the page's absolute URI
     */
    public AccountPageView(KeycloakSession session, RealmModel realm, URI pageUri) {
        this.session = session;
        this.realm = realm;
        this.pageUri = pageUri;
    }

    /** @return whether the realm's login theme has the page's template */
    public boolean available() {
        try {
            return session.theme().getTheme(Theme.Type.LOGIN).getTemplate(TEMPLATE) != null;
        } catch (IOException | RuntimeException e) {
            LOG.debugf("API key page: login theme not readable: %s", e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * @param user the signed-in user
     * @param csrfToken the session's CSRF token
     * @param keys the user's keys
     * @param config the tenant settings
     * @param newKey a key to show once, or null
     * @param notice a message, or null
     * @param status HTTP status
     * @return the page
     */
    public Response render(UserModel user, String csrfToken, List<ApiKeyEntity> keys, ApiKeyConfig config,
            AccountNewKeyView newKey, Notice notice, int status) {
        long now = System.currentTimeMillis();
        List<AccountKeyView> rows = new ArrayList<>();
        keys.forEach(k -> rows.add(new AccountKeyView(k, now)));
        // a language picked with kc_locale (the language menu) applies to this answer, as on the sign-in pages,
        // and stays picked in the page's forms and after a reload; nothing about the user is changed
        String picked = session.getContext().getUri().getQueryParameters().getFirst(LocaleSelectorProvider.KC_LOCALE_PARAM);
        if (picked != null && picked.length() <= MAX_LANGUAGE_TAG) {
            session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, picked);
        }
        Locale locale = session.getContext().resolveLocale(user);
        String localeQuery = realm.isInternationalizationEnabled() && picked != null
                ? "?kc_locale=" + URLEncoder.encode(locale.toLanguageTag(), StandardCharsets.UTF_8) : "";

        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
                .setUser(user)
                .setActionUri(pageUri)
                .setAttribute("ussoApiKeysUrl", pageUri.getRawPath())
                .setAttribute("ussoApiKeysLocaleQuery", localeQuery)
                .setAttribute("ussoApiKeysUser", user.getUsername())
                .setAttribute("ussoApiKeys", rows)
                .setAttribute("ussoApiKeyHeldScopes", UssoScopes.toStrings(RoleScopes.heldBy(user)))
                .setAttribute("ussoApiKeyNew", newKey)
                .setAttribute("ussoApiKeyCsrf", csrfToken)
                .setAttribute("ussoApiKeyDefaultDays", config.defaultLifetimeDays())
                .setAttribute("ussoApiKeyMaxDays", config.maxLifetimeDays())
                .setAttribute("ussoApiKeyMaxLimitDays", config.maxLifetimeDays() == 0
                        ? ApiKeyConfig.LIFETIME_DAYS_LIMIT : config.maxLifetimeDays());
        if (notice != null) {
            if (notice.error()) {
                form.setError(notice.key(), notice.detail() == null ? "" : notice.detail());
            } else {
                form.setSuccess(notice.key(), notice.detail() == null ? "" : notice.detail());
            }
        }
        String title = form.getMessage("ussoApiKeysTitle") + " | " + displayName();
        form.setAttributeMapper(attributes -> {
            attributes.put("title", title);
            return attributes;
        });
        headers(form);
        return form.setStatus(Response.Status.fromStatusCode(status)).createForm(TEMPLATE);
    }

    /**
     * A page-less answer (tenant disabled, no pepper, no template), {@code no-store}, plain text.
     *
     * @param status HTTP status
     * @param text what to show
     * @return the answer
     */
    public static Response plain(int status, String text) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", CSP).entity(text).build();
    }

    private void headers(LoginFormsProvider form) {
        // Keycloak would replace these with the realm's (framing allowed from 'self', no referrer at all)
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        form.setResponseHeader("Cache-Control", "no-store")
                .setResponseHeader("Pragma", "no-cache")
                .setResponseHeader("X-Frame-Options", "DENY")
                .setResponseHeader("Content-Security-Policy", CSP)
                .setResponseHeader("Referrer-Policy", "same-origin")
                .setResponseHeader("X-Content-Type-Options", "nosniff")
                .setResponseHeader("X-Robots-Tag", "none");
        String hsts = realm.getBrowserSecurityHeaders() == null ? null
                : realm.getBrowserSecurityHeaders().get("strictTransportSecurity");
        if (hsts != null && !hsts.isBlank()) {
            form.setResponseHeader("Strict-Transport-Security", hsts);
        }
    }

    private String displayName() {
        return realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName()
                : realm.getDisplayName();
    }
}
