package io.usso.keycloak.webhooks.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OutboundHttpException;
import io.usso.keycloak.common.http.OutboundHttpGuard;
import io.usso.keycloak.common.http.OutboundPolicy;
import io.usso.keycloak.common.http.OutboundRequest;
import io.usso.keycloak.common.http.OutboundResponse;
import io.usso.keycloak.webhooks.WebhookInput;
import io.usso.keycloak.webhooks.WebhookSettings;
import io.usso.keycloak.webhooks.signing.WebhookSignature;
import io.usso.keycloak.webhooks.signing.WebhookSigningKey;
import io.usso.keycloak.webhooks.store.WebhookAttemptEntity;
import io.usso.keycloak.webhooks.store.WebhookDeliveryEntity;
import io.usso.keycloak.webhooks.store.WebhookStore;
import io.usso.keycloak.webhooks.store.WebhookSubscriptionEntity;

/**
 * Delivers the outbox on every node: every {@link WebhookSettings#pollInterval()} (and at once when a request that
 * wrote rows commits) it looks for due rows, claims each with one conditional update (only one node wins a row),
 * sends it outside any database transaction through the {@link OutboundHttpGuard}, and records the attempt and the
 * decision ({@link DeliveryDecision}) in a transaction of its own, fenced by its claim. A node that dies while holding
 * a claim loses it when the claim expires (attempt timeout + 30 s); the row is then sent again (at-least-once:
 * receivers deduplicate on {@code webhook-id}).
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int SENDERS = 4;
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

    private final KeycloakSessionFactory factory;
    private final WebhookSettings settings;
    private final OutboundHttpGuard guard;
    private final String node;
    private final ScheduledExecutorService poller;
    private final ExecutorService senders;
    private final Semaphore free = new Semaphore(SENDERS);
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    /**
     * @param factory the session factory (each step runs in a session of its own)
     * @param settings the operator's options
     * @param guard the outbound guard
     */
    public DeliveryWorker(KeycloakSessionFactory factory, WebhookSettings settings, OutboundHttpGuard guard) {
        this.factory = factory;
        this.settings = settings;
        this.guard = guard;
        this.node = nodeName();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "usso-webhooks-poller"));
        this.senders = Executors.newFixedThreadPool(SENDERS, r -> daemon(r, "usso-webhooks-sender"));
    }

    /** Starts polling (first run after a few seconds, when the server has started). */
    public void start() {
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, Math.max(every, 3000), every, TimeUnit.MILLISECONDS);
    }

    /** Looks for due rows now (after a commit that wrote some); several nudges in a row run once. */
    public void nudge() {
        if (!closed && nudged.compareAndSet(false, true)) {
            try {
                poller.execute(() -> {
                    nudged.set(false);
                    pollSafely();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                nudged.set(false);
            }
        }
    }

    /** @return this node's name in claims */
    public String node() {
        return node;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.debugf("webhook poll failed: %s", e.getClass().getSimpleName());
        }
    }

    private void poll() {
        if (closed || free.availablePermits() == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        List<String> due = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                s -> new WebhookStore(s).due(now, SENDERS * 4));
        for (String id : due) {
            if (!free.tryAcquire()) {
                return;
            }
            long claimedAt = System.currentTimeMillis();
            long until = claimedAt + settings.timeout().toMillis() + CLAIM_MARGIN.toMillis();
            boolean won = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    s -> new WebhookStore(s).claim(id, node, claimedAt, until));
            if (!won) {
                free.release();
                continue;
            }
            senders.execute(() -> {
                try {
                    deliver(id);
                } catch (RuntimeException e) {
                    LOG.debugf("webhook delivery %s failed: %s", id, e.getClass().getSimpleName());
                } finally {
                    free.release();
                }
            });
        }
    }

    /** What one attempt sends, read in a short transaction. */
    private record Prepared(String url, Map<String, String> headers, byte[] body, int attempts, long createdAt) {
    }

    private void deliver(String id) {
        Prepared prepared = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> prepare(
                new WebhookStore(s), id));
        if (prepared == null) {
            return;
        }
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        boolean refused = false;
        Duration retryAfter = null;
        try {
            OutboundResponse response = guard.send(OutboundRequest.post(prepared.url(), prepared.headers(),
                    prepared.body(), "application/json"), policyFor(prepared.url()));
            status = response.status();
            retryAfter = RetryAfter.parse(response.header("retry-after"), Instant.now());
        } catch (OutboundHttpException e) {
            error = e.reason().code();
            refused = e.reason().refusal() && e.reason() != OutboundHttpException.Reason.REDIRECT_REFUSED;
            if (e.reason() == OutboundHttpException.Reason.REDIRECT_REFUSED) {
                status = 300;
            }
        }
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long now = System.currentTimeMillis();
        DeliveryDecision decision = DeliveryDecision.decide(status, refused, retryAfter, prepared.attempts() + 1,
                prepared.createdAt(), now, settings.maxAge(), settings.backoff(), random::nextDouble);
        Integer answered = status;
        String failure = error;
        KeycloakModelUtils.runJobInTransaction(factory, s -> record(new WebhookStore(s), id, answered, failure,
                latency, now, decision));
    }

    private Prepared prepare(WebhookStore store, String id) {
        WebhookDeliveryEntity row = store.em().find(WebhookDeliveryEntity.class, id);
        if (row == null || !WebhookStore.PENDING.equals(row.getStatus()) || !node.equals(row.getClaimedBy())) {
            return null;
        }
        WebhookSubscriptionEntity subscription = store.em().find(WebhookSubscriptionEntity.class,
                row.getSubscriptionId());
        if (subscription == null || !subscription.isActive()) {
            row.setStatus(WebhookStore.CANCELLED);
            row.setClaimedBy(null);
            row.setClaimedUntil(null);
            row.setDoneAt(System.currentTimeMillis());
            return null;
        }
        long timestamp = System.currentTimeMillis() / 1000;
        byte[] body = row.getPayload().getBytes(StandardCharsets.UTF_8);
        List<String> secrets = new ArrayList<>();
        secrets.add(subscription.getSecret());
        if (subscription.getPreviousSecret() != null && subscription.getPreviousSecretUntil() != null
                && subscription.getPreviousSecretUntil() > timestamp) {
            secrets.add(subscription.getPreviousSecret());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSignature.HEADER_ID, row.getId());
        headers.put(WebhookSignature.HEADER_TIMESTAMP, Long.toString(timestamp));
        headers.put(WebhookSignature.HEADER_SIGNATURE, WebhookInput.ED25519.equals(subscription.getSigning())
                ? secrets.stream().map(k -> WebhookSigningKey.v1a(k, row.getId(), timestamp, body))
                        .collect(java.util.stream.Collectors.joining(" "))
                : WebhookSignature.header(secrets, row.getId(), timestamp, body));
        return new Prepared(subscription.getUrl(), headers, body, row.getAttempts(), row.getCreatedAt());
    }

    private void record(WebhookStore store, String id, Integer status, String error, long latency, long now,
            DeliveryDecision decision) {
        WebhookDeliveryEntity row = store.em().find(WebhookDeliveryEntity.class, id);
        if (row == null || !node.equals(row.getClaimedBy())) {
            return; // deleted meanwhile, or the claim expired and another node took it
        }
        WebhookAttemptEntity attempt = new WebhookAttemptEntity();
        attempt.setId(UUID.randomUUID().toString());
        attempt.setRealmId(row.getRealmId());
        attempt.setSubscriptionId(row.getSubscriptionId());
        attempt.setDeliveryId(row.getId());
        attempt.setAttemptedAt(now);
        attempt.setHttpStatus(status);
        attempt.setError(error);
        attempt.setLatencyMs(latency);
        attempt.setNode(node);
        store.em().persist(attempt);
        row.setAttempts(row.getAttempts() + 1);
        row.setLastStatus(status);
        row.setLastError(error);
        row.setClaimedBy(null);
        row.setClaimedUntil(null);
        switch (decision.outcome()) {
            case DELIVERED -> {
                row.setStatus(WebhookStore.DELIVERED);
                row.setDoneAt(now);
            }
            case RETRY -> row.setNextAttemptAt(decision.nextAttemptAt());
            case DEAD -> {
                row.setStatus(WebhookStore.DEAD);
                row.setDoneAt(now);
            }
            case DISABLE -> {
                row.setStatus(WebhookStore.DEAD);
                row.setDoneAt(now);
                WebhookSubscriptionEntity subscription = store.em().find(WebhookSubscriptionEntity.class,
                        row.getSubscriptionId());
                if (subscription != null) {
                    subscription.setActive(false);
                    subscription.setDisabledReason("receiver_gone_410");
                    subscription.setUpdatedAt(now / 1000);
                    LOG.infof("webhook %s of realm %s disabled: its receiver answered 410 Gone",
                            subscription.getId(), subscription.getRealmId());
                }
            }
            default -> throw new IllegalStateException("unknown outcome");
        }
    }

    /** The webhook's own host and port only; the guard still refuses non-public addresses the operator did not allow. */
    private OutboundPolicy policyFor(String url) {
        AllowList hosts;
        try {
            URI uri = new URI(url);
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            hosts = AllowList.parse(uri.getHost() + ":" + port);
        } catch (java.net.URISyntaxException | RuntimeException e) {
            hosts = AllowList.none();
        }
        return OutboundPolicy.allowing(hosts).withTotalTimeout(settings.timeout())
                .withConnectTimeout(Duration.ofMillis(Math.min(5000, settings.timeout().toMillis())))
                .withMaxResponseBytes(4096);
    }

    private static String nodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        String name = host.length() > 27 ? host.substring(0, 27) : host;
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        poller.shutdownNow();
        senders.shutdown();
    }
}
