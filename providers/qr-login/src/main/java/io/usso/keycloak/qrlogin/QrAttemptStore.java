package io.usso.keycloak.qrlogin;

import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * The QR login's state in Keycloak's cluster-wide single-use store ({@code session.singleUseObjects()}); nothing is
 * kept in the JVM, so the waiting page and the phone may talk to different nodes. Secrets appear only as hashes.
 *
 * <pre>
 * usso-qr-attempt:{id}              attempt notes ({@link QrAttempt}); lifetime + grace; removed when consumed
 * usso-qr-code:{sha256(code)}       {a: id, r: realm}; one QR code generation, rotation + 2 s
 * usso-qr-gen:{id}:{g}              marker: generation g was issued (putIfAbsent, one issuer per generation)
 * usso-qr-gencode:{id}:{g}          {h: sha256(code)}: lets the next generation remove this one
 * usso-qr-short:{realm}:{sha256}    {a: id}; the fallback short code (usso-qr-shortclaim: the same, marker)
 * usso-qr-decided:{id}              marker: a decision exists (putIfAbsent: the first decision wins)
 * usso-qr-outcome:{id}              the decision ({@link QrOutcome})
 * </pre>
 *
 * Only {@code put}, {@code putIfAbsent}, {@code get} and {@code remove} are used ({@code replace} drops the lifespan
 * in Keycloak 26.7). {@code put} is applied when the request's transaction commits; {@code putIfAbsent} and
 * {@code remove} act at once and atomically, which is what decisions and consumption rely on.
 */
public final class QrAttemptStore {

    /** Seconds the attempt's entries outlive its lifetime: an approval just in time can still be used. */
    public static final long GRACE_SECONDS = 30;
    /** Seconds a QR code outlives its generation, for a scan that was already under way. */
    public static final long CODE_GRACE_SECONDS = 2;

    static final String ATTEMPT = "usso-qr-attempt:";
    static final String CODE = "usso-qr-code:";
    static final String GENERATION = "usso-qr-gen:";
    static final String GENERATION_CODE = "usso-qr-gencode:";
    static final String SHORT = "usso-qr-short:";
    static final String SHORT_CLAIM = "usso-qr-shortclaim:";
    static final String DECIDED = "usso-qr-decided:";
    static final String OUTCOME = "usso-qr-outcome:";

    private static final int SHORT_CODE_TRIES = 5;

    private final SingleUseObjectProvider store;

