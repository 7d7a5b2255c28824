package io.usso.keycloak.it.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.TenantIT;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "API keys" realm-settings tab's server side (the component the admin console saves; the console shows the
 * tab with the experimental feature declarative-ui, the component API works either way): saving validates the
 * form and writes the realm attributes the API-key endpoints read, without undoing settings made elsewhere.
 */
class ApiKeysSettingsTabIT extends TenantIT {

    private static final String TAB_PROVIDER = "org.keycloak.services.ui.extend.UiTabProvider";
    private static final String TAB_ID = "API keys";
    private static final String PASSWORD = "Tab-Settings-2026!";
    private String ownerId;

    @Override
    protected void setUpTenant() {
        // a setting made before the tab was ever saved (realm import, Realm settings > Attributes)
        admin.setRealmAttributes(realm, Map.of("usso.api-keys.prefix", "acme_"));
        admin.createRealmRole(realm, "media-editor", Map.of("usso.scopes", List.of("read:media/files")));
        ownerId = admin.createUser(realm, "owner", PASSWORD, Map.of());
        admin.grantRealmRoles(realm, ownerId, "media-editor");
    }

    /** The body the admin console posts: the form's fields plus its route parameters. */
    private ObjectNode component(Map<String, String> form) {
        ObjectNode c = Http.JSON.createObjectNode();
        c.put("providerId", TAB_ID);
        c.put("providerType", TAB_PROVIDER);
        c.put("parentId", admin.getJson("/" + realm).get("id").asText());
        ObjectNode config = c.putObject("config");
        form.forEach((k, v) -> config.putArray(k).add(v));
        config.putArray("realm").add(realm);
        config.putArray("tab").add("api-keys");
        return c;
    }

    private JsonNode attributes() {
        return admin.getJson("/" + realm).path("attributes");
    }

    private Http.Response adminCreatesKey(int days) {
        return admin.post("/" + realm + "/usso-api-keys/users/" + ownerId,
                Map.of("name", "k", "scopes", List.of("read:media/files"), "expires_in_days", days));
    }

    @Test
    void savingTheTabSetsTheTenantsApiKeyRules() {
        Http.Response created = admin.post("/" + realm + "/components", component(Map.of(
                "enabled", "true", "prefix", "", "verifyAccess", "role", "maxLifetimeDays", "30")));
        assertEquals(201, created.status(), created.body());
        String location = created.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        JsonNode attrs = attributes();
        assertEquals("acme_", attrs.path("usso.api-keys.prefix").asText(), "the first save keeps the existing prefix");
        assertEquals("30", attrs.path("usso.api-keys.max-lifetime-days").asText());
        assertEquals("acme_", admin.getJson("/" + realm + "/components/" + id).path("config").path("prefix").get(0).asText(),
                "and the tab shows it from now on");
        assertFalse(attrs.has("usso.api-keys.default-lifetime-days"), "blank = tenant default, no attribute");

        Http.Response key = adminCreatesKey(30);
        assertEquals(201, key.status(), key.body());
        assertTrue(key.json().get("api_key").asText().startsWith("acme_"), "the endpoints read what the tab wrote");
        Http.Response tooLong = adminCreatesKey(31);
        assertEquals(400, tooLong.status(), tooLong.body());
        assertEquals("invalid_lifetime", tooLong.json().get("error").asText());

        // changed elsewhere after the tab was saved: a later save of the (stale) form must not undo it
        admin.setRealmAttributes(realm, Map.of("usso.api-keys.verify-failures-per-key", "5"));
        ObjectNode update = (ObjectNode) admin.getJson("/" + realm + "/components/" + id);
        ((ObjectNode) update.get("config")).putArray("maxLifetimeDays").add("60");
        AdminApi.expect(admin.put("/" + realm + "/components/" + id, update), 204, "save the tab again");
        attrs = attributes();
        assertEquals("60", attrs.path("usso.api-keys.max-lifetime-days").asText());
        assertEquals("5", attrs.path("usso.api-keys.verify-failures-per-key").asText());
        assertEquals(201, adminCreatesKey(60).status());

        // an invalid save is refused and changes nothing
        ((ObjectNode) update.get("config")).putArray("defaultLifetimeDays").add("61");
        Http.Response refused = admin.put("/" + realm + "/components/" + id, update);
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("must not exceed"), refused.body());
        assertFalse(attributes().has("usso.api-keys.default-lifetime-days"));
    }

    @Test
    void invalidFormsAreRefusedWithTheFieldsLabel() {
        JsonNode before = attributes();
        for (Map<String, String> form : List.of(Map.of("prefix", "UPPER_"), Map.of("maxLifetimeDays", "-1"),
                Map.of("verifyAccess", "everyone"), Map.of("enabled", "maybe"),
                Map.of("verifyFailureWindowSeconds", "0"), Map.of("rotationMaxGraceSeconds", "9999999"))) {
            Http.Response r = admin.post("/" + realm + "/components", component(form));
            assertEquals(400, r.status(), form + " -> " + r.body());
            assertTrue(r.body().contains("must"), r.body());
        }
        assertEquals(before, attributes(), "nothing was written");
    }
}
