package io.usso.keycloak.apikeys.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.usso.keycloak.apikeys.ApiKeyConfig;
import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.apikeys.ApiKeyScopes;
import io.usso.keycloak.common.UssoScope;

/**
 * Turns request bodies into validated requests, or an {@link ApiKeyRequestException} whose code and message go
 * into a 400 response. Never echoes an API key.
 */
public final class ApiKeyRequests {

    /** Error code: the body is not what the endpoint expects. */
    public static final String INVALID_REQUEST = "invalid_request";
    /** Largest accepted body, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Longest key name, in characters. */
    public static final int MAX_NAME_LENGTH = 255;

    private ApiKeyRequests() {
    }

    /**
     * A validated creation request.
     *
     * @param name the key name (stripped, 1..255 characters)
     * @param scopes the requested scopes, parsed (not yet checked against the owner)
     * @param expiresInDays the requested lifetime in days, null for the tenant default
     */
    public record CreateRequest(String name, List<UssoScope> scopes, Integer expiresInDays) {
    }

    /**
     * Reads a body, at most {@value #MAX_BODY_BYTES} bytes, as strict UTF-8.
     *
     * @param in the body, may be null
     * @return the text ("" for no body)
     * @throws ApiKeyRequestException when the body is too large or not UTF-8
     */
    public static String readBody(InputStream in) {
        if (in == null) {
            return "";
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw invalid("The request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("The request body is not valid UTF-8");
        } catch (IOException e) {
            throw invalid("The request body could not be read");
        }
    }

    /**
     * Parses {@code {"name": ..., "scopes": [...], "expires_in_days": n}}.
     *
     * @param body the request body
     * @return the validated request
     * @throws ApiKeyRequestException {@value #INVALID_REQUEST} (shape, name),
     *         {@value ApiKeyRequestException#INVALID_SCOPE} (scopes),
     *         {@value ApiKeyRequestException#INVALID_LIFETIME} (expires_in_days)
     */
    public static CreateRequest parseCreate(String body) {
        JsonNode root = parseObject(body);

        JsonNode nameNode = root.get("name");
        if (nameNode == null || nameNode.isNull()) {
            throw invalid("name is required");
        }
        if (!nameNode.isTextual()) {
            throw invalid("name must be a string");
        }
        String name = nameNode.textValue().strip();
        if (name.isEmpty()) {
            throw invalid("name must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw invalid("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw invalid("name must not contain control characters");
            }
        }

        JsonNode scopesNode = root.get("scopes");
        List<String> rawScopes = new ArrayList<>();
        if (scopesNode != null && !scopesNode.isNull()) {
            if (!scopesNode.isArray()) {
                throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_SCOPE,
                        "scopes must be an array of strings");
            }
            if (scopesNode.size() > ApiKeyScopes.MAX_SCOPES) {
                throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_SCOPE,
                        "An API key can carry at most " + ApiKeyScopes.MAX_SCOPES + " scopes");
            }
            for (JsonNode element : scopesNode) {
                // Non-strings become null, which parseRequested reports by index.
                rawScopes.add(element.isTextual() ? element.textValue() : null);
            }
        }
        List<UssoScope> scopes = ApiKeyScopes.parseRequested(rawScopes);

        Integer days = null;
        JsonNode daysNode = root.get("expires_in_days");
        if (daysNode != null && !daysNode.isNull()) {
            if (!daysNode.isIntegralNumber()) {
                throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_LIFETIME,
                        "expires_in_days must be a whole number of days");
            }
            if (!daysNode.canConvertToInt() || daysNode.intValue() < 1
                    || daysNode.intValue() > ApiKeyConfig.LIFETIME_DAYS_LIMIT) {
                throw new ApiKeyRequestException(ApiKeyRequestException.INVALID_LIFETIME,
                        "expires_in_days must be between 1 and " + ApiKeyConfig.LIFETIME_DAYS_LIMIT);
            }
            days = daysNode.intValue();
        }
        return new CreateRequest(name, scopes, days);
    }

    /**
     * Parses the optional body of a rotation, {@code {"grace_seconds": n}}.
     *
     * @param body the request body; empty or blank means no grace
     * @return the requested grace in seconds, null when none was requested (absent body, absent or null field);
     *         an integer beyond {@code long} is returned as {@link Long#MAX_VALUE} (the tenant maximum clamps it)
     * @throws ApiKeyRequestException {@value #INVALID_REQUEST} when a non-empty body is not a JSON object, or
     *         {@code grace_seconds} is not an integer or is negative
     */
    public static Long parseRotateGraceSeconds(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode grace = parseObject(body).get("grace_seconds");
        if (grace == null || grace.isNull()) {
            return null;
        }
        if (!grace.isIntegralNumber()) {
            throw invalid("grace_seconds must be a whole number of seconds");
        }
        if (grace.bigIntegerValue().signum() < 0) {
            throw invalid("grace_seconds must not be negative");
        }
        return grace.canConvertToLong() ? grace.longValue() : Long.MAX_VALUE;
    }

    /**
     * The key presented to the verify endpoint: {@code api_key} of a JSON body, else the {@code x-api-key}
     * header.
     *
     * @param body the request body, may be empty
     * @param header the {@code x-api-key} header, may be null
     * @return the presented key, or null when none was presented
     * @throws ApiKeyRequestException {@value #INVALID_REQUEST} when a non-empty body is not a JSON object or its
     *         {@code api_key} is not a string
     */
    public static String presentedKey(String body, String header) {
        if (body != null && !body.isBlank()) {
            JsonNode root = parseObject(body);
            JsonNode key = root.get("api_key");
            if (key != null && !key.isNull()) {
                if (!key.isTextual()) {
                    throw invalid("api_key must be a string");
                }
                return key.textValue();
            }
        }
        return header == null || header.isEmpty() ? null : header;
    }

    private static JsonNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("The request body must be a JSON object");
        }
        JsonNode root;
        try {
            root = ApiKeyJson.MAPPER.readTree(body);
        } catch (JsonProcessingException | RuntimeException e) {
            // Jackson messages quote the input: do not pass them on.
            throw invalid("The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("The request body must be a JSON object");
        }
        return root;
    }

    private static ApiKeyRequestException invalid(String message) {
        return new ApiKeyRequestException(INVALID_REQUEST, message);
    }
}
