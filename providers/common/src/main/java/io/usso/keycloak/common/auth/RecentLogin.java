package io.usso.keycloak.common.auth;

import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * When a user session last saw an interactive authentication (Keycloak's user-session note {@code AUTH_TIME},
 * refreshed by every re-authentication, e.g. {@code max_age=0} / {@code prompt=login}), and whether that is recent
 * enough for the tenant's {@link ReauthMaxAge}. Pages that act on the SSO cookie (API-key account page, QR confirm
 * page) use this where bearer endpoints use {@link TokenPolicy#recentLogin()}.
 */
public final class RecentLogin {

    private RecentLogin() {
    }

    /**
     * @param userSession a user session, may be null
     * @return its last authentication time, epoch seconds: the {@code AUTH_TIME} note, else its start; null without
     *         a session
     */
    public static Long authTime(UserSessionModel userSession) {
        if (userSession == null) {
            return null;
        }
        String note = userSession.getNote(AuthenticationManager.AUTH_TIME);
        if (note != null && note.matches("\\d{1,12}")) {
            return Long.parseLong(note);
        }
        return (long) userSession.getStarted();
    }

    /**
     * @param userSession a user session, may be null
     * @param realm its tenant
     * @return whether its last authentication is no older than the tenant's maximum
     */
    public static boolean isRecent(UserSessionModel userSession, RealmModel realm) {
        Long authTime = authTime(userSession);
        long now = Time.currentTime();
        return authTime != null && authTime <= now + 60 && now - authTime <= ReauthMaxAge.of(realm);
    }
}
