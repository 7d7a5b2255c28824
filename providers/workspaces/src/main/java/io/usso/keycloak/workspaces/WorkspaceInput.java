package io.usso.keycloak.workspaces;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.common.LookupIds;
import io.usso.keycloak.common.UssoScope;

/**
 * Turns request bodies into validated values, or a {@link WorkspaceInputException} (400). Pure: no Keycloak state.
 * Limits: name 1..{@value #MAX_NAME} characters, slug {@value #SLUG_PATTERN}, description up to
 * {@value #MAX_DESCRIPTION}, logo an absolute {@code https} (or {@code http}) URL up to {@value #MAX_URL}, settings a
 * JSON object of at most {@value #MAX_SETTINGS} characters, at most {@value #MAX_SCOPES} scopes per role.
 */
public final class WorkspaceInput {

    /** Largest accepted body, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Longest workspace name. */
    public static final int MAX_NAME = 255;
    /** Longest description. */
    public static final int MAX_DESCRIPTION = 1000;
    /** Longest logo URL (organization attributes are stored in columns of 255 characters). */
    public static final int MAX_URL = 255;
    /** Longest settings document, serialised JSON (an organization attribute, 255 characters). */
    public static final int MAX_SETTINGS = 255;
    /** Most scopes on one role. */
    public static final int MAX_SCOPES = 100;
    /** Most scopes one service may register in the catalog. */
    public static final int MAX_CATALOG_SCOPES = 500;
    /** Longest e-mail address. */
    public static final int MAX_EMAIL = 254;
    /** Furthest expiry of a role assignment, in seconds from now (10 years). */
    public static final long MAX_EXPIRY_SECONDS = 10L * 366 * 24 * 3600;
    /** Slug grammar: lower-case letters and digits in dash-separated runs, 1..63 characters. */
    public static final String SLUG_PATTERN = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

    private static final Pattern SLUG = Pattern.compile(SLUG_PATTERN);
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private WorkspaceInput() {
    }

    /**
     * Fields of a new or changed workspace; null = not given.
     *
     * @param name the display name
     * @param slug the URL-friendly unique name (Keycloak's organization alias)
     * @param description free text
     * @param logo the logo URL ("" to clear it)
     * @param settings the settings JSON object, serialised
     * @param template the tenant's workspace template to create the roles from (creation only)
     */
    public record WorkspaceFields(String name, String slug, String description, String logo, String settings,
            String template) {
    }

    /**
     * @param name a role name
     * @param description its description, may be null
     * @param scopes its scopes, canonical and sorted
     */
    public record RoleFields(String name, String description, List<String> scopes) {

