package io.usso.keycloak.apikeys.verify;

/** Why a verification failed; reported only in events, never in the response (all failures look alike). */
public enum FailureReason {
    MALFORMED("malformed"), WRONG_PREFIX("wrong_prefix"), UNKNOWN("unknown"), REVOKED("revoked"),
    EXPIRED("expired"), OWNER_DISABLED("owner_disabled");

    private final String detail;

    FailureReason(String detail) {
        this.detail = detail;
    }

    /** @return the event detail value */
    public String detail() {
        return detail;
    }
}
