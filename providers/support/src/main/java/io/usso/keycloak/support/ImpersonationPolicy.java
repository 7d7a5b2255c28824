package io.usso.keycloak.support;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The two rules the guard adds to Keycloak's own check ("holds the impersonation role"): an impersonation gives a
 * reason, and nobody of a tenant becomes more powerful by impersonating: the target may hold no administration role
 * (a role of the realm's {@code realm-management} client) the caller lacks.
 */
public final class ImpersonationPolicy {

    /** Longest reason kept (it goes into a session note, a user attribute and an e-mail). */
    public static final int MAX_REASON_LENGTH = 500;

    private ImpersonationPolicy() {
    }

    /**
     * @param raw the reason as sent, may be null
     * @return it with surrounding white space removed and inner runs of white space made one space, or null when
     *         blank
     */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip().replaceAll("\\s+", " ");
        return value.isEmpty() ? null : value;
    }

    /**
     * @param reason a normalised reason, may be null
     * @param minLength the tenant's fewest characters, 0 = none needed
     * @return what is wrong with it (for the caller), or null when it will do
     */
    public static String reasonProblem(String reason, int minLength) {
        if (reason == null) {
            return minLength <= 0 ? null
                    : "impersonating a user needs a reason of at least " + minLength
                            + " characters: send {\"reason\": \"...\"} (e.g. the ticket number)";
        }
        int length = reason.codePointCount(0, reason.length());
        if (length > MAX_REASON_LENGTH) {
            return "the reason is longer than " + MAX_REASON_LENGTH + " characters";
        }
        if (reason.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x202E || c == 0x202D)) {
            return "the reason contains control characters";
        }
        if (length < minLength) {
            return "the reason must have at least " + minLength + " characters";
        }
        return null;
    }

    /**
     * @param adminRoles the roles of the tenant's {@code realm-management} client
     * @param target the user to impersonate
     * @param caller the user who asks, of the same tenant
     * @return the names of administration roles the target holds (directly, through groups or composites) and the
     *         caller does not, sorted; empty when impersonating gives the caller no new power
     */
    public static List<String> rolesBeyondCaller(Stream<RoleModel> adminRoles, UserModel target, UserModel caller) {
        return adminRoles.filter(target::hasRole).filter(role -> !caller.hasRole(role)).map(RoleModel::getName)
                .sorted().collect(Collectors.toList());
    }
}
