package io.usso.keycloak.magiclink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Magic-link state in Keycloak's cluster-wide {@link SingleUseObjectProvider}; keys carry only hashes. Uses
 * {@code put}, {@code get}, {@code remove} and {@code contains} only ({@code replace} drops the lifespan in 26.7).
 *
 * <ul>
 *   <li>{@value #TOKEN}{@code <sha256(token)>}: the {@link LinkGrant} of a link. Lives {@value #GRACE_SECONDS} s
 *       past its expiry, so that an expired link is told apart from an unknown one.</li>
 *   <li>{@value #LATEST}{@code <sha256(realm, subject, client)>}: {@code t} = hash of the newest token for a user (or
 *       registration address) and client, per asking window for login-page links ({@link LinkGrant#subject()}).
 *       Only that token is valid ("a newer link from the same window invalidates the older"); a link asked for in
 *       another browser leaves this window's link alone.</li>
 *   <li>{@value #USED}{@code <realm>:<sha256(token)>}: remembers a used token for {@value #GRACE_SECONDS} s
 *       ("already used" rather than "invalid").</li>
 *   <li>{@value #STATUS}{@code <sha256(handle)>}: a confirmed link, waiting for its first window.</li>
 *   <li>{@value #REF}{@code <sha256(reference)>}: a confirmed link continuing through the authorization endpoint.</li>
 * </ul>
 * Single use: {@link #consume} takes the grant with {@code remove}, which hands the notes to exactly one caller.
 */
public final class MagicLinkStore {

    /** Key prefix of grants. */
    public static final String TOKEN = "usso-ml:t:";
    /** Key prefix of the newest-link pointers. */
    public static final String LATEST = "usso-ml:l:";
    /** Key prefix of used-token tombstones. */
    public static final String USED = "usso-ml:u:";
    /** Key prefix of confirmation statuses. */
    public static final String STATUS = "usso-ml:s:";
    /** Key prefix of one-time references. */
    public static final String REF = "usso-ml:r:";
    /** Key prefix: a waiting window's handle, with its tenant and authentication session. */
    public static final String WAIT = "usso-ml:w:";
    /** Note of {@link #WAIT}: the tenant. */
    public static final String NOTE_REALM = "realm";
    /** Note of {@link #WAIT}: the root authentication session of the browser that asked. */
    public static final String NOTE_ROOT_SESSION = "root";
    /** How long expired and used links are remembered, in seconds. */
    public static final long GRACE_SECONDS = 3600;
    /** Lifespan of a decoy grant (unknown address), in seconds. */
    public static final long DECOY_SECONDS = 60;
    /** Note of a status or reference entry: the confirmation state. */
    public static final String NOTE_STATE = "st";
    /** Note of a reference entry: SHA-256 of the browser binding cookie. */
    public static final String NOTE_BINDING = "bind";

    private final SingleUseObjectProvider store;

    /** @param store {@code session.singleUseObjects()} */
    public MagicLinkStore(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** A verdict and, for {@link LinkCheck#VALID} (and usually others), the grant. */
    public record Verdict(LinkCheck check, LinkGrant grant) {
    }

    /**
     * Stores a link and makes it the newest of its user (or address) and client.
     *
     * @param tokenHash SHA-256 of the token
     * @param grant what the link grants
     * @param nowSeconds epoch seconds
     */
    public void issue(String tokenHash, LinkGrant grant, long nowSeconds) {
        long lifespan = Math.max(1, grant.expiresAt() - nowSeconds)
                + (grant.origin() == LinkGrant.Origin.DECOY ? 0 : GRACE_SECONDS);
        if (grant.origin() == LinkGrant.Origin.DECOY) {
            lifespan = Math.min(lifespan, DECOY_SECONDS);
        }
        store.put(TOKEN + tokenHash, lifespan, grant.toNotes());
        store.put(latestKey(grant), lifespan, Map.of("t", tokenHash));
        if (grant.handleHash() != null && grant.origin() == LinkGrant.Origin.BROWSER) {
            // a new link for this window: what became of its older link (e.g. refused) no longer applies
            store.remove(STATUS + grant.handleHash());
        }
        if (grant.handleHash() != null && grant.origin() != LinkGrant.Origin.API) {
            // the window's handle exists and belongs to the browser (authentication session) that asked; a decoy's
            // window (unknown address) lives exactly as long as a real one's, so its status tells nothing
            store.put(WAIT + grant.handleHash(), Math.max(1, grant.expiresAt() - nowSeconds) + GRACE_SECONDS,
                    Map.of(NOTE_REALM, grant.realmId(),
                            NOTE_ROOT_SESSION, grant.rootSessionId() == null ? "" : grant.rootSessionId()));
        }
    }

    /**
     * Looks at a link without using it (the confirm page, scanners).
     *
     * @param tokenHash SHA-256 of the presented token
     * @param realmId the tenant whose URL was opened
     * @param nowSeconds epoch seconds
     * @return the verdict
     */
    public Verdict peek(String tokenHash, String realmId, long nowSeconds) {
        return classify(tokenHash, store.get(TOKEN + tokenHash), realmId, nowSeconds);
    }

    /**
     * Uses a link: at most one caller, cluster-wide, ever gets {@link LinkCheck#VALID} for a token.
     *
     * @param tokenHash SHA-256 of the presented token
     * @param realmId the tenant whose URL was opened
     * @param nowSeconds epoch seconds
     * @return the verdict; {@link LinkCheck#VALID} means the link is now used
     */
    public Verdict consume(String tokenHash, String realmId, long nowSeconds) {
        Verdict before = peek(tokenHash, realmId, nowSeconds);
        if (before.check() != LinkCheck.VALID) {
            return before;
        }
        // Claim the use first (atomic putIfAbsent of the tombstone), then take the grant: a concurrent confirmation
        // then always finds either the grant or the tombstone, never neither (which would read as "invalid").
        if (!store.putIfAbsent(USED + realmId + ":" + tokenHash, GRACE_SECONDS)) {
            return new Verdict(LinkCheck.USED, before.grant());
        }
        Map<String, String> taken = store.remove(TOKEN + tokenHash);
        if (taken == null) {
            return new Verdict(LinkCheck.USED, before.grant());
        }
        LinkGrant grant = LinkGrant.fromNotes(taken);
        if (grant == null || !realmId.equals(grant.realmId()) || grant.isExpired(nowSeconds)) {
            return new Verdict(LinkCheck.INVALID, grant);
        }
        return new Verdict(LinkCheck.VALID, grant);
    }

    private Verdict classify(String tokenHash, Map<String, String> notes, String realmId, long nowSeconds) {
        if (notes == null) {
            return new Verdict(store.contains(USED + realmId + ":" + tokenHash) ? LinkCheck.USED : LinkCheck.INVALID,
                    null);
        }
        LinkGrant grant = LinkGrant.fromNotes(notes);
        if (grant == null || !realmId.equals(grant.realmId()) || grant.origin() == LinkGrant.Origin.DECOY) {
            return new Verdict(LinkCheck.INVALID, null);
        }
        if (grant.isExpired(nowSeconds)) {
            return new Verdict(LinkCheck.EXPIRED, grant);
        }
        Map<String, String> latest = store.get(latestKey(grant));
        if (latest == null || !LinkSecrets.same(latest.get("t"), tokenHash)) {
            return new Verdict(LinkCheck.SUPERSEDED, grant);
        }
        return new Verdict(LinkCheck.VALID, grant);
    }

    /**
     * @param grant a grant
     * @return the key of the newest-link pointer of its realm, subject and client
     */
    public static String latestKey(LinkGrant grant) {
        return LATEST + LinkSecrets.hash(grant.realmId() + "\n" + grant.subject() + "\n" + grant.clientId());
    }

    // ------------------------------------------------------------------ confirmations

    /**
     * Records that a link was confirmed, for the first window (keyed by its handle).
     *
     * @param handleHash SHA-256 of the waiting handle
     * @param state what happened
     * @param grant the used link's grant
     * @param lifespanSeconds how long the first window may take to pick it up
     */
    public void confirm(String handleHash, ConfirmationState state, LinkGrant grant, long lifespanSeconds) {
        Map<String, String> notes = new HashMap<>(grant.toNotes());
        notes.put(NOTE_STATE, state.name());
        store.put(STATUS + handleHash, Math.max(1, lifespanSeconds), notes);
    }

    /**
     * Tells the first window that its link was refused on another device (and is used up).
     *
     * @param handleHash SHA-256 of the waiting handle
     * @param grant the used link's grant
     * @param lifespanSeconds how long the first window may take to notice
     */
    public void refuse(String handleHash, LinkGrant grant, long lifespanSeconds) {
        confirm(handleHash, ConfirmationState.REFUSED, grant, lifespanSeconds);
    }

    /**
     * @param handleHash SHA-256 of a waiting handle
     * @param realmId the tenant asking
     * @param rootSessionId the asking browser's root authentication session, may be null
     * @return whether a window of this tenant, in this browser, waits under this handle
     */
    public boolean isWaitingIn(String handleHash, String realmId, String rootSessionId) {
        Map<String, String> notes = store.get(WAIT + handleHash);
        if (notes == null || rootSessionId == null || !realmId.equals(notes.get(NOTE_REALM))) {
            return false;
        }
        String owner = notes.get(NOTE_ROOT_SESSION);
        return owner != null && !owner.isEmpty() && MessageDigest.isEqual(
                owner.getBytes(StandardCharsets.UTF_8), rootSessionId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param handleHash SHA-256 of the waiting handle
     * @return the state for the waiting page: {@link ConfirmationState#PENDING} when nothing was confirmed
     */
    public ConfirmationState status(String handleHash) {
        return ConfirmationState.of(store.get(STATUS + handleHash));
    }

    /**
     * Takes a confirmation (once): the first window completing its login.
     *
     * @param handleHash SHA-256 of the waiting handle
     * @return the grant of the confirmed link with its state, or null when there is none
     */
    public Confirmation takeConfirmation(String handleHash) {
        return Confirmation.of(store.remove(STATUS + handleHash));
    }

    /**
     * Stores a one-time reference for a login continuing through the authorization endpoint.
     *
     * @param refHash SHA-256 of the reference
     * @param bindingHash SHA-256 of the browser-binding cookie set alongside
     * @param grant the used link's grant
     * @param lifespanSeconds how long the reference works
     */
    public void putReference(String refHash, String bindingHash, LinkGrant grant, long lifespanSeconds) {
        Map<String, String> notes = new HashMap<>(grant.toNotes());
        notes.put(NOTE_STATE, ConfirmationState.CONFIRMED.name());
        notes.put(NOTE_BINDING, bindingHash);
        store.put(REF + refHash, Math.max(1, lifespanSeconds), notes);
    }

    /**
     * Takes a one-time reference (once).
     *
     * @param refHash SHA-256 of the reference
     * @return the grant with the binding hash, or null
     */
    public Confirmation takeReference(String refHash) {
        return Confirmation.of(store.remove(REF + refHash));
    }
}
