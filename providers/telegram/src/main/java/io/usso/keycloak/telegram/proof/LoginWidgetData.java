package io.usso.keycloak.telegram.proof;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields Telegram's Login Widget returned ({@code id, first_name, last_name, username, photo_url, auth_date,
 * hash}, and whatever Telegram adds later), as received: from the {@code tgAuthResult} fragment (base64url JSON) of
 * the redirect flow, or from the query string of the {@code data-auth-url} flow. Parsing only checks the shape; the
 * signature is {@link LoginWidgetVerifier}'s job.
 */
public final class LoginWidgetData {

    /** The HMAC field. */
    public static final String HASH = "hash";
    /** The Telegram user id. */
    public static final String ID = "id";
    /** Unix time of the login. */
    public static final String AUTH_DATE = "auth_date";
    public static final String FIRST_NAME = "first_name";
    public static final String LAST_NAME = "last_name";
    public static final String USERNAME = "username";
    public static final String PHOTO_URL = "photo_url";

    /** More fields than Telegram ever sends. */
    static final int MAX_FIELDS = 20;
    /** Longer than any Telegram field (names are at most 64 characters, photo URLs a few hundred). */
    static final int MAX_VALUE_LENGTH = 1024;
    static final int MAX_KEY_LENGTH = 64;
    /** Limit of the encoded {@code tgAuthResult}. */
    static final int MAX_ENCODED_LENGTH = 8192;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SortedMap<String, String> fields;
    private final String hash;

    private LoginWidgetData(SortedMap<String, String> fields, String hash) {
        this.fields = Collections.unmodifiableSortedMap(fields);
        this.hash = hash;
    }

    /**
     * @param received the received fields, {@code hash} among them; parameters that are ours (such as the broker's
     *        {@code state}) must already be removed, since every other field is part of the signed data
     * @return the data
     * @throws LoginWidgetRefusedException {@link LoginWidgetRefusal#MALFORMED} or
     *         {@link LoginWidgetRefusal#MISSING_FIELD}
     */
    public static LoginWidgetData of(Map<String, String> received) throws LoginWidgetRefusedException {
        if (received.size() > MAX_FIELDS) {
            throw malformed("too many fields");
        }
        SortedMap<String, String> fields = new TreeMap<>();
        String hash = null;
        for (Map.Entry<String, String> e : received.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.matches("[a-z0-9_]+")) {
                throw malformed("unexpected field name");
            }
            if (value == null || value.length() > MAX_VALUE_LENGTH || value.indexOf('\n') >= 0
                    || value.indexOf('\0') >= 0) {
                throw malformed("a field value is not a Telegram value");
            }
            if (HASH.equals(key)) {
                hash = value;
            } else {
                fields.put(key, value);
            }
        }
        if (hash == null || hash.isEmpty() || !fields.containsKey(ID) || !fields.containsKey(AUTH_DATE)) {
            throw new LoginWidgetRefusedException(LoginWidgetRefusal.MISSING_FIELD,
                    "id, auth_date and hash are required");
        }
        if (!hash.matches("[0-9a-fA-F]{64}")) {
            throw malformed("hash is not 64 hexadecimal digits");
        }
        if (!fields.get(ID).matches("[1-9][0-9]{0,18}")) {
            throw malformed("id is not a Telegram user id");
        }
        if (!fields.get(AUTH_DATE).matches("[0-9]{1,12}")) {
            throw malformed("auth_date is not a Unix time");
        }
        return new LoginWidgetData(fields, hash);
    }

    /**
     * @param tgAuthResult the value of the {@code tgAuthResult} fragment: base64url (padding optional) of a JSON
     *        object of scalar fields
     * @return the data
     * @throws LoginWidgetRefusedException when it is not such a value, or lacks fields
     */
    public static LoginWidgetData ofAuthResult(String tgAuthResult) throws LoginWidgetRefusedException {
        if (tgAuthResult == null || tgAuthResult.isBlank()) {
            throw new LoginWidgetRefusedException(LoginWidgetRefusal.MISSING_FIELD, "tgAuthResult is missing");
        }
        if (tgAuthResult.length() > MAX_ENCODED_LENGTH) {
            throw malformed("tgAuthResult is too long");
        }
        JsonNode node;
        try {
            String b64 = tgAuthResult.trim().replace('+', '-').replace('/', '_');
            while (b64.endsWith("=")) {
                b64 = b64.substring(0, b64.length() - 1);
            }
            node = JSON.readTree(new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw malformed("tgAuthResult is not base64url JSON");
        }
        if (node == null || !node.isObject()) {
            throw malformed("tgAuthResult is not a JSON object");
        }
        Map<String, String> received = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw malformed("a field is not a scalar");
            }
            if (received.size() >= MAX_FIELDS) {
                throw malformed("too many fields");
            }
            received.put(e.getKey(), v.isNumber() && !v.isIntegralNumber() ? v.toString() : v.asText());
        }
        return of(received);
    }

    /**
     * @return Telegram's data-check-string: every field but {@code hash}, sorted by name, {@code name=value} lines
     *         joined by {@code \n}
     */
    public String dataCheckString() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(e.getKey()).append('=').append(e.getValue());
        }
        return out.toString();
    }

    /** @return the received hash (hexadecimal) */
    public String hash() {
        return hash;
    }

    /** @return the Telegram user id */
    public String id() {
        return fields.get(ID);
    }

    /** @return the login time (Unix seconds) */
    public long authDate() {
        return Long.parseLong(fields.get(AUTH_DATE));
    }

    /**
     * @param name a field name
     * @return its value, or null
     */
    public String field(String name) {
        return fields.get(name);
    }

    /** @return the names of the signed fields */
    public Set<String> fieldNames() {
        return fields.keySet();
    }

    private static LoginWidgetRefusedException malformed(String message) {
        return new LoginWidgetRefusedException(LoginWidgetRefusal.MALFORMED, message);
    }

    @Override
    public String toString() {
        return "LoginWidgetData[id=" + id() + "]";
    }
}
