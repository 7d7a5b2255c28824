package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void codeKeepsLeadingZerosAndIsNotGrouped() {
        String text = SmsText.format("{0} is your code for {1}. {2} min.", Locale.ENGLISH, "001234", "Acme", 5, null);
        assertEquals("001234 is your code for Acme. 5 min.", text);
    }

    @Test
    void webOtpLineBindsTheCodeToTheHost() {
        String text = SmsText.format(SmsText.FALLBACK, Locale.ENGLISH, "482913", "Acme", 5, "id.example.org");
        assertTrue(text.endsWith("\n\n@id.example.org #482913"), text);
    }

    @Test
    void persianPatternsWork() {
        String text = SmsText.format("کد ورود شما به {1}: {0}", Locale.forLanguageTag("fa"), "482913", "آکمه", 5, null);
        assertEquals("کد ورود شما به آکمه: 482913", text);
    }

    @Test
    void aBrokenTenantPatternFallsBackToTheBuiltInText() {
        String text = SmsText.format("{0 is broken", Locale.ENGLISH, "482913", "Acme", 5, null);
        assertTrue(text.startsWith("482913 is your code for Acme"), text);
    }
}
