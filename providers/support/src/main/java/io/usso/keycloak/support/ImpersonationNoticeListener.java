package io.usso.keycloak.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import io.usso.keycloak.common.security.TenantSecuritySettings;

/**
 * Runs when Keycloak has created an impersonated session ({@code IMPERSONATE} event, within the same request and
 * transaction): keeps the reason the guard accepted and the session's end in the session's notes, writes the user's
 * read-only attribute {@value ImpersonationNotes#SUPPORT_ACCESS_ATTRIBUTE} (shown in the account console) and e-mails
 * the user who acted as them, when, until when and why. Enabled per realm as event listener
 * {@value ImpersonationNoticeListenerFactory#PROVIDER_ID} (the templates list it).
 */
public final class ImpersonationNoticeListener implements EventListenerProvider {

    /** E-mail template of the notice. */
    public static final String TEMPLATE = "usso-impersonation-notice.ftl";
    /** Message key of its subject. */
    public static final String SUBJECT = "ussoImpersonationSubject";

    private static final Logger LOG = Logger.getLogger(ImpersonationNoticeListener.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final KeycloakSession session;

    /** @param session the request's session */
    public ImpersonationNoticeListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.IMPERSONATE || event.getRealmId() == null || event.getUserId() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user == null) {
            return;
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        String impersonator = details.getOrDefault(Details.IMPERSONATOR, "?");
        Object reasonValue = session.getAttribute(ImpersonationNotes.REASON_ATTRIBUTE);
        String reason = reasonValue instanceof String s ? s : null;
        UserSessionModel userSession = event.getSessionId() == null ? null
                : session.sessions().getUserSession(realm, event.getSessionId());
        long started = userSession == null ? event.getTime() / 1000 : userSession.getStarted();
        long ends = started + TenantSecuritySettings.of(realm).impersonationMaxMinutes() * 60L;
        if (userSession != null) {
            userSession.setNote(ImpersonationNotes.ENDS_NOTE, Long.toString(ends));
            if (reason != null) {
                userSession.setNote(ImpersonationNotes.REASON_NOTE, reason);
            }
        }
        String startedText = WHEN.format(Instant.ofEpochSecond(started));
        String endsText = WHEN.format(Instant.ofEpochSecond(ends));
        user.setSingleAttribute(ImpersonationNotes.SUPPORT_ACCESS_ATTRIBUTE,
                summary(startedText, endsText, impersonator, reason));
        notifyByEmail(realm, user, impersonator, reason, startedText, endsText);
    }

    /**
     * @return e.g. {@code 2026-12-07 05:50 UTC to 06:20 UTC by helper: ticket 4711}
     */
    static String summary(String started, String ends, String impersonator, String reason) {
        String until = ends.length() > 11 && ends.startsWith(started.substring(0, 11)) ? ends.substring(11) : ends;
        String text = started + " to " + until + " by " + impersonator + (reason == null ? "" : ": " + reason);
        return text.length() <= 255 ? text : text.substring(0, 254) + "…";
    }

    private void notifyByEmail(RealmModel realm, UserModel user, String impersonator, String reason, String started,
            String ends) {
        if (user.getEmail() == null || user.getEmail().isBlank() || realm.getSmtpConfig() == null
                || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        String realmName = realm.getDisplayName() != null && !realm.getDisplayName().isBlank()
                ? realm.getDisplayName() : realm.getName();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("impersonator", impersonator);
        attributes.put("started", started);
        attributes.put("ends", ends);
        if (reason != null) {
            attributes.put("reason", reason);
        }
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(SUBJECT, List.of(realmName), TEMPLATE, attributes);
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("could not e-mail the impersonation notice in realm %s: %s", realm.getName(),
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // impersonation is a user event
    }

    @Override
    public void close() {
        // nothing held
    }
}
