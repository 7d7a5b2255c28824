package io.usso.keycloak.otp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonBodyTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void placeholdersAreFilledAndTheResultIsJson() throws Exception {
        String body = JsonBodyTemplate.render("{\"to\": \"${to}\", \"plus\": \"${to_plus}\", \"msg\": \"${text}\", "
                + "\"otp\": \"${code}\", \"lang\": \"${locale}\"}",
                new SmsMessage("989121234567", "Your code: 123456", "123456", "fa"));
        JsonNode node = JSON.readTree(body);
        assertEquals("989121234567", node.get("to").asText());
        assertEquals("+989121234567", node.get("plus").asText());
        assertEquals("Your code: 123456", node.get("msg").asText());
        assertEquals("123456", node.get("otp").asText());
        assertEquals("fa", node.get("lang").asText());
    }

    @Test
    void insertedValuesCannotBreakOutOfTheirString() throws Exception {
        String hostile = "\", \"admin\": true, \"x\": \"\\\n\r\t\u0000\u2028</script>";
        String body = JsonBodyTemplate.render(SmsSettings.DEFAULT_HTTP_BODY,
                new SmsMessage("989121234567", hostile, null, "en"));
        JsonNode node = JSON.readTree(body);
        assertEquals(2, node.size(), body);
        assertEquals(hostile, node.get("text").asText());
        assertFalse(node.has("admin"));
        assertFalse(body.contains("</script>"));
    }

    @Test
    void persianTextSurvivesUnescaped() throws Exception {
        String body = JsonBodyTemplate.render(SmsSettings.DEFAULT_HTTP_BODY,
                new SmsMessage("989121234567", "کد شما: ۱۲۳", null, "fa"));
        assertEquals("کد شما: ۱۲۳", JSON.readTree(body).get("text").asText());
    }

    @Test
    void unknownPlaceholdersAndVaultReferencesStayAsTheyAre() {
        assertEquals("{\"a\": \"${nope}\", \"b\": \"${vault.key}\", \"c\": \"${unclosed\"}",
                JsonBodyTemplate.render("{\"a\": \"${nope}\", \"b\": \"${vault.key}\", \"c\": \"${unclosed\"}",
                        new SmsMessage("1", "t", "c", "en")));
    }
}
