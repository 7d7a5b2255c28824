package io.usso.keycloak.otp;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The state of one issued code, kept in one authentication-session note (the authentication session is
 * cluster-aware, so the next request may land on another node): the code's hash and salt, when it expires, how many
 * wrong attempts were made, when it was sent, where it went and for which user. Immutable; pure (no Keycloak types).
 *
 * <p>The authoritative attempt count is kept by {@link AttemptCounter} (atomic, so parallel guesses cannot exceed
 * the limit); {@link #attempts()} mirrors it for the page.
 *
 * <p>A <em>decoy</em> state has no hash: it is stored when the identifier typed on a first-factor page belongs to
 * nobody, so that the page, the attempt counting and the resend rules behave exactly as for a real account while
 * no code exists that could match.
 *
 * @param hash hex HMAC of the code, empty for a decoy
 * @param salt hex salt, empty for a decoy
 * @param expiresAt epoch seconds after which the code is refused
 * @param attempts wrong attempts so far
 * @param sentAt epoch seconds of the last send
 * @param destination where the code went (e-mail address, canonical phone number), never null
 * @param userId the user the code signs in, empty for a decoy
 */
public record OtpState(String hash, String salt, long expiresAt, int attempts, long sentAt, String destination,
        String userId) {

    private static final String VERSION = "v1";
    private static final char SEP = '|';
    private static final int FIELDS = 8;

    /** Null-safe copies. */
    public OtpState {
        hash = hash == null ? "" : hash;
        salt = salt == null ? "" : salt;
        destination = destination == null ? "" : destination;
        userId = userId == null ? "" : userId;
    }

    /**
     * @param hash hex hash of the new code (empty for a decoy)
     * @param salt its salt (empty for a decoy)
     * @param destination where it went
     * @param userId the user, empty for a decoy
     * @param now epoch seconds
     * @param lifetimeSeconds how long the code works
     * @return the state of a freshly sent code
     */
    public static OtpState issued(String hash, String salt, String destination, String userId, long now,
            long lifetimeSeconds) {
        return new OtpState(hash, salt, now + lifetimeSeconds, 0, now, destination, userId);
    }

    /** @return whether this is a decoy (no code exists) */
    public boolean decoy() {
        return hash.isEmpty();
    }

    /**
     * @param now epoch seconds
     * @return whether the code has expired
     */
    public boolean expired(long now) {
        return now >= expiresAt;
    }

    /**
     * @param maxAttempts the limit
     * @return whether no attempt is left
     */
    public boolean locked(int maxAttempts) {
        return attempts >= maxAttempts;
    }

    /**
     * @param maxAttempts the limit
     * @return attempts left, 0 or more
     */
    public int attemptsLeft(int maxAttempts) {
        return Math.max(0, maxAttempts - attempts);
    }

    /**
     * @param used attempts used so far
     * @return this state with that count
     */
    public OtpState withAttempts(int used) {
        return new OtpState(hash, salt, expiresAt, used, sentAt, destination, userId);
    }

    /**
     * @param now epoch seconds
     * @param cooldownSeconds the minimum time between two sends
     * @return seconds until another code may be sent, 0 when it may be sent now
     */
    public long cooldownRemaining(long now, long cooldownSeconds) {
        long next = sentAt + cooldownSeconds;
        return next > now ? next - now : 0;
    }

    /** @return the note value */
    public String encode() {
        return String.join(String.valueOf(SEP), VERSION, hash, salt, Long.toString(expiresAt),
                Integer.toString(attempts), Long.toString(sentAt), enc(destination), enc(userId));
    }

    /**
     * @param note a value written by {@link #encode()}, may be null
     * @return the state, or empty when the note is missing or not ours
     */
    public static Optional<OtpState> decode(String note) {
        if (note == null || note.isEmpty() || note.length() > 4096) {
            return Optional.empty();
        }
        String[] parts = note.split("\\|", -1);
        if (parts.length != FIELDS || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OtpState(parts[1], parts[2], Long.parseLong(parts[3]), Integer.parseInt(parts[4]),
                    Long.parseLong(parts[5]), dec(parts[6]), dec(parts[7])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String dec(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** Never shows the hash or salt. */
    @Override
    public String toString() {
        return "OtpState{decoy=" + decoy() + ", expiresAt=" + expiresAt + ", attempts=" + attempts + ", sentAt="
                + sentAt + "}";
    }
}
