package io.usso.keycloak.it.support;

import java.util.List;
import java.util.Map;

/** Every provider the USSO jars contribute, by SPI: the distribution must list each in its server info. */
public final class UssoProviders {

    private UssoProviders() {
    }

    /** SPI name (as in server info) to our provider ids. Each capability module adds its own here. */
    public static final Map<String, List<String>> BY_SPI = Map.of(
            "protocol-mapper", List.of(
                    "usso-tenant-id-mapper",
                    "usso-token-type-mapper",
                    "usso-session-id-mapper",
                    "usso-roles-mapper",
                    "usso-scopes-mapper",
                    "usso-amr-mapper",
                    "usso-user-id-mapper",
                    "usso-workspace-id-mapper",
                    "usso-workspace-mapper"),
            "realm-restapi-extension", List.of("api-keys", "agents", "magic-link", "qr-login", "workspaces",
                    "scope-catalog", "webhooks"),
            "admin-realm-restapi-extension", List.of("usso-api-keys"),
            // loaded even without the experimental feature declarative-ui, which only the console's rendering needs
            "ui-tab", List.of("API keys", "Security", "Login methods"),
            "authenticator", List.of("usso-magic-link", "usso-email-otp", "usso-sms-otp", "usso-qr-login",
                    "usso-condition-login-method", "usso-condition-second-factor"),
            "required-action", List.of("usso-verify-phone", "usso-choose-workspace"),
            "usso-sms-sender", List.of("log", "http-json", "kavenegar"),
            "oauth2-grant-type", List.of("urn:usso:params:oauth:grant-type:api-key"),
            "emailSender", List.of("usso-pooled-smtp"),
            "eventsListener", List.of("usso-impersonation-notice", "usso-webhooks"));

    /** Theme types the usso theme provides. */
    public static final List<String> THEME_TYPES = List.of("login", "email", "account");
}
