package io.usso.keycloak.apikeys.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.auth.UssoEndpoints;

/**
 * The verify endpoint's bearer-token callers, remembered per token on this node: a back end that verifies keys with
 * its access token would otherwise pay Keycloak's full token check (signature, session look-up) on every request,
 * which made the bearer path slower than token introspection. A token that passed
 * {@link UssoEndpoints#API_KEYS_VERIFY} is remembered by the SHA-256 of its text, with its realm and user, until its
 * own expiry but at most {@value #MAX_REMEMBER_MILLIS} ms; the caller's user is looked up again (Keycloak's user
 * cache) and must still be enabled, and the role check still runs on every request. Node-local, bounded; holds no
 * login state (a miss costs only the full check). A logged-out session's token keeps verifying for at most that
 * long, as with the SDK's own 60-second cache of verifications.
 */
public final class VerifierCallers {

    /** Longest a checked token is remembered. */
    public static final long MAX_REMEMBER_MILLIS = 60_000;
    /** Most tokens remembered on one node. */
    public static final int MAX_ENTRIES = 10_000;

    private record Entry(String realmId, String userId, long until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /** @param clock epoch milliseconds */
    public VerifierCallers(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * @param session the request's session
     * @param realm the tenant
     * @param tokenText the bearer token's text, may be null
     * @return the token's user when the token may call the verify endpoint, else null
     */
    public UserModel caller(KeycloakSession session, RealmModel realm, String tokenText) {
        if (tokenText == null || tokenText.isEmpty()) {
            return null;
        }
        String key = hash(tokenText);
        long now = clock.getAsLong();
        Entry known = entries.get(key);
        if (known != null && known.until() > now && known.realmId().equals(realm.getId())) {
            UserModel user = session.users().getUserById(realm, known.userId());
            return user != null && user.isEnabled() ? user : null;
        }
        BearerAuth.Authorization authorization = BearerAuth.authorize(session, realm, UssoEndpoints.API_KEYS_VERIFY);
        if (!authorization.ok()) {
            return null;
        }
        long expiresAt = authorization.auth().token().getExp() == null ? now
                : authorization.auth().token().getExp() * 1000L;
        remember(key, new Entry(realm.getId(), authorization.auth().user().getId(),
                Math.min(expiresAt, now + MAX_REMEMBER_MILLIS)), now);
        return authorization.auth().user();
    }

    /** @return tokens remembered now (expired ones until the next clean-up) */
    public int size() {
        return entries.size();
    }

    private void remember(String key, Entry entry, long now) {
        if (entry.until() <= now) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> e.until() <= now);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, entry);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