    /** @param store the session's {@code session.singleUseObjects()} */
    public QrAttemptStore(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * What the waiting page gets once: the handle for its status URL, the first QR code and the short code.
     *
     * @param attempt the stored attempt
     * @param handle the status handle (its hash is the attempt id)
     * @param code the generation-0 QR code
     * @param shortCode the short code, null when turned off
     */
    public record Created(QrAttempt attempt, String handle, String code, String shortCode) {
    }

    /**
     * A QR code found in the store.
     *
     * @param attemptId the attempt it belongs to
     * @param realmId the attempt's realm
     */
    public record CodeRef(String attemptId, String realmId) {
    }

    /**
     * Stores a new attempt with its first QR code and (when enabled) its short code.
     *
     * @param draft everything but the id
     * @param shortCode whether to issue a short code
     * @param nowSeconds epoch seconds
     * @return the attempt and its secrets
     */
    public Created create(QrAttemptDraft draft, boolean shortCode, long nowSeconds) {
        String handle = QrSecrets.newToken();
        String id = QrSecrets.hash(handle);
        long ttl = draft.expiresAt() - nowSeconds + GRACE_SECONDS;
        String shortValue = null;
        String shortHash = null;
        for (int i = 0; shortCode && shortValue == null && i < SHORT_CODE_TRIES; i++) {
            String candidate = QrSecrets.newShortCode();
            String hash = QrSecrets.hash(candidate);
            if (store.putIfAbsent(SHORT_CLAIM + draft.realmId() + ":" + hash, ttl)) {
                shortValue = candidate;
                shortHash = hash;
                store.put(SHORT + draft.realmId() + ":" + hash, ttl, Map.of("a", id));
            }
        }
        QrAttempt attempt = draft.withId(id, shortHash);
        store.put(ATTEMPT + id, ttl, attempt.toNotes());
        String code = issueCode(attempt, 0, nowSeconds);
        return new Created(attempt, handle, code, shortValue);
    }

    /**
     * Issues the QR code of one generation and removes the previous generation's code. At most one caller wins a
     * generation.
     *
     * @param attempt the attempt
     * @param generation the generation to issue
     * @param nowSeconds epoch seconds
     * @return the new code, or null when this generation was already issued
     */
    public String issueCode(QrAttempt attempt, long generation, long nowSeconds) {
        long attemptTtl = Math.max(1, attempt.expiresAt() - nowSeconds + GRACE_SECONDS);
        if (!store.putIfAbsent(GENERATION + attempt.id() + ":" + generation, attemptTtl)) {
            return null;
        }
        String code = QrSecrets.newCode();
        String hash = QrSecrets.hash(code);
        long codeTtl = Math.max(1, attempt.generationEnds(generation) - nowSeconds + CODE_GRACE_SECONDS);
        store.put(CODE + hash, codeTtl, Map.of("a", attempt.id(), "r", attempt.realmId()));
        store.put(GENERATION_CODE + attempt.id() + ":" + generation, attemptTtl, Map.of("h", hash));
        if (generation > 0) {
            removeCodeOf(attempt.id(), generation - 1);
        }
        return code;
    }

    /**
     * @param id an attempt id
     * @return the attempt, or null when unknown, consumed or gone
     */
    public QrAttempt find(String id) {
        return id == null ? null : QrAttempt.fromNotes(id, store.get(ATTEMPT + id));
    }

    /**
     * @param code a QR code as scanned (shape already checked)
     * @return what it points to, or null when unknown, rotated out or used
     */
    public CodeRef findCode(String code) {
        Map<String, String> notes = store.get(CODE + QrSecrets.hash(code));
        if (notes == null || notes.get("a") == null || notes.get("r") == null) {
            return null;
        }
        return new CodeRef(notes.get("a"), notes.get("r"));
    }

    /**
     * @param realmId the tenant (short codes are only unique per tenant)
     * @param shortCode a normalized short code
     * @return the attempt id, or null
     */
    public String findShortCode(String realmId, String shortCode) {
        Map<String, String> notes = store.get(SHORT + realmId + ":" + QrSecrets.hash(shortCode));
        return notes == null ? null : notes.get("a");
    }

    /**
     * @param id an attempt id
     * @return the decision, or null while there is none (or it is being written)
     */
    public QrOutcome outcome(String id) {
        return QrOutcome.fromNotes(store.get(OUTCOME + id));
    }

    /**
     * Records a decision if none exists yet, then retires the attempt's QR and short codes (a decided attempt can
     * no longer be scanned).
     *
     * @param attempt the attempt
     * @param outcome the decision
     * @param nowSeconds epoch seconds
     * @return true when this decision won; false when another one was first
     */
    public boolean decide(QrAttempt attempt, QrOutcome outcome, long nowSeconds) {
        long ttl = Math.max(1, attempt.expiresAt() - nowSeconds + GRACE_SECONDS);
        if (!store.putIfAbsent(DECIDED + attempt.id(), ttl)) {
            return false;
        }
        store.put(OUTCOME + attempt.id(), ttl, outcome.toNotes());
        retireCodes(attempt, nowSeconds);
        return true;
    }

    /**
     * Single use: removes the attempt; only one caller ever gets true.
     *
     * @param attempt the approved attempt
     * @return whether this caller consumed it
     */
    public boolean consume(QrAttempt attempt) {
        return store.remove(ATTEMPT + attempt.id()) != null;
    }

    /**
     * Drops an attempt the waiting page no longer shows (page reloaded or started over) and its codes.
     *
     * @param id the attempt id, may be null
     * @param nowSeconds epoch seconds
     */
    public void discard(String id, long nowSeconds) {
        if (id == null) {
            return;
        }
        QrAttempt attempt = QrAttempt.fromNotes(id, store.remove(ATTEMPT + id));
        if (attempt != null) {
            retireCodes(attempt, nowSeconds);
        }
    }

    private void retireCodes(QrAttempt attempt, long nowSeconds) {
        long current = attempt.generationAt(Math.min(nowSeconds, attempt.expiresAt()));
        for (long g = Math.max(0, current - 1); g <= current; g++) {
            removeCodeOf(attempt.id(), g);
        }
        if (attempt.shortCodeHash() != null) {
            store.remove(SHORT + attempt.realmId() + ":" + attempt.shortCodeHash());
        }
    }

    private void removeCodeOf(String id, long generation) {
        Map<String, String> previous = store.get(GENERATION_CODE + id + ":" + generation);
        if (previous != null && previous.get("h") != null) {
            store.remove(CODE + previous.get("h"));
        }
    }
}