        /** Copies the scopes. */
        public RoleFields {
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * @param body {@code {"name", "slug"?, "description"?, "logo"?, "settings"?, "template"?}}
     * @return the validated fields, name required
     */
    public static WorkspaceFields create(JsonNode body) {
        known(body, "name", "slug", "description", "logo", "settings", "template");
        String name = name(body.get("name"), true);
        JsonNode template = body.get("template");
        return new WorkspaceFields(name, slug(body.get("slug")), description(body.get("description")),
                logo(body.get("logo")), settings(body.get("settings")),
                template == null || template.isNull() ? null : templateName(text(template, "template")));
    }

    /**
     * @param body any of {@code name, slug, description, logo, settings}
     * @return the validated fields, null where not given
     */
    public static WorkspaceFields update(JsonNode body) {
        known(body, "name", "slug", "description", "logo", "settings");
        return new WorkspaceFields(name(body.get("name"), false), slug(body.get("slug")),
                description(body.get("description")), logo(body.get("logo")), settings(body.get("settings")), null);
    }

    /**
     * @param body {@code {"name", "description"?, "scopes": [...]}}
     * @return the validated role
     */
    public static RoleFields role(JsonNode body) {
        known(body, "name", "description", "scopes");
        String name = roleName(text(body.get("name"), "name"));
        return new RoleFields(name, roleDescription(body.get("description")), scopes(body.get("scopes"), MAX_SCOPES));
    }

    /**
     * @param name the role name from the path
     * @param body {@code {"description"?, "scopes": [...]}}
     * @return the validated role
     */
    public static RoleFields roleUpdate(String name, JsonNode body) {
        known(body, "description", "scopes");
        return new RoleFields(name, roleDescription(body.get("description")), scopes(body.get("scopes"), MAX_SCOPES));
    }

    /**
     * @param raw a role name from a request
     * @return it, when well-formed
     */
    public static String roleName(String raw) {
        if (!WorkspaceRoles.validName(raw)) {
            throw WorkspaceInputException.invalid("A role name is 1 to " + WorkspaceRoles.MAX_NAME_LENGTH
                    + " lower-case letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return raw;
    }

    /**
     * @param raw a workspace template name from a request
     * @return it, when well-formed (the grammar of role names)
     */
    public static String templateName(String raw) {
        if (!WorkspaceRoles.validName(raw)) {
            throw WorkspaceInputException.invalid("A template name is 1 to " + WorkspaceRoles.MAX_NAME_LENGTH
                    + " lower-case letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return raw;
    }

    /**
     * @param body an object that may hold only the given fields
     * @param fields the fields it may hold
     */
    static void onlyFields(JsonNode body, String... fields) {
        known(body, fields);
    }

    /**
     * @param node a free-text description (one line), may be null
     * @return it stripped, at most 255 characters, or null
     */
    static String shortDescription(JsonNode node) {
        return roleDescription(node);
    }

    /**
     * @param body {@code {"email"}}
     * @return the address, stripped and in lower case
     */
    public static String inviteEmail(JsonNode body) {
        known(body, "email");
        String email = text(body.get("email"), "email").strip().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches() || hasControl(email)) {
            throw WorkspaceInputException.invalid("email is not an e-mail address");
        }
        return email;
    }

    /**
     * @param body {@code {}}, {@code {"expires_at": epochSeconds}} or {@code {"expires_in": seconds}}
     * @param nowSeconds the current time
     * @return the expiry, epoch seconds, or null for none
     */
    public static Long expiry(JsonNode body, long nowSeconds) {
        known(body, "expires_at", "expires_in");
        JsonNode at = body.get("expires_at");
        JsonNode in = body.get("expires_in");
        if (at != null && !at.isNull() && in != null && !in.isNull()) {
            throw WorkspaceInputException.invalid("Give expires_at or expires_in, not both");
        }
        Long expiresAt = null;
        if (at != null && !at.isNull()) {
            expiresAt = seconds(at, "expires_at");
        } else if (in != null && !in.isNull()) {
            long delta = seconds(in, "expires_in");
            if (delta <= 0 || delta > MAX_EXPIRY_SECONDS) {
                throw WorkspaceInputException.invalid("expires_in must be 1 to " + MAX_EXPIRY_SECONDS + " seconds");
            }
            expiresAt = nowSeconds + delta;
        }
        if (expiresAt != null && (expiresAt <= nowSeconds || expiresAt > nowSeconds + MAX_EXPIRY_SECONDS)) {
            throw WorkspaceInputException.invalid("expires_at must be in the future, at most 10 years ahead");
        }
        return expiresAt;
    }

    /**
     * @param raw a service name from the path
     * @return it, when well-formed (like a role name)
     */
    public static String service(String raw) {
        if (raw == null || !SERVICE.matcher(raw).matches()) {
            throw WorkspaceInputException.invalid("A service name is 1 to 64 lower-case letters, digits, '_', '.' or "
                    + "'-', starting with a letter or digit");
        }
        return raw;
    }

    /**
     * @param body {@code {"scopes": [...]}}
     * @return the catalogued scopes, canonical and sorted
     */
    public static List<String> catalog(JsonNode body) {
        known(body, "scopes");
        if (body.get("scopes") == null) {
            throw WorkspaceInputException.invalid("scopes is required");
        }
        return scopes(body.get("scopes"), MAX_CATALOG_SCOPES);
    }

    /**
     * @param raw an id from the path
     * @return whether it can name a workspace or user (see {@link LookupIds})
     */
    public static boolean plausibleId(String raw) {
        return LookupIds.plausible(raw, 36);
    }

    // ------------------------------------------------------------------ fields

    private static void known(JsonNode body, String... fields) {
        List<String> allowed = List.of(fields);
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw WorkspaceInputException.invalid("Unknown field '" + echo(name) + "' (known: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String name(JsonNode node, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw WorkspaceInputException.invalid("name is required");
            }
            return null;
        }
        String name = text(node, "name").strip();
        if (name.isEmpty() || name.length() > MAX_NAME || hasControl(name) || !wellFormed(name)) {
            throw WorkspaceInputException.invalid("name must be 1 to " + MAX_NAME + " characters, no control "
                    + "characters");
        }
        return name;
    }

    private static String slug(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String slug = text(node, "slug");
        if (!SLUG.matcher(slug).matches()) {
            throw WorkspaceInputException.invalid("slug must match " + SLUG_PATTERN);
        }
        return slug;
    }

    private static String description(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = text(node, "description").strip();
        if (text.length() > MAX_DESCRIPTION || !wellFormed(text) || hasControlButNewlines(text)) {
            throw WorkspaceInputException.invalid("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return text;
    }

    private static String roleDescription(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = text(node, "description").strip();
        if (text.length() > 255 || hasControl(text) || !wellFormed(text)) {
            throw WorkspaceInputException.invalid("description must be at most 255 characters");
        }
        return text;
    }

    private static String logo(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String url = text(node, "logo").strip();
        if (url.isEmpty()) {
            return "";
        }
        if (url.length() > MAX_URL || hasControl(url)) {
            throw WorkspaceInputException.invalid("logo must be an http(s) URL of at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw WorkspaceInputException.invalid("logo must be an absolute http(s) URL without credentials");
            }
        } catch (URISyntaxException e) {
            throw WorkspaceInputException.invalid("logo is not a URL");
        }
        return url;
    }

    private static String settings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw WorkspaceInputException.invalid("settings must be a JSON object");
        }
        String text = node.toString();
        if (text.length() > MAX_SETTINGS) {
            throw WorkspaceInputException.invalid("settings must be at most " + MAX_SETTINGS + " characters of JSON");
        }
        return text;
    }

    private static List<String> scopes(JsonNode node, int max) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw WorkspaceInputException.invalid("scopes must be an array of USSO scope strings");
        }
        if (node.size() > max) {
            throw new WorkspaceInputException(400, WorkspaceInputException.INVALID_SCOPE,
                    "At most " + max + " scopes");
        }
        TreeSet<String> canonical = new TreeSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new WorkspaceInputException(400, WorkspaceInputException.INVALID_SCOPE,
                        "Every scope must be a string");
            }
            try {
                canonical.add(UssoScope.parse(item.asText()).toString());
            } catch (IllegalArgumentException e) {
                throw new WorkspaceInputException(400, WorkspaceInputException.INVALID_SCOPE, e.getMessage());
            }
        }
        return new ArrayList<>(canonical);
    }

    private static long seconds(JsonNode node, String field) {
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            throw WorkspaceInputException.invalid(field + " must be a whole number of seconds");
        }
        return node.asLong();
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw WorkspaceInputException.invalid(field + " is required");
        }
        if (!node.isTextual()) {
            throw WorkspaceInputException.invalid(field + " must be a string");
        }
        return node.asText();
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static boolean hasControlButNewlines(String s) {
        return s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }

    /** No lone surrogates (PostgreSQL refuses them in text). */
    private static boolean wellFormed(String s) {
        return LookupIds.plausible(s.isEmpty() ? "x" : s.replaceAll("[\\r\\n\\t]", " "), Integer.MAX_VALUE);
    }

    private static String echo(String s) {
        String safe = s.replaceAll("[^A-Za-z0-9_.-]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
    }

    /**
     * @param settings a settings JSON text stored on the workspace
     * @return it as a map for answers, or an empty map when unreadable
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> settingsMap(String settings) {
        if (settings == null || settings.isBlank()) {
            return Map.of();
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(settings, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of();
        }
    }
}
