package io.usso.keycloak.webhooks.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.usso.keycloak.webhooks.WebhookEventTypes;
import io.usso.keycloak.webhooks.WebhookInput;
import io.usso.keycloak.webhooks.store.WebhookAttemptEntity;
import io.usso.keycloak.webhooks.store.WebhookDeliveryEntity;
import io.usso.keycloak.webhooks.store.WebhookSubscriptionEntity;

/** The JSON views of subscriptions and deliveries. The secret appears only in answers that issue it. */
final class WebhookJson {

    private WebhookJson() {
    }

    static Map<String, Object> subscription(WebhookSubscriptionEntity s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.getId());
        out.put("url", s.getUrl());
        out.put("description", s.getDescription());
        out.put("event_types", new ArrayList<>(WebhookEventTypes.parse(s.getEventTypes())));
        out.put("active", s.isActive());
        out.put("disabled_reason", s.getDisabledReason());
        out.put("signing", s.getSigning());
        out.put("public_key", s.getPublicKey());
        out.put("created_at", s.getCreatedAt());
        out.put("updated_at", s.getUpdatedAt());
        out.put("previous_secret_valid_until", s.getPreviousSecretUntil());
        return out;
    }

    /** With the HMAC secret (shown once); an Ed25519 subscription's private key is never shown. */
    static Map<String, Object> withSecret(WebhookSubscriptionEntity s) {
        Map<String, Object> out = subscription(s);
        if (WebhookInput.HMAC.equals(s.getSigning())) {
            out.put("secret", s.getSecret());
        }
        return out;
    }

    static Map<String, Object> delivery(WebhookDeliveryEntity d, List<WebhookAttemptEntity> attempts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.getId());
        out.put("event_id", d.getEventId());
        out.put("type", d.getEventType());
        out.put("status", d.getStatus());
        out.put("attempts", d.getAttempts());
        out.put("created_at", Instant.ofEpochMilli(d.getCreatedAt()).toString());
        out.put("next_attempt_at", "PENDING".equals(d.getStatus())
                ? Instant.ofEpochMilli(d.getNextAttemptAt()).toString() : null);
        out.put("last_status", d.getLastStatus());
        out.put("last_error", d.getLastError());
        out.put("done_at", d.getDoneAt() == null ? null : Instant.ofEpochMilli(d.getDoneAt()).toString());
        List<Map<String, Object>> log = new ArrayList<>();
        for (WebhookAttemptEntity a : attempts) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", Instant.ofEpochMilli(a.getAttemptedAt()).toString());
            item.put("http_status", a.getHttpStatus());
            item.put("error", a.getError());
            item.put("latency_ms", a.getLatencyMs());
            log.add(item);
        }
        out.put("attempt_log", log);
        return out;
    }
}
