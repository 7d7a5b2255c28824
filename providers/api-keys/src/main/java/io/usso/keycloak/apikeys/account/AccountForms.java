package io.usso.keycloak.apikeys.account;

import java.math.BigInteger;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usso.keycloak.apikeys.ApiKeyRequestException;
import io.usso.keycloak.apikeys.rest.ApiKeyRequests;

/**
 * The account page's create form ({@code name}, one {@code scopes} value per ticked box, {@code expires_in_days})
 * turned into the JSON body of the self-service endpoint and checked by {@link ApiKeyRequests#parseCreate}, so the
 * page and the REST API accept exactly the same requests.
 */
public final class AccountForms {

    /** Form field: key name. */
    public static final String NAME = "name";
    /** Form field: a requested scope, repeated. */
    public static final String SCOPES = "scopes";
    /** Form field: lifetime in days, blank = tenant default. */
    public static final String EXPIRES_IN_DAYS = "expires_in_days";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DAYS_DIGITS = 40;

    private AccountForms() {
    }

    /**
     * @param name the name field, may be null
     * @param scopes the ticked scopes, may be null
     * @param expiresInDays the lifetime field, may be null or blank
     * @return the validated request
     * @throws ApiKeyRequestException as {@link ApiKeyRequests#parseCreate} (400 material)
     */
    public static ApiKeyRequests.CreateRequest createRequest(String name, List<String> scopes, String expiresInDays) {
        ObjectNode body = JSON.createObjectNode();
        if (name != null) {
            body.put(NAME, name);
        }
        ArrayNode array = body.putArray(SCOPES);
        if (scopes != null) {
            scopes.forEach(array::add);
        }
        String days = expiresInDays == null ? "" : expiresInDays.strip();
        if (!days.isEmpty()) {
            if (days.length() <= MAX_DAYS_DIGITS && days.chars().allMatch(c -> c >= '0' && c <= '9')) {
                body.put(EXPIRES_IN_DAYS, new BigInteger(days)); // range checked by parseCreate
            } else {
                body.put(EXPIRES_IN_DAYS, days); // refused as "not a whole number" by parseCreate
            }
        }
        return ApiKeyRequests.parseCreate(body.toString());
    }
}
