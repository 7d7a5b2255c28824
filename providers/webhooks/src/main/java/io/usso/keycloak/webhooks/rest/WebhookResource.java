package io.usso.keycloak.webhooks.rest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.usso.keycloak.common.BearerAuth;
import io.usso.keycloak.common.JsonReply;
import io.usso.keycloak.common.RequestBody;
import io.usso.keycloak.common.auth.UssoEndpoints;
import io.usso.keycloak.common.http.OperatorNetworks;
import io.usso.keycloak.webhooks.WebhookAdminEvents;
import io.usso.keycloak.webhooks.WebhookInput;
import io.usso.keycloak.webhooks.WebhookInputException;
import io.usso.keycloak.webhooks.WebhookSettings;
import io.usso.keycloak.webhooks.WebhookUrlRule;
import io.usso.keycloak.webhooks.outbox.WebhookEventListenerFactory;
import io.usso.keycloak.webhooks.signing.WebhookSecret;
import io.usso.keycloak.webhooks.signing.WebhookSigningKey;
import io.usso.keycloak.webhooks.store.WebhookDeliveryEntity;
import io.usso.keycloak.webhooks.store.WebhookStore;
import io.usso.keycloak.webhooks.store.WebhookSubscriptionEntity;

/**
 * {@code /realms/{realm}/webhooks}: the tenant's webhook subscriptions, their delivery log and manual redelivery. The
 * caller's token passes {@link UssoEndpoints#WEBHOOKS_MANAGE} and carries the {@code realm-management} role
 * {@value #MANAGE_REALM} or {@value #MANAGE_EVENTS}. The HMAC secret is returned only by create and
 * rotate-secret; an Ed25519 subscription shows its public key always and its private key never. Changes are admin events ({@link WebhookAdminEvents}).
 */
public final class WebhookResource {

    /** Role that may manage webhooks. */
    public static final String MANAGE_REALM = "manage-realm";
    /** Role that may manage webhooks. */
    public static final String MANAGE_EVENTS = "manage-events";

    private static final int MAX_PAGE = 100;

    private final KeycloakSession session;
    private final RealmModel realm;

    /** @param session the request's session */
    public WebhookResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The authorised caller of one request. */
    private record Caller(AuthResult auth, WebhookStore store, WebhookSettings settings,
            WebhookEventListenerFactory module) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return run(c -> {
            List<Map<String, Object>> items = new ArrayList<>();
            c.store().list(realm.getId()).forEach(s -> items.add(WebhookJson.subscription(s)));
            return JsonReply.json(200, items);
        });
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        return run(c -> {
            WebhookInput input = WebhookInput.parse(json(body, false));
            if (input.url() == null || input.eventTypes() == null) {
                throw WebhookInputException.invalid("url and event_types are required");
            }
            String url = WebhookUrlRule.check(input.url(), c.settings().plainHttpHosts(), networks(c));
            if (c.store().count(realm.getId()) >= c.settings().maxSubscriptions()) {
                throw new WebhookInputException(409, "limit_reached", "This tenant has the most webhooks allowed ("
                        + c.settings().maxSubscriptions() + ")");
            }
            long now = System.currentTimeMillis() / 1000;
            WebhookSubscriptionEntity s = new WebhookSubscriptionEntity();
            s.setId(UUID.randomUUID().toString());
            s.setRealmId(realm.getId());
            s.setUrl(url);
            s.setDescription(input.description() == null || input.description().isEmpty() ? null
                    : input.description());
            s.setEventTypes(String.join(" ", input.eventTypes()));
            s.setActive(input.active() == null || input.active());
            s.setSigning(input.signing() == null ? WebhookInput.HMAC : input.signing());
            newKey(s);
            s.setCreatedAt(now);
            s.setUpdatedAt(now);
            c.store().em().persist(s);
            events(c).send("webhook_created", OperationType.CREATE, s.getId());
            return JsonReply.json(201, WebhookJson.withSecret(s));
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return run(c -> JsonReply.json(200, WebhookJson.subscription(require(c, id))));
    }

    @PUT
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream body) {
        return run(c -> {
            WebhookSubscriptionEntity s = require(c, id);
            WebhookInput input = WebhookInput.parse(json(body, false));
            if (input.signing() != null && !input.signing().equals(s.getSigning())) {
                throw WebhookInputException.invalid("signing is chosen at creation; create a new webhook to change it");
            }
            if (input.url() != null) {
                s.setUrl(WebhookUrlRule.check(input.url(), c.settings().plainHttpHosts(), networks(c)));
            }
            if (input.eventTypes() != null) {
                s.setEventTypes(String.join(" ", input.eventTypes()));
            }
            if (input.active() != null) {
                s.setActive(input.active());
                if (input.active()) {
                    s.setDisabledReason(null);
                }
            }
            if (input.description() != null) {
                s.setDescription(input.description().isEmpty() ? null : input.description());
            }
            s.setUpdatedAt(System.currentTimeMillis() / 1000);
            events(c).send("webhook_updated", OperationType.UPDATE, s.getId());
            return JsonReply.json(200, WebhookJson.subscription(s));
        });
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("id") String id) {
        return run(c -> {
            WebhookSubscriptionEntity s = require(c, id);
            c.store().delete(s);
            events(c).send("webhook_deleted", OperationType.DELETE, s.getId());
            return null;
        });
    }

