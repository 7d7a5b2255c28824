package io.usso.keycloak.apikeys.agents;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.keycloak.authentication.authenticators.client.JWTClientAuthenticator;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCConfigAttributes;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * How an agent is stored: a confidential OpenID Connect client {@value #CLIENT_ID_PREFIX}{@code <name>} with a
 * service account, no browser or password flows, client authentication {@code client-jwt}
 * ({@code private_key_jwt}) against the one public key in its {@code jwks.string}, assertions limited to the
 * agent's algorithm and to {@value #ASSERTION_MAX_LIFETIME_SECONDS} s, and the marker attribute
 * {@value #ATTR_AGENT}. Nothing here is secret: the private key is never stored.
 */
public final class AgentClients {

    /** Client ids of agents start with this. */
    public static final String CLIENT_ID_PREFIX = "agent-";
    /** Marker attribute ({@code "true"}) of clients managed as agents. */
    public static final String ATTR_AGENT = "usso.agent";
    /** Creation time of the agent, epoch seconds. */
    public static final String ATTR_CREATED_AT = "usso.agent.created_at";
    /** Time of the last key replacement, epoch seconds. */
    public static final String ATTR_KEY_UPDATED_AT = "usso.agent.key_updated_at";
    /** Longest client assertion lifetime Keycloak accepts from an agent (USSO agent JWTs live 300 s). */
    public static final int ASSERTION_MAX_LIFETIME_SECONDS = 300;

    private AgentClients() {
    }

    /**
     * @param name the agent name
     * @return its client id
     */
    public static String clientId(String name) {
        return CLIENT_ID_PREFIX + name;
    }

    /**
     * @param name the agent name
     * @param description free text, may be null
     * @param key the agent's public key
     * @param nowSeconds the creation time
     * @return the client to create
     */
    public static ClientRepresentation representation(String name, String description, AgentPublicKey key,
            long nowSeconds) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(clientId(name));
        rep.setName(name);
        rep.setDescription(description);
        rep.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        rep.setEnabled(true);
        rep.setPublicClient(false);
        rep.setBearerOnly(false);
        rep.setConsentRequired(false);
        rep.setServiceAccountsEnabled(true);
        rep.setStandardFlowEnabled(false);
        rep.setImplicitFlowEnabled(false);
        rep.setDirectAccessGrantsEnabled(false);
        rep.setFrontchannelLogout(false);
        rep.setClientAuthenticatorType(JWTClientAuthenticator.PROVIDER_ID);
        Map<String, String> attributes = new LinkedHashMap<>(keyAttributes(key, nowSeconds));
        attributes.put(ATTR_AGENT, "true");
        attributes.put(ATTR_CREATED_AT, Long.toString(nowSeconds));
        attributes.put("oauth2.device.authorization.grant.enabled", "false");
        attributes.put("oidc.ciba.grant.enabled", "false");
        rep.setAttributes(attributes);
        return rep;
    }

    /**
     * @param key the agent's (new) public key
     * @param nowSeconds when it was set
     * @return the client attributes that register it for {@code private_key_jwt}
     */
    public static Map<String, String> keyAttributes(AgentPublicKey key, long nowSeconds) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(OIDCConfigAttributes.USE_JWKS_URL, "false");
        attributes.put(OIDCConfigAttributes.USE_JWKS_STRING, "true");
        attributes.put(OIDCConfigAttributes.JWKS_STRING, AgentJson.write(key.jwks()));
        attributes.put(OIDCConfigAttributes.TOKEN_ENDPOINT_AUTH_SIGNING_ALG, key.algorithm().jose());
        attributes.put(OIDCConfigAttributes.TOKEN_ENDPOINT_AUTH_SIGNING_MAX_EXP,
                Integer.toString(ASSERTION_MAX_LIFETIME_SECONDS));
        attributes.put(ATTR_KEY_UPDATED_AT, Long.toString(nowSeconds));
        return attributes;
    }

    /**
     * @param client any client
     * @return whether it is an agent
     */
    public static boolean isAgent(ClientModel client) {
        return client != null && "true".equals(client.getAttribute(ATTR_AGENT));
    }

    /**
     * @param realm this realm
     * @param clientId a client id from the request path
     * @return the agent of this realm with that client id, or null
     */
    public static ClientModel find(RealmModel realm, String clientId) {
        if (clientId == null || !clientId.startsWith(CLIENT_ID_PREFIX)
                || !AgentRequests.NAME.matcher(clientId.substring(CLIENT_ID_PREFIX.length())).matches()) {
            return null;
        }
        ClientModel client = realm.getClientByClientId(clientId);
        return isAgent(client) ? client : null;
    }

    /**
     * The agents of this realm, by client id. The database narrows by client id ({@value #CLIENT_ID_PREFIX}...);
     * the marker attribute is checked here, since Keycloak searches only configured client attributes.
     *
     * @param realm this realm
     * @param first offset
     * @param max page size
     * @return the agents of this realm
     */
    public static Stream<ClientModel> list(RealmModel realm, int first, int max) {
        return realm.searchClientByClientIdStream(CLIENT_ID_PREFIX, null, null)
                .filter(client -> client.getClientId().startsWith(CLIENT_ID_PREFIX) && isAgent(client))
                .sorted(Comparator.comparing(ClientModel::getClientId))
                .skip(first).limit(max);
    }

    /**
     * What a list shows of an agent (nothing secret).
     *
     * @param clientId the client id
     * @param name the display name
     * @param description the description, may be null
     * @param keyId the key id of its registered key, null if the key was changed outside this API
     * @param algorithm the assertion algorithm
     * @param enabled whether the client is enabled
     * @param createdAt creation time in epoch seconds, null if unknown
     * @param keyUpdatedAt last key replacement in epoch seconds, null if unknown
     */
    public record Summary(String clientId, String name, String description, String keyId, String algorithm,
            boolean enabled, Long createdAt, Long keyUpdatedAt) {
    }

    /**
     * @param client an agent
     * @return its summary
     */
    public static Summary summary(ClientModel client) {
        return new Summary(client.getClientId(), client.getName(), client.getDescription(),
                registeredKeyId(client.getAttribute(OIDCConfigAttributes.JWKS_STRING)),
                client.getAttribute(OIDCConfigAttributes.TOKEN_ENDPOINT_AUTH_SIGNING_ALG), client.isEnabled(),
                seconds(client.getAttribute(ATTR_CREATED_AT)), seconds(client.getAttribute(ATTR_KEY_UPDATED_AT)));
    }

    /**
     * @param jwks the client's {@code jwks.string}, may be null
     * @return the {@code kid} of its only key, or null when there is not exactly one key with a kid
     */
    static String registeredKeyId(String jwks) {
        if (jwks == null || jwks.isBlank()) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> set = JsonSerialization.readValue(jwks, Map.class);
            Object keys = set.get("keys");
            if (keys instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Map<?, ?> key
                    && key.get("kid") instanceof String kid) {
                return kid;
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Long seconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
