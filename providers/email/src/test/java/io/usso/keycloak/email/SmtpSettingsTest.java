package io.usso.keycloak.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.keycloak.email.EmailException;

final class SmtpSettingsTest {

    @Test
    void thePoolKeyDependsOnTenantAndEverySettingButNotOnTheirOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("host", "smtp.example.test");
        a.put("password", "one");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("password", "one");
        b.put("host", "smtp.example.test");
        assertEquals(new SmtpSettings(a).poolKey("r1"), new SmtpSettings(b).poolKey("r1"));
        assertNotEquals(new SmtpSettings(a).poolKey("r1"), new SmtpSettings(a).poolKey("r2"));
        b.put("password", "two");
        assertNotEquals(new SmtpSettings(a).poolKey("r1"), new SmtpSettings(b).poolKey("r1"));
        assertFalse(new SmtpSettings(a).poolKey("r1").contains("one"));
    }

    @Test
    void propertiesFollowTheRealmsEmailTab() {
        Map<String, String> config = new HashMap<>(Map.of("host", "smtp.example.test", "port", "587",
                "starttls", "true", "auth", "true", "authType", "token", "envelopeFrom", "bounce@example.test",
                "allowutf8", "true", "timeout", "5000"));
        Properties p = new SmtpSettings(config).properties("noreply@example.test", null, true);
        assertEquals("smtp.example.test", p.getProperty("mail.smtp.host"));
        assertEquals("587", p.getProperty("mail.smtp.port"));
        assertEquals("true", p.getProperty("mail.smtp.starttls.enable"));
        assertEquals("true", p.getProperty("mail.smtp.starttls.required"), "STARTTLS on means required");
        assertNull(p.getProperty("mail.smtp.ssl.enable"));
        assertEquals("true", p.getProperty("mail.smtp.auth"));
        assertEquals("XOAUTH2", p.getProperty("mail.smtp.auth.mechanisms"));
        assertEquals("bounce@example.test", p.getProperty("mail.smtp.from"));
        assertEquals("true", p.getProperty("mail.mime.allowutf8"));
        assertEquals("5000", p.getProperty("mail.smtp.timeout"));
        assertEquals("10000", p.getProperty("mail.smtp.writetimeout"));
        assertEquals("noreply@example.test", p.getProperty("mail.from"));
    }

    @Test
    void addressesAreCheckedAndInternationalDomainsConverted() throws EmailException {
        SmtpSettings plain = new SmtpSettings(Map.of("from", "noreply@example.test"));
        assertEquals("a@xn--bcher-kva.example", plain.recipient("a@bücher.example"));
        assertThrows(EmailException.class, () -> plain.recipient("ü@example.test"));
        assertThrows(EmailException.class, () -> plain.recipient(null));
        assertEquals("ü@example.test", new SmtpSettings(Map.of("allowutf8", "true")).recipient("ü@example.test"));
        assertNull(plain.replyTo());
        assertThrows(EmailException.class, () -> new SmtpSettings(Map.of()).from());
    }

    @Test
    void poolSettingsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new SmtpPoolSettings(-1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SmtpPoolSettings(1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SmtpPoolSettings(1, 1, 1, 0));
        assertEquals(SmtpPoolSettings.DEFAULTS, SmtpPoolSettings.from(null));
    }
}
