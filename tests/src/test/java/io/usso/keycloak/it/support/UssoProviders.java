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
                    "usso-workspace-id-mapper"),
            "realm-restapi-extension", List.of("api-keys"));

    /** Theme types the usso theme provides. */
    public static final List<String> THEME_TYPES = List.of("login", "email", "account");
}
