package io.usso.keycloak.webhooks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a subscription request, checked: {@code url} ({@link WebhookUrlRule}), {@code event_types} (1 to
 * {@value WebhookEventTypes#MAX_TYPES} of {@link WebhookEventTypes}), {@code active} (boolean), {@code description}
 * (at most {@value #MAX_DESCRIPTION} characters, no control characters). Unknown fields are refused so that a typo
 * does not pass silently.
 *
 * @param url the URL, or null when absent (an update keeps the old one)
 * @param eventTypes the types, or null when absent
 * @param active the flag, or null when absent
 * @param description the description, or null when absent ("" clears it)
 * @param signing {@value #HMAC} or {@value #ED25519}, or null when absent (creation: {@value #HMAC})
 */
public record WebhookInput(String url, Set<String> eventTypes, Boolean active, String description, String signing) {

    /** Signing with a shared secret ({@code v1}). */
    public static final String HMAC = "hmac";
    /** Signing with an Ed25519 key whose public half is published ({@code v1a}). */
    public static final String ED25519 = "ed25519";

    /** Largest request body. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Longest description. */
    public static final int MAX_DESCRIPTION = 255;

    private static final Set<String> FIELDS = Set.of("url", "event_types", "active", "description",
            "signing");

    /** Keeps a read-only copy of the types, in their order. */
    public WebhookInput {
        eventTypes = eventTypes == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(eventTypes));
    }

    /**
     * @param body the JSON object
     * @return its fields, checked for form (the URL rule is applied by the caller, it needs the operator's settings)
     * @throws WebhookInputException (400) for bad input
     */
    public static WebhookInput parse(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw WebhookInputException.invalid("unknown field: "
                        + (name.length() > 40 || !name.matches("[A-Za-z0-9_.-]*") ? "(name not shown)" : name));
            }
        }
        JsonNode active = body.get("active");
        return new WebhookInput(text(body, "url", WebhookUrlRule.MAX_LENGTH), types(body.get("event_types")),
                active == null || active.isNull() ? null : Boolean.valueOf(bool(active)), description(body),
                signing(body));
    }

    private static String text(JsonNode body, String name, int max) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw WebhookInputException.invalid(name + " must be a string");
        }
        String value = node.asText();
        if (value.length() > max) {
            throw WebhookInputException.invalid(name + " is longer than " + max + " characters");
        }
        return value;
    }

    private static String signing(JsonNode body) {
        String value = text(body, "signing", 16);
        if (value != null && !value.equals(HMAC) && !value.equals(ED25519)) {
            throw WebhookInputException.invalid("signing must be \"" + HMAC + "\" or \"" + ED25519 + "\"");
        }
        return value;
    }

    private static String description(JsonNode body) {
        String value = text(body, "description", MAX_DESCRIPTION);
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw WebhookInputException.invalid("description must not contain control characters");
        }
        return value == null ? null : value.strip();
    }

    private static boolean bool(JsonNode node) {
        if (!node.isBoolean()) {
            throw WebhookInputException.invalid("active must be true or false");
        }
        return node.booleanValue();
    }

    private static Set<String> types(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > WebhookEventTypes.MAX_TYPES) {
            throw WebhookInputException.invalid("event_types must be a list of 1 to " + WebhookEventTypes.MAX_TYPES
                    + " event types");
        }
        Set<String> out = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || !WebhookEventTypes.valid(item.asText())) {
                bad.add(item.isTextual() && item.asText().length() <= 40 && item.asText().matches("[A-Za-z0-9_:.*-]*")
                        ? item.asText() : "(value not shown)");
            } else {
                out.add(item.asText());
            }
        }
        if (!bad.isEmpty()) {
            throw WebhookInputException.invalid("unknown event types " + bad + "; known: "
                    + WebhookEventTypes.USER_EVENTS + ", admin:<RESOURCE_TYPE>, admin:*");
        }
        return out;
    }
}
