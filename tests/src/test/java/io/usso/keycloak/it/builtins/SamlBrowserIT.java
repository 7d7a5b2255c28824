package io.usso.keycloak.it.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Browser;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.TenantIT;

/**
 * SAML 2.0: the tenant is the identity provider of a SAML service provider. The SP is a second realm of the same
 * server brokering SAML (Keycloak's SAML identity provider: AuthnRequest by POST binding, signed responses checked
 * with the tenant's realm certificate), so the whole round trip runs through real SAML messages in headless
 * Chromium: SP login page → tenant's usso login page → signed SAML response posted back → SP signs the person in.
 * How a tenant admin adds a SAML client: docs/BUILT-INS.md.
 */
class SamlBrowserIT extends TenantIT {

    private static final String ALIAS = "tenant-saml";
    private static final String PASSWORD = "Saml-Round-Trip-2026!";

    private String sp;
    private String spEntityId;
    private WebDriver driver;

    @Override
    protected void setUpTenant() {
        sp = realm + "-sp";
        admin.createRealm(RealmTemplates.tenant(sp, "SAML service provider"));
        spEntityId = "urn:usso:test:sp:" + sp;
        admin.createUser(realm, "saml-user", PASSWORD, Map.of("email", "saml.user@tenant.example",
                "emailVerified", true, "firstName", "Reza", "lastName", "Moradi"));

        String acs = server.realmUrl(sp) + "/broker/" + ALIAS + "/endpoint";
        ObjectNode client = Http.JSON.createObjectNode();
        client.put("clientId", spEntityId);
        client.put("protocol", "saml");
        client.put("enabled", true);
        client.putArray("redirectUris").add(acs);
        ObjectNode attributes = client.putObject("attributes");
        attributes.put("saml.client.signature", "false");
        attributes.put("saml.server.signature", "true");
        attributes.put("saml.assertion.signature", "false");
        attributes.put("saml.authnstatement", "true");
        attributes.put("saml_force_name_id_format", "true");
        attributes.put("saml_name_id_format", "username");
        attributes.put("saml_assertion_consumer_url_post", acs);
        client.putArray("protocolMappers").add(samlAttribute("email", "email"))
                .add(samlAttribute("firstName", "firstName")).add(samlAttribute("lastName", "lastName"));
        admin.createClient(realm, client);

        ObjectNode idp = Http.JSON.createObjectNode();
        idp.put("alias", ALIAS);
        idp.put("displayName", "Tenant (SAML)");
        idp.put("providerId", "saml");
        idp.put("enabled", true);
        ObjectNode config = idp.putObject("config");
        config.put("entityId", spEntityId);
        config.put("idpEntityId", realmUrl());
        config.put("singleSignOnServiceUrl", realmUrl() + "/protocol/saml");
        config.put("postBindingResponse", "true");
        config.put("postBindingAuthnRequest", "true");
        config.put("validateSignature", "true");
        config.put("signingCertificate", signingCertificate(realm));
        config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
        config.put("principalType", "SUBJECT");
        config.put("wantAuthnRequestsSigned", "false");
        config.put("syncMode", "IMPORT");
        AdminApi.expect(admin.post("/" + sp + "/identity-provider/instances", idp), 201, "SAML identity provider");
        for (String[] m : new String[][] {{"email", "email"}, {"firstName", "firstName"}, {"lastName", "lastName"}}) {
            ObjectNode mapper = Http.JSON.createObjectNode();
            mapper.put("name", m[0]);
            mapper.put("identityProviderAlias", ALIAS);
            mapper.put("identityProviderMapper", "saml-user-attribute-idp-mapper");
            mapper.putObject("config").put("attribute.name", m[0]).put("user.attribute", m[1])
                    .put("syncMode", "INHERIT");
            AdminApi.expect(admin.post("/" + sp + "/identity-provider/instances/" + ALIAS + "/mappers", mapper), 201,
                    "SAML attribute mapper " + m[0]);
        }
    }

    private static ObjectNode samlAttribute(String property, String attribute) {
        ObjectNode mapper = Http.JSON.createObjectNode();
        mapper.put("name", attribute);
        mapper.put("protocol", "saml");
        mapper.put("protocolMapper", "saml-user-property-mapper");
        mapper.putObject("config").put("user.attribute", property).put("attribute.name", attribute)
                .put("attribute.nameformat", "Basic");
        return mapper;
    }

    private String signingCertificate(String inRealm) {
        for (JsonNode key : admin.getJson("/" + inRealm + "/keys").get("keys")) {
            if ("RS256".equals(key.path("algorithm").asText()) && key.hasNonNull("certificate")
                    && "ACTIVE".equals(key.path("status").asText("ACTIVE"))) {
                return key.get("certificate").asText();
            }
        }
        throw new AssertionError("no RS256 certificate in " + inRealm);
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @AfterAll
    void deleteServiceProvider() {
        if (sp != null) {
            admin.deleteRealm(sp);
        }
    }

    @Test
    void aSamlRoundTripSignsThePersonInAtTheServiceProvider() {
        Http.Response descriptor = Http.plain().get(realmUrl() + "/protocol/saml/descriptor");
        assertEquals(200, descriptor.status());
        assertTrue(descriptor.body().contains("IDPSSODescriptor"), "the tenant publishes SAML IdP metadata");

        driver = Browser.open("en");
        BrokerPages pages = new BrokerPages(driver);
        driver.get(server.realmUrl(sp) + "/account/");
        pages.chooseProvider(ALIAS);
        pages.await().until(d -> d.getCurrentUrl().startsWith(realmUrl()));
        assertTrue(driver.getPageSource().contains("/login/usso/css/usso.css"), "the tenant's usso login page");
        pages.signIn("saml-user", PASSWORD);
        pages.reviewProfile(Map.of("email", "saml.user@tenant.example", "firstName", "Reza", "lastName", "Moradi"),
                "saml-first-broker-login");
        pages.awaitAccountConsole(server.realmUrl(sp));

        JsonNode users = admin.getJson("/" + sp + "/users?username=saml-user&exact=true");
        assertEquals(1, users.size(), "the SP knows the person now: " + users);
        JsonNode user = users.get(0);
        assertEquals("saml.user@tenant.example", user.path("email").asText(), "attributes came in the assertion");
        JsonNode links = admin.getJson("/" + sp + "/users/" + user.get("id").asText() + "/federated-identity");
        assertEquals(ALIAS, links.get(0).get("identityProvider").asText());
        assertNotNull(admin.getJson("/" + realm + "/users?username=saml-user&exact=true").get(0),
                "the tenant's own user signed in");
        JsonNode sessions = admin.getJson("/" + realm + "/users/"
                + admin.getJson("/" + realm + "/users?username=saml-user&exact=true").get(0).get("id").asText()
                + "/sessions");
        assertEquals(1, sessions.size(), "one SSO session at the tenant: " + sessions);
        assertTrue(sessions.get(0).path("clients").toString().contains(spEntityId), sessions.toString());
    }
}
