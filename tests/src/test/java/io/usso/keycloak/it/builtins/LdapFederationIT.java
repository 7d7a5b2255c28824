package io.usso.keycloak.it.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.TenantIT;
import io.usso.keycloak.it.support.UssoServer;

/**
 * LDAP / Active Directory user federation (Keycloak's own provider) in a tenant of ours, against a real LDAP
 * server on loopback (UnboundID's in-memory directory): directory users sign in with their directory password
 * through the usso login theme, are imported with a federation link and their directory attributes, a wrong password
 * fails, and a user who is not in the directory is unknown. How a tenant admin sets it up: docs/BUILT-INS.md.
 */
class LdapFederationIT extends TenantIT {

    private static final String BASE = "dc=usso,dc=test";
    private static final String PEOPLE = "ou=people," + BASE;
    private static final String REDIRECT = "http://localhost:3000/callback";

    private final String bindPassword = UssoServer.randomSecret();
    private final String userPassword = "Directory-" + UssoServer.randomSecret().substring(0, 10) + "1!";
    private InMemoryDirectoryServer ldap;

    @Override
    protected void setUpTenant() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.addAdditionalBindCredentials("cn=keycloak," + BASE, bindPassword);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                    java.net.InetAddress.getLoopbackAddress(), 0, null));
            config.setSchema(null); // accept inetOrgPerson entries without loading a schema
            ldap = new InMemoryDirectoryServer(config);
            ldap.startListening();
            ldap.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: usso");
            ldap.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
            ldap.add("dn: uid=parisa," + PEOPLE, "objectClass: top", "objectClass: person",
                    "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: parisa",
                    "cn: Parisa Ahmadi", "sn: Ahmadi", "givenName: Parisa", "mail: parisa@directory.example",
                    "entryUUID: 6f1d1c1e-2a45-4c51-9f0e-7d3a2b9c0a11", "userPassword: " + userPassword);
        } catch (com.unboundid.ldap.sdk.LDAPException | com.unboundid.ldif.LDIFException e) {
            throw new IllegalStateException("LDAP server did not start", e);
        }
        ObjectNode component = Http.JSON.createObjectNode();
        component.put("name", "company-directory");
        component.put("providerId", "ldap");
        component.put("providerType", "org.keycloak.storage.UserStorageProvider");
        component.put("parentId", admin.getJson("/" + realm).get("id").asText());
        ObjectNode config = component.putObject("config");
        Map.ofEntries(Map.entry("enabled", "true"), Map.entry("priority", "0"), Map.entry("vendor", "other"),
                Map.entry("connectionUrl", "ldap://127.0.0.1:" + ldap.getListenPort()),
                Map.entry("bindDn", "cn=keycloak," + BASE), Map.entry("bindCredential", bindPassword),
                Map.entry("authType", "simple"), Map.entry("usersDn", PEOPLE),
                Map.entry("usernameLDAPAttribute", "uid"), Map.entry("rdnLDAPAttribute", "uid"),
                Map.entry("uuidLDAPAttribute", "entryUUID"),
                Map.entry("userObjectClasses", "inetOrgPerson, organizationalPerson"),
                Map.entry("searchScope", "1"), Map.entry("editMode", "READ_ONLY"),
                Map.entry("importEnabled", "true"), Map.entry("syncRegistrations", "false"),
                Map.entry("pagination", "false"), Map.entry("trustEmail", "true"),
                Map.entry("useTruststoreSpi", "never"), Map.entry("connectionPooling", "false"))
                .forEach((k, v) -> config.putArray(k).add(v));
        Http.Response created = admin.post("/" + realm + "/components", component);
        AdminApi.expect(created, 201, "LDAP provider");
        String providerId = created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1);
        // Keycloak's default "first name" mapper reads cn; directories keep the given name in givenName
        for (JsonNode mapper : admin.getJson("/" + realm + "/components?parent=" + providerId
                + "&type=org.keycloak.storage.ldap.mappers.LDAPStorageMapper")) {
            if ("first name".equals(mapper.path("name").asText())) {
                ObjectNode changed = mapper.deepCopy();
                ((ObjectNode) changed.get("config")).putArray("ldap.attribute").add("givenName");
                AdminApi.expect(admin.put("/" + realm + "/components/" + mapper.get("id").asText(), changed), 204,
                        "first name mapper");
            }
        }
    }

    @AfterAll
    void stopLdap() {
        if (ldap != null) {
            ldap.shutDown(true);
        }
    }

    @Test
    void aDirectoryUserSignsInAndIsImportedWithALink() {
        JsonNode tokens = new OidcLogin(realmUrl(), "spa", REDIRECT).login("parisa", userPassword, "openid");
        JsonNode claims = OidcLogin.claims(tokens.get("access_token").asText());
        assertEquals("parisa", claims.get("preferred_username").asText());
        assertEquals("parisa@directory.example", claims.get("email").asText());

        JsonNode users = admin.getJson("/" + realm + "/users?username=parisa&exact=true");
        assertEquals(1, users.size(), users.toString());
        JsonNode user = users.get(0);
        assertTrue(user.hasNonNull("federationLink"), "imported with a link to the directory: " + user);
        assertEquals("Parisa", user.get("firstName").asText());
        assertEquals("Ahmadi", user.get("lastName").asText());
    }

    @Test
    void aWrongDirectoryPasswordFails() {
        Http.Response page = loginAttempt("parisa", userPassword + "x");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("kc-form-login"), "back on the login form");
        assertTrue(page.body().contains("Invalid username or password"), "Keycloak's message");
    }

    @Test
    void someoneNotInTheDirectoryIsUnknown() {
        Http.Response page = loginAttempt("mallory", userPassword);
        assertTrue(page.body().contains("Invalid username or password"), "same message as a wrong password");
        assertEquals(0, admin.getJson("/" + realm + "/users?username=mallory&exact=true").size());
    }

    @Test
    void theDirectoryIsTheTruthForPasswords() {
        // a READ_ONLY directory: the password cannot be changed in Keycloak
        new OidcLogin(realmUrl(), "spa", REDIRECT).login("parisa", userPassword, "openid");
        String id = admin.getJson("/" + realm + "/users?username=parisa&exact=true").get(0).get("id").asText();
        ObjectNode reset = Http.JSON.createObjectNode().put("type", "password").put("value", "Another-1234!")
                .put("temporary", false);
        Http.Response r = admin.put("/" + realm + "/users/" + id + "/reset-password", reset);
        assertNotEquals(204, r.status(), "read-only directory users keep their directory password: " + r.body());
    }

    private Http.Response loginAttempt(String username, String password) {
        OidcLogin.Pending pending = new OidcLogin(realmUrl(), "spa", REDIRECT).start("openid");
        return pending.submitRaw(username, password);
    }
}
