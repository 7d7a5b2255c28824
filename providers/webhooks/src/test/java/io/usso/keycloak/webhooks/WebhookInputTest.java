package io.usso.keycloak.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OperatorNetworks;

class WebhookInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AllowList LOCAL = AllowList.parse("127.0.0.1:8099,hooks.internal:8443");

    @Test
    void httpsOn443IsTheRule() {
        assertEquals("https://hooks.example.com/usso",
                WebhookUrlRule.check(" https://hooks.example.com/usso ", AllowList.none(), OperatorNetworks.none()));
        for (String bad : new String[] {"http://hooks.example.com/", "https://hooks.example.com:8443/",
            "ftp://hooks.example.com/", "https://user:pw@hooks.example.com/", "https://hooks.example.com/#x",
            "hooks.example.com/x", "https:///x", "", "https://exa mple.com/"}) {
            assertThrows(WebhookInputException.class,
                    () -> WebhookUrlRule.check(bad, AllowList.none(), OperatorNetworks.none()), bad);
        }
    }

    @Test
    void plainHttpAndOtherPortsOnlyForTheOperatorsHosts() {
        OperatorNetworks loopback = OperatorNetworks.parse("127.0.0.1/32");
        assertEquals("http://127.0.0.1:8099/hook", WebhookUrlRule.check("http://127.0.0.1:8099/hook", LOCAL, loopback));
        assertEquals("https://hooks.internal:8443/h", WebhookUrlRule.check("https://hooks.internal:8443/h", LOCAL,
                loopback));
        assertThrows(WebhookInputException.class, () -> WebhookUrlRule.check("http://127.0.0.1:8100/", LOCAL,
                loopback));
    }

    @Test
    void privateAddressesAreRefusedUnlessTheOperatorAllowsTheirNetwork() {
        for (String bad : new String[] {"https://10.1.2.3/", "https://169.254.169.254/latest", "https://[::1]/",
            "https://192.168.0.10/", "https://127.0.0.1/"}) {
            WebhookInputException e = assertThrows(WebhookInputException.class,
                    () -> WebhookUrlRule.check(bad, AllowList.none(), OperatorNetworks.none()), bad);
            assertEquals(400, e.status());
        }
        assertEquals("https://10.1.2.3/", WebhookUrlRule.check("https://10.1.2.3/", AllowList.none(),
                OperatorNetworks.parse("10.1.0.0/16")));
        assertEquals("https://8.8.8.8/", WebhookUrlRule.check("https://8.8.8.8/", AllowList.none(),
                OperatorNetworks.none()));
    }

    @Test
    void fieldsAreCheckedForForm() throws Exception {
        WebhookInput input = WebhookInput.parse(JSON.readTree(
                "{\"url\":\"https://a.example/\",\"event_types\":[\"REGISTER\",\"admin:USER\",\"REGISTER\"],"
                        + "\"active\":false,\"description\":\" CRM \"}"));
        assertEquals(Set.of("REGISTER", "admin:USER"), input.eventTypes());
        assertFalse(input.active());
        assertEquals("CRM", input.description());
        for (String bad : new String[] {"{\"url\":5}", "{\"event_types\":[]}", "{\"event_types\":\"LOGIN\"}",
            "{\"event_types\":[\"CODE_TO_TOKEN\"]}", "{\"event_types\":[\"admin:\"]}", "{\"event_types\":[1]}",
            "{\"active\":\"yes\"}", "{\"description\":\"a\\u0000b\"}", "{\"secret\":\"whsec_x\"}",
            "{\"signing\":\"rsa\"}", "{\"url\":\"" + "a".repeat(3000) + "\"}"}) {
            assertThrows(WebhookInputException.class, () -> WebhookInput.parse(JSON.readTree(bad)), bad);
        }
    }

    @Test
    void eventTypesMatchUserEventsAndAdminResourceTypes() {
        Set<String> wanted = WebhookEventTypes.parse("REGISTER admin:USER");
        assertTrue(WebhookEventTypes.wantsUserEvent(wanted, "REGISTER"));
        assertFalse(WebhookEventTypes.wantsUserEvent(wanted, "LOGIN"));
        assertTrue(WebhookEventTypes.wantsAdminEvent(wanted, "USER"));
        assertFalse(WebhookEventTypes.wantsAdminEvent(wanted, "CLIENT"));
        assertTrue(WebhookEventTypes.wantsAdminEvent(Set.of("admin:*"), "CLIENT"));
        assertFalse(WebhookEventTypes.wantsUserEvent(Set.of("CODE_TO_TOKEN"), "CODE_TO_TOKEN"));
    }

    @Test
    void settingsFallBackToSafeDefaults() {
        WebhookSettings s = WebhookSettings.read(name -> switch (name) {
            case "max-subscriptions" -> "0";
            case "max-age-seconds" -> "3600";
            case "backoff-base-millis" -> "x";
            default -> null;
        });
        assertEquals(20, s.maxSubscriptions());
        assertEquals(3600, s.maxAge().toSeconds());
        assertEquals(1000, s.backoff().base().toMillis());
        assertTrue(s.plainHttpHosts().isEmpty());
    }
}
