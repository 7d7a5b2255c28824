package io.usso.keycloak.apikeys.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.store.ApiKeyEntity;
import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.apikeys.verify.ApiKeySnapshot;

/**
 * Response shapes of the API key endpoints. Bodies are serialised here (own mapper: {@code null} values are
 * kept, e.g. {@code "expires_at": null}); times are epoch seconds. No shape ever holds the key hash; only
 * {@link #created} holds the key.
 */
public final class ApiKeyJson {

    /** Error code: a verify call with a key that does not work, for whatever reason. */
    public static final String INVALID_API_KEY = "invalid_api_key";
    /** The one description of {@link #INVALID_API_KEY}, identical for every reason. */
    public static final String INVALID_API_KEY_DESCRIPTION = "The API key is invalid, expired or revoked.";
    /** Description of the 503 without pepper. */
    public static final String NO_PEPPER_DESCRIPTION =
            "API keys are not configured on this server (pepper missing)";
    /** {@code token_type} of a verify answer: one of the kinds USSO's SDKs know (they refuse others). */
    public static final String VERIFIED_TOKEN_TYPE = "access";
    /** {@code session_type} (and {@code amr}) of a verify answer: USSO's name for a session of key use. */
    public static final String SESSION_TYPE_API_KEY = "api_key";

    /** Error code of the 429 of the verify endpoint. */
    public static final String TOO_MANY_REQUESTS = "too_many_requests";
    /** Description of {@link #TOO_MANY_REQUESTS}. */
    public static final String TOO_MANY_REQUESTS_DESCRIPTION =
            "Too many failed API-key verifications; retry later";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ApiKeyJson() {
    }

    /**
     * @param status HTTP status
     * @param error machine-readable code
     * @param description client-safe text, or null to leave it out
     * @return a JSON error response, not cached
     */
    public static JsonReply error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return json(status, body);
    }

    /** @return 401 {@value #INVALID_API_KEY}, the same for every failed verification */
    public static JsonReply invalidApiKey() {
        return error(401, INVALID_API_KEY, INVALID_API_KEY_DESCRIPTION);
    }

    /** @return 429 when failed verifications reached a limit (the caller adds {@code Retry-After}) */
    public static JsonReply tooManyRequests() {
        return error(429, TOO_MANY_REQUESTS, TOO_MANY_REQUESTS_DESCRIPTION);
    }

    /** @return 503 when the server has no (valid) pepper */
    public static JsonReply notConfigured() {
        return error(503, "temporarily_unavailable", NO_PEPPER_DESCRIPTION);
    }

    /** @return 404 for a key the caller has no access to (unknown, revoked, another owner's) */
    public static JsonReply notFound() {
        return error(404, "not_found", "No such API key");
    }

    /** @return 404 for a tenant with API keys switched off */
    public static JsonReply disabled() {
        return error(404, "not_found", null);
    }

    /**
     * @param status HTTP status
     * @param body a map or list of plain values
     * @return the JSON reply
     */
    public static JsonReply json(int status, Object body) {
        return new JsonReply(status, write(body), Map.of());
    }

    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a response body", e);
        }
    }

    /**
     * The creation response (201): the only place the key appears.
     *
     * @param entity the stored row
     * @param apiKey the generated key
     * @return the body
     */
    public static Map<String, Object> created(ApiKeyEntity entity, String apiKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", entity.getId());
        body.put("name", entity.getName());
        body.put("api_key", apiKey);
        body.put("display_prefix", entity.getDisplayPrefix());
        body.put("masked", ApiKeyFormat.mask(entity.getDisplayPrefix()));
        body.put("scopes", splitScopes(entity.getScopes()));
        body.put("created_at", seconds(entity.getCreatedAt()));
        body.put("expires_at", seconds(entity.getExpiresAt()));
        return body;
    }

    /**
     * The rotation response (201): {@link #created} of the new key plus the old key's id and new expiry.
     *
     * @param entity the new key's row
     * @param apiKey the new key
     * @param oldId the rotated-out key's id
     * @param oldExpiresAt the old key's expiry in epoch milliseconds, null when it was revoked at once
     * @return the body
     */
    public static Map<String, Object> rotated(ApiKeyEntity entity, String apiKey, String oldId, Long oldExpiresAt) {
        Map<String, Object> body = created(entity, apiKey);
        body.put("replaces", oldId);
        body.put("old_key_expires_at", seconds(oldExpiresAt));
        return body;
    }

    /**
     * One element of the list response.
     *
     * @param entity the stored row
     * @return the body, without key or hash
     */
    public static Map<String, Object> listItem(ApiKeyEntity entity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", entity.getId());
        body.put("name", entity.getName());
        body.put("display_prefix", entity.getDisplayPrefix());
        body.put("masked", ApiKeyFormat.mask(entity.getDisplayPrefix()));
        body.put("scopes", splitScopes(entity.getScopes()));
        body.put("created_at", seconds(entity.getCreatedAt()));
        body.put("expires_at", seconds(entity.getExpiresAt()));
        body.put("last_used_at", seconds(entity.getLastUsedAt()));
        body.put("usage_count", entity.getUsageCount());
        body.put("revoked", entity.isRevoked());
        return body;
    }

    /**
     * The successful verify response, in the shape of USSO's {@code UserData} (what its SDKs parse: {@code sub},
     * {@code tenant_id}, {@code roles} and {@code scopes} as string lists, {@code iat}/{@code exp} as epoch seconds or
     * null, {@code token_type} one of the SDK's kinds). {@code token_type} is {@code access}: the key stands for an
     * access token of its owner. That it is a key, not a token, shows in fields the SDKs keep as extra claims:
     * {@code session_type=api_key} (USSO's own session type of key use), {@code amr=["api_key"]} and
     * {@code api_key_id}.
     *
     * @param key the key
     * @param userId owner id
     * @param username owner username
     * @param tenantId realm name
     * @param issuer the realm's issuer URL, or null when unknown
     * @param roles effective realm role names, sorted
     * @param scopes effective scopes, sorted
     * @return the body
     */
    public static Map<String, Object> verified(ApiKeySnapshot key, String userId, String username, String tenantId,
            String issuer, List<String> roles, List<String> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (issuer != null) {
            body.put("iss", issuer);
        }
        body.put("sub", userId);
        body.put("user_id", userId);
        body.put("tenant_id", tenantId);
        body.put("token_type", VERIFIED_TOKEN_TYPE);
        body.put("session_type", SESSION_TYPE_API_KEY);
        body.put("amr", List.of(SESSION_TYPE_API_KEY));
        body.put("roles", roles);
        body.put("scopes", scopes);
        body.put("api_key_id", key.id());
        body.put("exp", seconds(key.expiresAt()));
        body.put("iat", seconds(key.createdAt()));
        body.put("username", username);
        body.put("user_name", username);
        return body;
    }

    /**
     * @param stored the space-separated scopes of a row, may be null
     * @return the scope strings in stored order
     */
    public static List<String> splitScopes(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList(stored.strip().split(" +")));
    }

    /**
     * @param millis epoch milliseconds, may be null
     * @return epoch seconds, or null
     */
    public static Long seconds(Long millis) {
        return millis == null ? null : Math.floorDiv(millis, 1000L);
    }
}
