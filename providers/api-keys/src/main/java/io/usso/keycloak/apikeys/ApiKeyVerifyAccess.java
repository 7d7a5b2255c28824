package io.usso.keycloak.apikeys;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who may call a tenant's verify endpoint ({@code POST /realms/{realm}/api-keys/verify}), realm attribute
 * {@value ApiKeyConfig#VERIFY_ACCESS}.
 */
public enum ApiKeyVerifyAccess {

    /** Any caller, rate-limited (USSO's behaviour for public verification). */
    ANY_CALLER("any-caller"),
    /** Only clients holding the client role {@value #VERIFY_ROLE} (the default). */
    ROLE("role");

    /** The client role a caller needs under {@link #ROLE}. */
    public static final String VERIFY_ROLE = "verify-api-keys";

    private final String configValue;

    ApiKeyVerifyAccess(String configValue) {
        this.configValue = configValue;
    }

    /** @return the value used in the realm attribute, e.g. {@code any-caller} */
    public String configValue() {
        return configValue;
    }

    /**
     * @param value a realm attribute value (exact, lower case), may be null
     * @return the matching constant, or empty
     */
    public static Optional<ApiKeyVerifyAccess> fromConfigValue(String value) {
        return Arrays.stream(values()).filter(v -> v.configValue.equals(value)).findFirst();
    }
}
