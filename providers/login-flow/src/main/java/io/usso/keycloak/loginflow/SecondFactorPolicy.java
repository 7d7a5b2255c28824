package io.usso.keycloak.loginflow;

import java.util.Locale;
import java.util.Optional;

/** When the USSO browser flow asks for a second factor after the first one (realm attribute {@value LoginMethodSettings#SECOND_FACTOR}). */
public enum SecondFactorPolicy {

    /** Never: one factor signs in. */
    OFF("off"),
    /** Users who set up a one-time-code app (TOTP) or a security key are asked for it; others are not. */
    OPTIONAL("optional"),
    /** Everyone: users without a one-time-code app set one up at their next sign-in. */
    REQUIRED("required");

    private final String id;

    SecondFactorPolicy(String id) {
        this.id = id;
    }

    /** @return the value in the realm attribute */
    public String id() {
        return id;
    }

    /**
     * @param raw the attribute value, may be null
     * @return the policy, empty when unknown
     */
    public static Optional<SecondFactorPolicy> of(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = raw.strip().toLowerCase(Locale.ROOT);
        for (SecondFactorPolicy policy : values()) {
            if (policy.id.equals(name)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