    /** {@code {"grace_seconds": n}} (default 24 h, at most 7 days; 0 drops the old secret at once). */
    @POST
    @Path("{id}/rotate-secret")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("id") String id, InputStream body) {
        return run(c -> {
            WebhookSubscriptionEntity s = require(c, id);
            JsonNode json = json(body, true);
            for (java.util.Iterator<String> names = json.fieldNames(); names.hasNext();) {
                if (!"grace_seconds".equals(names.next())) {
                    throw WebhookInputException.invalid("only grace_seconds may be given");
                }
            }
            long grace = c.settings().rotationGrace().toSeconds();
            JsonNode field = json.get("grace_seconds");
            if (field != null && !field.isNull()) {
                if (!field.canConvertToLong() || !field.isIntegralNumber() || field.asLong() < 0
                        || field.asLong() > WebhookSettings.MAX_ROTATION_GRACE.toSeconds()) {
                    throw WebhookInputException.invalid("grace_seconds must be a whole number from 0 to "
                            + WebhookSettings.MAX_ROTATION_GRACE.toSeconds());
                }
                grace = field.asLong();
            }
            long now = System.currentTimeMillis() / 1000;
            s.setPreviousSecret(grace == 0 ? null : s.getSecret());
            s.setPreviousSecretUntil(grace == 0 ? null : now + grace);
            newKey(s);
            s.setUpdatedAt(now);
            events(c).send("webhook_secret_rotated", OperationType.ACTION, s.getId());
            return JsonReply.json(200, WebhookJson.withSecret(s));
        });
    }

    @GET
    @Path("{id}/deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deliveries(@PathParam("id") String id, @QueryParam("first") String first,
            @QueryParam("max") String max) {
        return run(c -> {
            WebhookSubscriptionEntity s = require(c, id);
            int from = number("first", first, 0, 0, 100_000);
            int size = number("max", max, 20, 1, MAX_PAGE);
            List<Map<String, Object>> items = new ArrayList<>();
            for (WebhookDeliveryEntity d : c.store().deliveries(s.getId(), from, size)) {
                items.add(WebhookJson.delivery(d, c.store().attempts(d.getId())));
            }
            return JsonReply.json(200, items);
        });
    }

    /** Sends one delivery again (whatever its status), with the same {@code webhook-id}. */
    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Produces(MediaType.APPLICATION_JSON)
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return run(c -> {
            WebhookSubscriptionEntity s = require(c, id);
            WebhookDeliveryEntity d = c.store().findDelivery(s, deliveryId);
            if (d == null) {
                throw new WebhookInputException(404, "not_found", "No such delivery of this webhook");
            }
            if (!s.isActive()) {
                throw new WebhookInputException(409, "inactive", "The webhook is not active; activate it first");
            }
            d.setStatus(WebhookStore.PENDING);
            d.setNextAttemptAt(System.currentTimeMillis());
            d.setClaimedBy(null);
            d.setClaimedUntil(null);
            d.setDoneAt(null);
            d.setCreatedAt(System.currentTimeMillis());
            events(c).send("webhook_redelivery", OperationType.ACTION, s.getId());
            session.getTransactionManager().enlistAfterCompletion(new org.keycloak.models.AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    c.module().nudge();
                }

                @Override
                protected void rollbackImpl() {
                }
            });
            return JsonReply.json(202, Map.of("id", d.getId(), "status", d.getStatus()));
        });
    }

    // ------------------------------------------------------------------ plumbing

    private Response run(Function<Caller, JsonReply> work) {
        BearerAuth.Authorization authorization = BearerAuth.authorize(session, realm, UssoEndpoints.WEBHOOKS_MANAGE);
        if (!authorization.ok()) {
            return authorization.reply().toResponse();
        }
        if (!mayManage(authorization.auth().token())) {
            return JsonReply.error(403, "access_denied", "Managing webhooks needs the realm-management role "
                    + MANAGE_REALM + " or " + MANAGE_EVENTS).toResponse();
        }
        WebhookEventListenerFactory module = (WebhookEventListenerFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(EventListenerProvider.class, WebhookEventListenerFactory.ID);
        try {
            JsonReply reply = work.apply(new Caller(authorization.auth(), new WebhookStore(session),
                    module == null ? WebhookSettings.DEFAULT : module.settings(), module));
            return reply == null ? Response.noContent().header("Cache-Control", "no-store").build()
                    : reply.toResponse();
        } catch (WebhookInputException e) {
            session.getTransactionManager().setRollbackOnly();
            return JsonReply.error(e.status(), e.error(), e.getMessage()).toResponse();
        } catch (IllegalArgumentException e) {
            session.getTransactionManager().setRollbackOnly();
            return JsonReply.error(400, WebhookInputException.INVALID_REQUEST, e.getMessage()).toResponse();
        }
    }

    /** The token's own {@code realm-management} roles (what the client was allowed to carry), not the user's. */
    private static boolean mayManage(AccessToken token) {
        AccessToken.Access access = token.getResourceAccess("realm-management");
        Set<String> roles = access == null || access.getRoles() == null ? Set.of() : access.getRoles();
        return roles.contains(MANAGE_REALM) || roles.contains(MANAGE_EVENTS);
    }

    private WebhookSubscriptionEntity require(Caller c, String id) {
        WebhookSubscriptionEntity s = c.store().find(realm.getId(), id);
        if (s == null) {
            throw new WebhookInputException(404, "not_found", "No such webhook in this tenant");
        }
        return s;
    }

    private JsonNode json(InputStream body, boolean emptyAllowed) {
        MediaType type = session.getContext().getRequestHeaders() == null ? null
                : session.getContext().getRequestHeaders().getMediaType();
        if (type != null && !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            throw WebhookInputException.invalid("The body must be application/json");
        }
        return RequestBody.object(body, WebhookInput.MAX_BODY_BYTES, emptyAllowed);
    }

    /** A new HMAC secret or Ed25519 key pair, by the subscription's signing. */
    private static void newKey(WebhookSubscriptionEntity s) {
        if (WebhookInput.ED25519.equals(s.getSigning())) {
            WebhookSigningKey key = WebhookSigningKey.generate();
            s.setSecret(key.privateKey());
            s.setPublicKey(key.publicKey());
        } else {
            s.setSecret(WebhookSecret.generate());
            s.setPublicKey(null);
        }
    }

    private static OperatorNetworks networks(Caller c) {
        return c.module() == null || c.module().guard() == null ? OperatorNetworks.none()
                : c.module().guard().networks();
    }

    private WebhookAdminEvents events(Caller c) {
        return new WebhookAdminEvents(session, realm, c.auth());
    }

    private static int number(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        if (!text.matches("\\d{1,7}")) {
            throw WebhookInputException.invalid(name + " must be a whole number from " + min + " to " + max);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw WebhookInputException.invalid(name + " must be a whole number from " + min + " to " + max);
        }
        return value;
    }
}
