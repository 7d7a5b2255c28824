package io.usso.keycloak.otp;

import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keeps one {@link OtpState} in a note of the authentication session (cluster-aware: the code can be typed on a
 * request served by another node; dropped with the authentication session).
 */
public final class OtpStore {

    private final AuthenticationSessionModel authSession;
    private final String key;

    /**
     * @param authSession the authentication session
     * @param key the note key, e.g. {@code usso.otp.email.login}
     */
    public OtpStore(AuthenticationSessionModel authSession, String key) {
        this.authSession = authSession;
        this.key = key;
    }

    /** @return the stored state, if any */
    public Optional<OtpState> read() {
        return OtpState.decode(authSession.getAuthNote(key));
    }

    /** @param state the state to keep */
    public void write(OtpState state) {
        authSession.setAuthNote(key, state.encode());
    }

    /** Forgets the state (after success: a code works once). */
    public void clear() {
        authSession.removeAuthNote(key);
    }
}
