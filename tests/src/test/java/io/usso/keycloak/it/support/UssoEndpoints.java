package io.usso.keycloak.it.support;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every HTTP endpoint and form our providers add, in one table: the hostile-input test
 * ({@code it.security.HostileInputIT}) sends generated bad input to each of them. <b>A module that adds an endpoint
 * adds a row here.</b>
 *
 * <p>Paths are relative to the server's base URL and may hold these placeholders, which the test fills with ids of
 * its own tenant (and, to attack them, with unknown, malformed and other tenants' ids): {@code {realm}},
 * {@code {keyId}} (an API key of the signed-in user), {@code {userId}} (that user), {@code {clientId}} (an agent),
 * {@code {code}} (a QR code), {@code {handle}} (a waiting page's handle), {@code {workspaceId}} (a workspace the user
 * owns), {@code {roleId}} (a realm role of the tenant), {@code {webhookId}} (a webhook of the tenant),
 * {@code {deliveryId}} (a delivery id).
 */
public final class UssoEndpoints {

    /** Who may call an endpoint, so that the test can get past the caller check and reach the parser. */
    public enum Auth {
        /** Nobody in particular (public pages and polls). */
        NONE,
        /** A user's access token of the realm. */
        USER,
        /** A back end's access token (client credentials; roles {@code verify-api-keys}, {@code issue-magic-links}). */
        SERVICE,
        /** A server administrator's token (admin REST API). */
        ADMIN,
        /** A browser signed in to the realm (cookies). */
        BROWSER
    }

    /** What the endpoint reads from the body. */
    public enum Body {
        /** Nothing. */
        NONE,
        /** A JSON document. */
        JSON,
        /** An HTML form ({@code application/x-www-form-urlencoded}). */
        FORM
    }

    /** What the endpoint answers with: JSON (errors {@code {"error", "error_description"}}) or HTML pages. */
    public enum Answer {
        JSON, HTML
    }

    /**
     * One endpoint.
     *
     * @param module the provider module
     * @param method the HTTP method
     * @param path the path template (see the class comment)
     * @param auth the caller it needs
     * @param body what it reads
     * @param answer what it answers with
     * @param changesState true when a well-formed request changes something (a key rotated or revoked, an agent's
     *        key replaced): the test then attacks its body only with an unknown id in the path
     * @param fields JSON or form fields the endpoint reads (hostile values go into these)
     */
    public record Endpoint(String module, String method, String path, Auth auth, Body body, Answer answer,
            boolean changesState, List<String> fields) {

        /** @return e.g. {@code POST /realms/{realm}/api-keys} */
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Endpoint json(String module, String method, String path, Auth auth, Body body,
            boolean changesState, String... fields) {
        return new Endpoint(module, method, path, auth, body, Answer.JSON, changesState, List.of(fields));
    }

    private static Endpoint page(String module, String method, String path, Auth auth, Body body,
            boolean changesState, String... fields) {
        return new Endpoint(module, method, path, auth, body, Answer.HTML, changesState, List.of(fields));
    }

    private static final String KEYS = "/realms/{realm}/api-keys";
    private static final String ADMIN_KEYS = "/admin/realms/{realm}/usso-api-keys/users/{userId}";
    private static final String ROLE_EXPIRY = "/admin/realms/{realm}/usso-role-expiry";
    private static final String AGENTS = "/realms/{realm}/agents";
    private static final String LINKS = "/realms/{realm}/magic-link";
    private static final String QR = "/realms/{realm}/qr-login";
    private static final String WS = "/realms/{realm}/workspaces/{workspaceId}";
    private static final String CATALOG = "/realms/{realm}/scope-catalog";
    private static final String TEMPLATES = "/realms/{realm}/workspace-templates";
    /** The Telegram identity provider's broker endpoint (HostileInputIT gives its tenant a provider "telegram"). */
    private static final String TELEGRAM_IDP = "/realms/{realm}/broker/telegram/endpoint";
    private static final String TELEGRAM = "/realms/{realm}/telegram";
    private static final String HOOKS = "/realms/{realm}/webhooks";

    /** The table. */
    public static final List<Endpoint> ALL = List.of(
            // providers/api-keys: self-service (rest/ApiKeyResource)
            json("api-keys", "POST", KEYS, Auth.USER, Body.JSON, false, "name", "scopes", "expires_in_days"),
            json("api-keys", "GET", KEYS, Auth.USER, Body.NONE, false),
            json("api-keys", "POST", KEYS + "/{keyId}/rotate", Auth.USER, Body.JSON, true, "grace_seconds"),
            json("api-keys", "DELETE", KEYS + "/{keyId}", Auth.USER, Body.NONE, true),
            json("api-keys", "POST", KEYS + "/verify", Auth.SERVICE, Body.JSON, false, "api_key"),
            // providers/api-keys: account page (account/ApiKeyAccountPage)
            page("api-keys", "GET", KEYS + "/account", Auth.BROWSER, Body.NONE, false),
            page("api-keys", "POST", KEYS + "/account/create", Auth.BROWSER, Body.FORM, false,
                    "name", "scopes", "expires_in_days", "csrf"),
            page("api-keys", "POST", KEYS + "/account/keys/{keyId}/rotate", Auth.BROWSER, Body.FORM, true, "csrf"),
            page("api-keys", "POST", KEYS + "/account/keys/{keyId}/revoke", Auth.BROWSER, Body.FORM, true, "csrf"),
            // providers/api-keys: admin REST (admin/ApiKeysAdminResource)
            json("api-keys", "GET", ADMIN_KEYS, Auth.ADMIN, Body.NONE, false),
            json("api-keys", "POST", ADMIN_KEYS, Auth.ADMIN, Body.JSON, false, "name", "scopes", "expires_in_days"),
            json("api-keys", "DELETE", ADMIN_KEYS + "/{keyId}", Auth.ADMIN, Body.NONE, true),
            json("api-keys", "POST", ADMIN_KEYS + "/{keyId}/rotate", Auth.ADMIN, Body.JSON, true, "grace_seconds"),
            // providers/role-expiry: admin REST (admin/RoleExpiryAdminResource)
            json("role-expiry", "GET", ROLE_EXPIRY, Auth.ADMIN, Body.NONE, false),
            json("role-expiry", "GET", ROLE_EXPIRY + "/users/{userId}", Auth.ADMIN, Body.NONE, false),
            json("role-expiry", "PUT", ROLE_EXPIRY + "/users/{userId}/roles/{roleId}", Auth.ADMIN, Body.JSON, true,
                    "expires_at", "expires_in"),
            json("role-expiry", "DELETE", ROLE_EXPIRY + "/users/{userId}/roles/{roleId}", Auth.ADMIN, Body.NONE, true),
            // providers/api-keys: agents (agents/AgentResource)
            json("api-keys", "POST", AGENTS, Auth.USER, Body.JSON, false,
                    "name", "description", "roles", "algorithm", "public_key"),
            json("api-keys", "GET", AGENTS + "?first=0&max=10", Auth.USER, Body.NONE, false),
            json("api-keys", "DELETE", AGENTS + "/{clientId}", Auth.USER, Body.NONE, true),
            json("api-keys", "POST", AGENTS + "/{clientId}/keys", Auth.USER, Body.JSON, true, "algorithm", "public_key"),
            // providers/magic-link (rest/MagicLinkResource)
            page("magic-link", "GET", LINKS + "/open?token={handle}", Auth.NONE, Body.NONE, false),
            page("magic-link", "POST", LINKS + "/open", Auth.NONE, Body.FORM, false, "token", "confirm_id"),
            json("magic-link", "GET", LINKS + "/status?handle={handle}", Auth.NONE, Body.NONE, false),
            json("magic-link", "POST", LINKS, Auth.SERVICE, Body.JSON, false, "email", "client_id", "redirect_uri",
                    "lifetime", "send", "scope", "state", "nonce", "code_challenge", "code_challenge_method"),
            // providers/qr-login (rest/QrLoginResource)
            json("qr-login", "GET", QR + "/status/{handle}?generation=0", Auth.NONE, Body.NONE, false),
            page("qr-login", "GET", QR + "/scan/{code}", Auth.BROWSER, Body.NONE, false),
            page("qr-login", "GET", QR + "/confirm?ticket={handle}", Auth.BROWSER, Body.NONE, false),
            page("qr-login", "POST", QR + "/confirm", Auth.BROWSER, Body.FORM, false,
                    "ticket", "csrf", "number", "decision"),
            page("qr-login", "GET", QR + "/enter", Auth.BROWSER, Body.NONE, false),
            page("qr-login", "POST", QR + "/enter", Auth.BROWSER, Body.FORM, false, "short_code", "csrf"),
            json("qr-login", "GET", QR + "/{code}", Auth.USER, Body.NONE, false),
            json("qr-login", "POST", QR + "/{code}/approve", Auth.USER, Body.JSON, false, "number"),
            json("qr-login", "POST", QR + "/{code}/deny", Auth.USER, Body.JSON, false),
            // providers/workspaces (rest/WorkspaceResource, rest/ScopeCatalogResource); {workspaceId}: a workspace the
            // user owns, with a custom role "editor"
            json("workspaces", "POST", "/realms/{realm}/workspaces", Auth.USER, Body.JSON, false,
                    "name", "slug", "description", "logo", "settings"),
            json("workspaces", "GET", "/realms/{realm}/workspaces?all=false&first=0&max=10", Auth.USER, Body.NONE,
                    false),
            json("workspaces", "GET", WS, Auth.USER, Body.NONE, false),
            json("workspaces", "PUT", WS, Auth.USER, Body.JSON, false, "name", "slug", "description", "logo",
                    "settings"),
            json("workspaces", "DELETE", WS, Auth.USER, Body.NONE, true),
            json("workspaces", "GET", WS + "/members?first=0&max=10", Auth.USER, Body.NONE, false),
            json("workspaces", "POST", WS + "/members/invite", Auth.USER, Body.JSON, true, "email"),
            json("workspaces", "DELETE", WS + "/members/{userId}", Auth.USER, Body.NONE, true),
            json("workspaces", "POST", WS + "/leave", Auth.USER, Body.NONE, true),
            json("workspaces", "GET", WS + "/roles", Auth.USER, Body.NONE, false),
            json("workspaces", "GET", WS + "/members/{userId}/permissions/explain", Auth.USER, Body.NONE, false),
            json("workspaces", "GET", WS + "/analytics", Auth.USER, Body.NONE, false),
            json("workspaces", "POST", WS + "/roles", Auth.USER, Body.JSON, false, "name", "description", "scopes"),
            json("workspaces", "PUT", WS + "/roles/editor", Auth.USER, Body.JSON, false, "description", "scopes"),
            json("workspaces", "DELETE", WS + "/roles/editor", Auth.USER, Body.NONE, true),
            json("workspaces", "PUT", WS + "/members/{userId}/roles/editor", Auth.USER, Body.JSON, false,
                    "expires_at", "expires_in"),
            json("workspaces", "DELETE", WS + "/members/{userId}/roles/editor", Auth.USER, Body.NONE, true),
            // people search and workspace templates (the user is a tenant admin: manage-users)
            json("workspaces", "GET", "/realms/{realm}/workspaces/people?q=ab&first=0&max=10", Auth.USER, Body.NONE,
                    false),
            json("workspaces", "GET", TEMPLATES, Auth.USER, Body.NONE, false),
            json("workspaces", "GET", TEMPLATES + "/team", Auth.USER, Body.NONE, false),
            json("workspaces", "PUT", TEMPLATES + "/team", Auth.USER, Body.JSON, false, "description", "roles"),
            json("workspaces", "DELETE", TEMPLATES + "/team", Auth.USER, Body.NONE, true),
            json("workspaces", "GET", CATALOG, Auth.SERVICE, Body.NONE, false),
            json("workspaces", "GET", CATALOG + "/media", Auth.SERVICE, Body.NONE, false),
            json("workspaces", "PUT", CATALOG + "/media", Auth.SERVICE, Body.JSON, false, "scopes"),
            // providers/telegram: bot-confirmed login (bot/TelegramBotResource); the webhook needs Telegram's secret
            // header, so hostile bodies meet the 401 first (TelegramBotWebhookIT sends them with the secret)
            json("telegram", "POST", TELEGRAM + "/webhook", Auth.NONE, Body.JSON, false,
                    "update_id", "message", "callback_query"),
            json("telegram", "GET", TELEGRAM + "/bot-login/status/{handle}?wait=0", Auth.NONE, Body.NONE, false),
            json("telegram", "POST", "/admin/realms/{realm}/telegram/webhook", Auth.ADMIN, Body.JSON, false, "alias"),
            // providers/telegram: Login Widget identity provider (idp/LoginWidgetEndpoint): callback page, its post,
            // Telegram's data-auth-url query form
            page("telegram", "GET", TELEGRAM_IDP + "?state={handle}", Auth.NONE, Body.NONE, false),
            page("telegram", "GET", TELEGRAM_IDP + "?state={handle}&id=1&auth_date=1&hash={code}", Auth.NONE,
                    Body.NONE, false),
            page("telegram", "POST", TELEGRAM_IDP, Auth.NONE, Body.FORM, false, "state", "tgAuthResult"),
            // providers/webhooks (rest/WebhookResource); the user holds realm-management manage-events
            json("webhooks", "GET", HOOKS, Auth.USER, Body.NONE, false),
            json("webhooks", "POST", HOOKS, Auth.USER, Body.JSON, false, "url", "event_types", "active",
                    "description", "signing"),
            json("webhooks", "GET", HOOKS + "/{webhookId}", Auth.USER, Body.NONE, false),
            json("webhooks", "PUT", HOOKS + "/{webhookId}", Auth.USER, Body.JSON, false, "url", "event_types",
                    "active", "description", "signing"),
            json("webhooks", "DELETE", HOOKS + "/{webhookId}", Auth.USER, Body.NONE, true),
            json("webhooks", "POST", HOOKS + "/{webhookId}/rotate-secret", Auth.USER, Body.JSON, true,
                    "grace_seconds"),
            json("webhooks", "GET", HOOKS + "/{webhookId}/deliveries?first=0&max=10", Auth.USER, Body.NONE, false),
            json("webhooks", "POST", HOOKS + "/{webhookId}/deliveries/{deliveryId}/redeliver", Auth.USER, Body.NONE,
                    true));

    private UssoEndpoints() {
    }

    /**
     * @param path a path template without its query
     * @return the methods the table declares on it
     */
    public static Set<String> methodsOn(String path) {
        return ALL.stream().filter(e -> pathOnly(e.path()).equals(path)).map(Endpoint::method)
                .collect(Collectors.toSet());
    }

    /** @return the template without its query string */
    public static String pathOnly(String template) {
        int q = template.indexOf('?');
        return q < 0 ? template : template.substring(0, q);
    }
}
