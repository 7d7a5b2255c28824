package io.usso.keycloak.common.wait;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.usso.keycloak.common.JsonReply;

/**
 * Long polls that wait without a thread: a status request that must wait hands the hub a {@link Check} and returns
 * the hub's {@link CompletionStage} (resumed into a JAX-RS {@code AsyncResponse}), which frees the worker thread; one timer thread per hub re-reads the
 * state of every waiting request every {@link WaitLimits#recheckMillis()} ms, all of them in one Keycloak session and
 * transaction per tick, and answers each as soon as its check has an answer or its time is up. So 10,000 waiting
 * browsers cost 10,000 small objects, not 10,000 threads, and never starve the HTTP worker pool.
 *
 * <p>Caps: {@link WaitLimits#total()} on this node and {@link WaitLimits#perAddress()} per client address key
 * ({@code ClientAddress.limitKey}); beyond them {@link #await} returns null and the caller answers at once (the
 * page falls back to plain polling). The registry of waiting requests is node-local by nature (each is an open
 * connection to this node); the state they wait for lives in Keycloak's cluster-wide stores, so a change made on
 * another node is seen at the next tick.
 *
 * <p>Answers are sent after the tick's transaction commits (a check may write, e.g. issue the next QR code).
 */
public final class LongPollHub {

    /** What a waiting request waits for. */
    @FunctionalInterface
    public interface Check {
        /**
         * @param session a session of the hub's timer thread, its context set to the waiter's realm and connection
         * @param nowMillis the tick's time
         * @return the answer when there is one, or null to keep waiting
         */
        JsonReply answer(KeycloakSession session, long nowMillis);
    }

    private static final Logger LOG = Logger.getLogger(LongPollHub.class);

    private static final class Waiter {
        final long id;
        final String realmId;
        final String address;
        final long deadline;
        final CapturedConnection connection;
        final Check check;
        final Check onTimeout;
        final CompletableFuture<JsonReply> future = new CompletableFuture<>();

        Waiter(long id, String realmId, String address, long deadline, CapturedConnection connection, Check check,
                Check onTimeout) {
            this.id = id;
            this.realmId = realmId;
            this.address = address;
            this.deadline = deadline;
            this.connection = connection;
            this.check = check;
            this.onTimeout = onTimeout;
        }
    }

    private final String name;
    private final WaitLimits limits;
    private final Map<Long, Waiter> waiting = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile KeycloakSessionFactory factory;
    private volatile ScheduledExecutorService timer;

    /**
     * @param name a short name for the timer thread and logs (e.g. {@code qr-login})
     * @param limits caps and pace
     */
    public LongPollHub(String name, WaitLimits limits) {
        this.name = name;
        this.limits = limits;
    }

    /**
     * Starts the timer (idempotent).
     *
     * @param sessionFactory the server's session factory
     */
    public synchronized void start(KeycloakSessionFactory sessionFactory) {
        this.factory = sessionFactory;
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "usso-long-poll-" + name);
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::tickSafely, limits.recheckMillis(), limits.recheckMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the timer and answers every waiting request with 503 (the page polls again). */
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        for (Waiter waiter : new ArrayList<>(waiting.values())) {
            finish(waiter, JsonReply.error(503, "temporarily_unavailable", "The server is stopping; try again"));
        }
    }

    /**
     * @param realmId the waiter's tenant
     * @param addressKey the caller's address key, may be null (counted as one unknown address)
     * @param waitMillis how long the request may wait at most
     * @param connection the request's connection, for events written by checks
     * @param check what the request waits for
     * @param onTimeout the answer when the wait is over without one
     * @return the answer to come, or null when a cap is reached or the hub is not running (answer at once)
     */
    public CompletionStage<JsonReply> await(String realmId, String addressKey, long waitMillis,
            CapturedConnection connection, Check check, Check onTimeout) {
        if (factory == null || timer == null || waitMillis <= 0) {
            return null;
        }
        String address = addressKey == null ? "-" : addressKey;
        if (total.incrementAndGet() > limits.total()) {
            total.decrementAndGet();
            refused.incrementAndGet();
            return null;
        }
        boolean[] admitted = new boolean[1];
        perAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < limits.perAddress();
            if (admitted[0]) {
                return now + 1;
            }
            return count;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            refused.incrementAndGet();
            return null;
        }
        Waiter waiter = new Waiter(ids.incrementAndGet(), realmId, address, System.currentTimeMillis() + waitMillis,
                connection, check, onTimeout);
        waiting.put(waiter.id, waiter);
        return waiter.future;
    }

    /** @return requests waiting now */
    public int waiting() {
        return total.get();
    }

    /** @return requests answered by the hub since start */
    public long answered() {
        return answered.get();
    }

    /** @return requests that could not wait because a cap was reached */
    public long refused() {
        return refused.get();
    }

    /** @return the caps */
    public WaitLimits limits() {
        return limits;
    }

    private void tickSafely() {
        try {
            tick(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warnf("long polls (%s): tick failed: %s", name, e.toString());
        }
    }

    /**
     * Reads the state of every waiting request once and answers those that are done.
     *
     * @param nowMillis the time of the tick
     */
    void tick(long nowMillis) {
        if (waiting.isEmpty()) {
            return;
        }
        List<Waiter> batch = new ArrayList<>(waiting.values());
        Map<Waiter, JsonReply> done = new ConcurrentHashMap<>();
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                for (Waiter waiter : batch) {
                    JsonReply reply = answer(session, waiter, nowMillis);
                    if (reply != null) {
                        done.put(waiter, reply);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf("long polls (%s): a tick's transaction failed: %s", name, e.toString());
            JsonReply unavailable = JsonReply.error(503, "temporarily_unavailable", "Status not available; poll again");
            for (Waiter waiter : batch) {
                done.put(waiter, unavailable);
            }
        }
        done.forEach(this::finish);
    }

    private JsonReply answer(KeycloakSession session, Waiter waiter, long nowMillis) {
        if (waiter.future.isDone()) {
            return JsonReply.error(499, "cancelled", "The request went away");
        }
        try {
            RealmModel realm = session.realms().getRealm(waiter.realmId);
            if (realm == null) {
                return JsonReply.error(404, "not_found", "Unknown tenant");
            }
            session.getContext().setRealm(realm);
            session.getContext().setConnection(waiter.connection);
            JsonReply reply = waiter.check.answer(session, nowMillis);
            if (reply == null && nowMillis >= waiter.deadline) {
                reply = waiter.onTimeout.answer(session, nowMillis);
            }
            return reply;
        } catch (RuntimeException e) {
            LOG.debugf("long polls (%s): check failed: %s", name, e.toString());
            return JsonReply.error(503, "temporarily_unavailable", "Status not available; poll again");
        }
    }

    private void finish(Waiter waiter, JsonReply reply) {
        if (waiting.remove(waiter.id) == null) {
            return;
        }
        total.decrementAndGet();
        perAddress.computeIfPresent(waiter.address, (key, count) -> count <= 1 ? null : count - 1);
        answered.incrementAndGet();
        waiter.future.complete(reply);
    }
}
