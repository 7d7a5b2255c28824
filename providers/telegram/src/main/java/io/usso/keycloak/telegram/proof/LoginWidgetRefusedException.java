package io.usso.keycloak.telegram.proof;

/**
 * Telegram Login Widget data that must not sign anybody in, with the reason. The message never holds the data's
 * values or hash.
 */
public final class LoginWidgetRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final LoginWidgetRefusal reason;

    /**
     * @param reason why
     * @param message a description for administrators (no secrets, no user data)
     */
    public LoginWidgetRefusedException(LoginWidgetRefusal reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why the data was refused */
    public LoginWidgetRefusal reason() {
        return reason;
    }
}
