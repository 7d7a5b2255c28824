package io.usso.keycloak.magiclink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MagicLinkMailerTest {

    private static MailJob job(long lifetime, String device) {
        return new MailJob("r", "u", null, "spa", "https://id.example/realms/r/magic-link/open?token=SECRET",
                lifetime, device, 1_772_360_100L, "fa");
    }

    @Test
    void modelMatchesTheEmailTemplatesContract() {
        Map<String, Object> model = MagicLinkMailer.model(job(900, "Chrome on Linux (203.0.113.9)"));
        assertEquals("https://id.example/realms/r/magic-link/open?token=SECRET", model.get("link"));
        assertEquals(15L, model.get("linkExpiration"));
        assertEquals("Chrome on Linux (203.0.113.9)", model.get("device"));
        assertEquals("2026-03-01 10:15 UTC", model.get("requestTime"));
    }

    @Test
    void minutesAreRoundedUpAndDeviceIsOptional() {
        assertEquals(1L, job(30, null).lifetimeMinutes());
        assertEquals(2L, job(61, null).lifetimeMinutes());
        assertFalse(MagicLinkMailer.model(job(60, null)).containsKey("device"), "template falls back to 'unknown'");
    }

    @Test
    void neitherJobNorLinkPrintsTheSecret() {
        assertFalse(job(900, null).toString().contains("SECRET"));
        IssuedLink link = new IssuedLink("SECRET", "https://x/open?token=SECRET", Grants.browser("u"));
        assertFalse(link.toString().contains("SECRET"));
    }
}
