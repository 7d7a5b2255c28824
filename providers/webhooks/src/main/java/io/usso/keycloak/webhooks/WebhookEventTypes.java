package io.usso.keycloak.webhooks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The event types a subscription can ask for: the user events {@link #USER_EVENTS} by Keycloak's name
 * ({@code REGISTER}, ...), and admin events by resource type as {@code admin:<RESOURCE_TYPE>} ({@code admin:USER},
 * {@code admin:CLIENT}, our modules' own types such as {@code admin:usso-workspace}) or {@code admin:*} for all.
 * A delivery's {@code type} is the user event's name, or {@code admin:<RESOURCE_TYPE>:<OPERATION>}.
 */
public final class WebhookEventTypes {

    /** User events that can be subscribed to. */
    public static final List<String> USER_EVENTS = List.of("REGISTER", "LOGIN", "LOGOUT", "UPDATE_PROFILE",
            "DELETE_ACCOUNT");
    /** Prefix of admin event types. */
    public static final String ADMIN_PREFIX = "admin:";
    /** Every admin event. */
    public static final String ALL_ADMIN = "admin:*";
    /** Most types one subscription lists. */
    public static final int MAX_TYPES = 32;

    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private WebhookEventTypes() {
    }

    /**
     * @param type one requested type
     * @return whether a subscription may ask for it
     */
    public static boolean valid(String type) {
        if (type == null) {
            return false;
        }
        if (USER_EVENTS.contains(type) || ALL_ADMIN.equals(type)) {
            return true;
        }
        return type.startsWith(ADMIN_PREFIX) && RESOURCE_TYPE.matcher(type.substring(ADMIN_PREFIX.length())).matches();
    }

    /**
     * @param stored the subscription's types, space-separated
     * @return them as a set
     */
    public static Set<String> parse(String stored) {
        Set<String> out = new LinkedHashSet<>();
        if (stored != null) {
            for (String part : stored.strip().split(" +")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /**
     * @param wanted a subscription's types
     * @param userEvent a user event's type
     * @return whether the subscription wants it
     */
    public static boolean wantsUserEvent(Set<String> wanted, String userEvent) {
        return USER_EVENTS.contains(userEvent) && wanted.contains(userEvent);
    }

    /**
     * @param wanted a subscription's types
     * @param resourceType an admin event's resource type
     * @return whether the subscription wants it
     */
    public static boolean wantsAdminEvent(Set<String> wanted, String resourceType) {
        return resourceType != null && (wanted.contains(ALL_ADMIN) || wanted.contains(ADMIN_PREFIX + resourceType));
    }
}
