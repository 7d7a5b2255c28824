package io.usso.keycloak.telegram.bot;

import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * The bot-confirmed login's state in Keycloak's cluster-wide single-use store: the webhook (any node) and the
 * waiting page (any node) meet here. Secrets appear only as SHA-256 hashes.
 *
 * <pre>
 * usso-tg-login:{id}                 the login ({@link BotLogin}); lifetime + grace; removed when consumed
 * usso-tg-start:{realm}:{sha256(t)}  {a: id}: the deep link's one-time token t; removed by the first /start
 * usso-tg-prompt:{sha256(prompt)}    {a: id, tg: Telegram user id, u: user id}: the chat's buttons
 * usso-tg-decided:{id}               marker: a decision exists (putIfAbsent: the first decision wins)
 * usso-tg-outcome:{id}               the decision ({@link BotLoginOutcome})
 * usso-tg-update:{realm}:{alias}:{n} marker: update n of that bot was handled (each update once)
 * </pre>
 *
 * Only {@code put}, {@code putIfAbsent}, {@code get} and {@code remove} are used; {@code putIfAbsent} and
 * {@code remove} act at once and atomically, which single use and decisions rely on.
 */
public final class BotLoginStore {

    /** Seconds the entries outlive the login: a decision just in time can still be used. */
    public static final long GRACE_SECONDS = 30;
    /** How long an update id is remembered (Telegram retries an unanswered update for a while). */
    public static final long UPDATE_MEMORY_SECONDS = 24 * 3600;

    static final String LOGIN = "usso-tg-login:";
    static final String START = "usso-tg-start:";
    static final String PROMPT = "usso-tg-prompt:";
    static final String DECIDED = "usso-tg-decided:";
    static final String OUTCOME = "usso-tg-outcome:";
    static final String UPDATE = "usso-tg-update:";

    private final SingleUseObjectProvider store;

    /** @param store the session's {@code session.singleUseObjects()} */
    public BotLoginStore(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * What the waiting page gets once.
     *
     * @param login the stored login
     * @param handle the status handle (its hash is the login id)
     * @param startToken the one-time token of the deep link
     */
    public record Created(BotLogin login, String handle, String startToken) {
    }

    /**
     * The chat's side of a login, once {@code /start} found the Telegram account's user.
     *
     * @param loginId the login
     * @param telegramUserId who may press the buttons
     * @param userId the Keycloak user linked to that Telegram account
     */
    public record Prompt(String loginId, String telegramUserId, String userId) {
    }

    /**
     * @param draft the login without id (its id is ignored)
     * @param nowSeconds epoch seconds
     * @return the stored login with its secrets
     */
    public Created create(BotLogin draft, long nowSeconds) {
        String handle = BotLoginSecrets.newToken();
        String token = BotLoginSecrets.newToken();
        String id = BotLoginSecrets.hash(handle);
        BotLogin login = new BotLogin(id, draft.realmId(), draft.rootSessionId(), draft.tabId(), draft.clientId(),
                draft.idpAlias(), draft.match(), draft.device(), draft.createdAt(), draft.expiresAt());
        long ttl = ttl(login, nowSeconds);
        store.put(LOGIN + id, ttl, login.toNotes());
        store.put(START + login.realmId() + ":" + BotLoginSecrets.hash(token), ttl, Map.of("a", id));
        return new Created(login, handle, token);
    }

    /**
     * @param id a login id, may be null
     * @return the login, or null when unknown, consumed or gone
     */
    public BotLogin find(String id) {
        return id == null ? null : BotLogin.fromNotes(id, store.get(LOGIN + id));
    }

    /**
     * Single use of the deep link: the first caller gets the login id, every later one null. A token is only known
     * to its own tenant's webhook (another tenant's bot cannot spend it).
     *
     * @param realmId the tenant whose webhook received the token
     * @param token a start token (shape already checked)
     * @return the login id, or null when unknown, used or expired
     */
    public String claimStart(String realmId, String token) {
        Map<String, String> notes = store.remove(START + realmId + ":" + BotLoginSecrets.hash(token));
        return notes == null ? null : notes.get("a");
    }

    /**
     * @param login the login the chat is about
     * @param telegramUserId who may answer
     * @param userId the user linked to that Telegram account
     * @param nowSeconds epoch seconds
     * @return the prompt id to put in the buttons' callback data
     */
    public String prompt(BotLogin login, String telegramUserId, String userId, long nowSeconds) {
        String prompt = BotLoginSecrets.newToken();
        store.put(PROMPT + BotLoginSecrets.hash(prompt), ttl(login, nowSeconds),
                Map.of("a", login.id(), "tg", telegramUserId, "u", userId));
        return prompt;
    }

    /**
     * @param prompt a prompt id from callback data (shape already checked)
     * @return the prompt, or null
     */
    public Prompt findPrompt(String prompt) {
        Map<String, String> notes = store.get(PROMPT + BotLoginSecrets.hash(prompt));
        if (notes == null || notes.get("a") == null || notes.get("tg") == null || notes.get("u") == null) {
            return null;
        }
        return new Prompt(notes.get("a"), notes.get("tg"), notes.get("u"));
    }

    /**
     * @param id a login id
     * @return its decision, or null while there is none
     */
    public BotLoginOutcome outcome(String id) {
        return BotLoginOutcome.fromNotes(store.get(OUTCOME + id));
    }

    /**
     * @param login the login
     * @param outcome the decision
     * @param nowSeconds epoch seconds
     * @return true when this decision won; false when another one was first
     */
    public boolean decide(BotLogin login, BotLoginOutcome outcome, long nowSeconds) {
        long ttl = ttl(login, nowSeconds);
        if (!store.putIfAbsent(DECIDED + login.id(), ttl)) {
            return false;
        }
        store.put(OUTCOME + login.id(), ttl, outcome.toNotes());
        return true;
    }

    /**
     * Single use of the approval: removes the login; only one caller ever gets true.
     *
     * @param login the approved login
     * @return whether this caller consumed it
     */
    public boolean consume(BotLogin login) {
        return store.remove(LOGIN + login.id()) != null;
    }

    /**
     * Drops a login the page no longer shows, and decides it (so a chat still open on it cannot approve it).
     *
     * @param id the login id, may be null
     * @param nowSeconds epoch seconds
     */
    public void discard(String id, long nowSeconds) {
        BotLogin login = id == null ? null : BotLogin.fromNotes(id, store.remove(LOGIN + id));
        if (login != null) {
            decide(login, new BotLoginOutcome(BotLoginStatus.EXPIRED, null, BotLoginOutcome.EXPIRED), nowSeconds);
        }
    }

    /**
     * Each Telegram update is handled once, cluster-wide (Telegram redelivers until it gets a 2xx).
     *
     * @param realmId the tenant
     * @param alias the bot's identity provider
     * @param updateId Telegram's {@code update_id}
     * @return true the first time
     */
    public boolean firstDelivery(String realmId, String alias, long updateId) {
        return store.putIfAbsent(UPDATE + realmId + ":" + alias + ":" + updateId, UPDATE_MEMORY_SECONDS);
    }

    private static long ttl(BotLogin login, long nowSeconds) {
        return Math.max(1, login.expiresAt() - nowSeconds + GRACE_SECONDS);
    }
}
