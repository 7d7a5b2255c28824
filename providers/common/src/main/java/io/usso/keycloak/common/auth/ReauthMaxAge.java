package io.usso.keycloak.common.auth;

import org.keycloak.models.RealmModel;

/**
 * How old a person's last interactive sign-in may be for sensitive actions (minting API keys, approving QR logins):
 * realm attribute {@value #ATTRIBUTE}, seconds, default {@value #DEFAULT_SECONDS} (10 minutes), bounded to
 * {@value #MIN_SECONDS}..{@value #MAX_SECONDS}. Shown in the admin console under Realm settings, Security.
 */
public final class ReauthMaxAge {

    /** Realm attribute. */
    public static final String ATTRIBUTE = "usso.security.reauth-max-age-seconds";
    /** Default: 10 minutes. */
    public static final int DEFAULT_SECONDS = 600;
    /** Lowest accepted value. */
    public static final int MIN_SECONDS = 30;
    /** Highest accepted value: one day. */
    public static final int MAX_SECONDS = 86_400;

    private ReauthMaxAge() {
    }

    /**
     * @param realm the tenant
     * @return its maximum age in seconds
     */
    public static int of(RealmModel realm) {
        return parse(realm == null ? null : realm.getAttribute(ATTRIBUTE));
    }

    /**
     * @param value the attribute's text, may be null
     * @return the value clamped to the bounds, or the default when absent or unreadable
     */
    public static int parse(String value) {
        if (value == null || value.isBlank() || value.strip().length() > 9 || !value.strip().matches("\\d+")) {
            return DEFAULT_SECONDS;
        }
        return Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, Integer.parseInt(value.strip())));
    }
}
