package io.usso.keycloak.roleexpiry.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.usso.keycloak.roleexpiry.RoleExpiryInput;
import io.usso.keycloak.roleexpiry.RoleExpiryLookup;

/**
 * The fields of the console page's form and their parsing: {@value #USER} (username, e-mail or id), {@value #ROLE}
 * (Keycloak's role picker: {@code name} or {@code clientId.name}), {@value #EXPIRES_AT} (UTC) or {@value #EXPIRES_IN}
 * (seconds). Once applied, the entry holds the resolved values plus the hidden ids {@value #USER_ID} and
 * {@value #ROLE_ID}, which link it to its assignment.
 */
public final class RoleExpiryPageForm {

    /** Field: the user. */
    public static final String USER = "user";
    /** Field: the role. */
    public static final String ROLE = "role";
    /** Field: expiry, ISO 8601 UTC. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Field: lifetime in seconds (instead of {@value #EXPIRES_AT}); emptied once applied. */
    public static final String EXPIRES_IN = "expiresIn";
    /** Hidden: the user's id. */
    public static final String USER_ID = "userId";
    /** Hidden: the role's id. */
    public static final String ROLE_ID = "roleId";

    private static final int MAX_FIELD = 64;

    private RoleExpiryPageForm() {
    }

    /** @return the form's fields */
    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(USER).label("User").type(ProviderConfigProperty.STRING_TYPE).required(true)
                .helpText("Username, e-mail address or user id of a user of this realm.").add()
                .property().name(ROLE).label("Role").type(ProviderConfigProperty.ROLE_TYPE).required(true)
                .helpText("A realm role, or a client role (clientId.roleName). The role mapping is added now and "
                        + "removed when the expiry passes.").add()
                .property().name(EXPIRES_AT).label("Expires at (UTC)").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("ISO 8601 in UTC, e.g. 2026-12-31T18:00:00Z. Leave empty when giving 'Expires in'.").add()
                .property().name(EXPIRES_IN).label("Expires in (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Instead of 'Expires at': seconds from now, e.g. 3600.").add()
                .build();
    }

    /**
     * @param model the entry as the console sent it
     * @param now the current epoch second
     * @return the expiry in epoch seconds
     * @throws IllegalArgumentException with a message for the administrator
     */
    public static long expiresAt(ComponentModel model, long now) {
        String at = trimmed(model.get(EXPIRES_AT));
        String in = trimmed(model.get(EXPIRES_IN));
        if ((at == null) == (in == null)) {
            throw new IllegalArgumentException("Give exactly one of 'Expires at' and 'Expires in'");
        }
        if (in != null) {
            return RoleExpiryInput.afterSeconds(number(in, "Expires in"), now);
        }
        return RoleExpiryInput.checked(instant(at), now);
    }

    /** Writes the applied values (resolved user and role, the expiry in UTC) into the entry. */
    public static void fill(ComponentModel model, UserModel user, RoleModel role, long expiresAt) {
        model.put(USER, user.getUsername());
        model.put(ROLE, RoleExpiryLookup.reference(role));
        model.put(EXPIRES_AT, Instant.ofEpochSecond(expiresAt).toString());
        model.getConfig().remove(EXPIRES_IN);
        model.put(USER_ID, user.getId());
        model.put(ROLE_ID, role.getId());
    }

    /** @return the expiry written by {@link #fill}, or -1 */
    public static long storedExpiry(ComponentModel model) {
        try {
            String at = trimmed(model.get(EXPIRES_AT));
            return at == null ? -1 : instant(at);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static long instant(String value) {
        if (value.length() > MAX_FIELD) {
            throw new IllegalArgumentException("'Expires at' is not a date and time");
        }
        try {
            return Instant.parse(value).getEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("'Expires at' must be ISO 8601 in UTC, e.g. 2026-12-31T18:00:00Z",
                        e2);
            }
        }
    }

    private static long number(String value, String field) {
        if (value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number of seconds");
        }
        return Long.parseLong(value);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
