package io.usso.keycloak.webhooks.outbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

import io.usso.keycloak.webhooks.WebhookEventTypes;

/**
 * The JSON body of a delivery, schema version {@value #VERSION} (documented in {@code docs/WEBHOOKS.md}): {@code id}
 * (the Keycloak event's id), {@code type}, {@code time} (ISO-8601, UTC), {@code tenant} (realm name), {@code user}
 * ({@code id}, {@code username}, {@code email}, {@code email_verified}, {@code first_name}, {@code last_name},
 * {@code attributes}: the values of the attributes the tenant's user profile declares, other than those four),
 * {@code client} (client id), {@code ip}, {@code details}. Fields without a value are {@code null}, never left out.
 */
public final class WebhookPayload {

    /** Schema version. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ROOT_ATTRIBUTES = Set.of(UserModel.USERNAME, UserModel.EMAIL,
            UserModel.FIRST_NAME, UserModel.LAST_NAME);

    private WebhookPayload() {
    }

    /**
     * @param session the session of the event
     * @param realm its realm
     * @param event a user event
     * @return the body
     */
    public static String of(KeycloakSession session, RealmModel realm, Event event) {
        UserModel user = event.getUserId() == null ? null : session.users().getUserById(realm, event.getUserId());
        Map<String, Object> details = new TreeMap<>();
        if (event.getDetails() != null) {
            details.putAll(event.getDetails());
        }
        if (event.getSessionId() != null) {
            details.put("session_id", event.getSessionId());
        }
        return write(envelope(event.getId(), event.getType().name(), event.getTime(), realm,
                user(session, realm, user, event.getUserId()), event.getClientId(), event.getIpAddress(), details));
    }

    /**
     * @param session the session of the event
     * @param realm its realm
     * @param event an admin event
     * @param includeRepresentation whether the realm stores representations (then they are sent too)
     * @return the body
     */
    public static String of(KeycloakSession session, RealmModel realm, AdminEvent event,
            boolean includeRepresentation) {
        String resourceType = event.getResourceTypeAsString();
        String userId = "USER".equals(resourceType) ? event.getResourceId() : null;
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        AuthDetails auth = event.getAuthDetails();
        String client = null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("operation", event.getOperationType() == null ? null : event.getOperationType().name());
        details.put("resource_type", resourceType);
        details.put("resource_path", event.getResourcePath());
        if (auth != null) {
            client = clientId(session, auth);
            Map<String, Object> actor = new LinkedHashMap<>();
            actor.put("user_id", auth.getUserId());
            actor.put("realm", auth.getRealmName());
            details.put("actor", actor);
        }
        if (event.getDetails() != null) {
            details.put("extra", new TreeMap<>(event.getDetails()));
        }
        details.put("representation", includeRepresentation ? event.getRepresentation() : null);
        String type = WebhookEventTypes.ADMIN_PREFIX + resourceType + ":"
                + (event.getOperationType() == null ? "ACTION" : event.getOperationType().name());
        return write(envelope(event.getId(), type, event.getTime(), realm, user(session, realm, user, userId),
                client, auth == null ? null : auth.getIpAddress(), details));
    }

    private static String clientId(KeycloakSession session, AuthDetails auth) {
        RealmModel authRealm = auth.getRealmId() == null ? null : session.realms().getRealm(auth.getRealmId());
        ClientModel authClient = authRealm == null || auth.getClientId() == null ? null
                : session.clients().getClientById(authRealm, auth.getClientId());
        return authClient == null ? null : authClient.getClientId();
    }

    private static Map<String, Object> envelope(String id, String type, long time, RealmModel realm,
            Map<String, Object> user, String client, String ip, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", VERSION);
        body.put("id", id);
        body.put("type", type);
        body.put("time", Instant.ofEpochMilli(time).toString());
        body.put("tenant", realm.getName());
        body.put("user", user);
        body.put("client", client);
        body.put("ip", ip);
        body.put("details", details);
        return body;
    }

    private static Map<String, Object> user(KeycloakSession session, RealmModel realm, UserModel user, String id) {
        if (user == null && id == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", user == null ? id : user.getId());
        out.put("username", user == null ? null : user.getUsername());
        out.put("email", user == null ? null : user.getEmail());
        out.put("email_verified", user == null ? null : user.isEmailVerified());
        out.put("first_name", user == null ? null : user.getFirstName());
        out.put("last_name", user == null ? null : user.getLastName());
        out.put("attributes", user == null ? Map.of() : profileAttributes(session, user));
        return out;
    }

    /** The values of the attributes the user profile declares (the ones a registration form asks for). */
    private static Map<String, List<String>> profileAttributes(KeycloakSession session, UserModel user) {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles == null ? null : profiles.getConfiguration();
        Map<String, List<String>> all = user.getAttributes();
        Map<String, List<String>> out = new TreeMap<>();
        if (config == null || config.getAttributes() == null) {
            return out;
        }
        Set<String> declared = config.getAttributes().stream().map(UPAttribute::getName)
                .filter(n -> !ROOT_ATTRIBUTES.contains(n)).collect(Collectors.toSet());
        for (String name : declared) {
            List<String> values = all.get(name);
            if (values != null && !values.isEmpty()) {
                out.put(name, List.copyOf(values));
            }
        }
        return out;
    }

    private static String write(Map<String, Object> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a webhook payload", e);
        }
    }
}
