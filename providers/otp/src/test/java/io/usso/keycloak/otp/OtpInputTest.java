package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class OtpInputTest {

    @Test
    void persianArabicAndFullWidthDigitsBecomeAscii() {
        assertEquals(Optional.of("123456"), OtpInput.normalise("۱۲۳۴۵۶", 6));
        assertEquals(Optional.of("098765"), OtpInput.normalise("٠٩٨٧٦٥", 6));
        assertEquals(Optional.of("123456"), OtpInput.normalise("１２３４５６", 6));
        assertEquals(Optional.of("120456"), OtpInput.normalise("۱2٠4５6", 6), "mixed scripts");
    }

    @Test
    void groupSeparatorsAreDropped() {
        assertEquals(Optional.of("123456"), OtpInput.normalise(" 123 456 ", 6));
        assertEquals(Optional.of("123456"), OtpInput.normalise("123-456", 6));
        assertEquals(Optional.of("123456"), OtpInput.normalise("12.34.56", 6));
    }

    @Test
    void anythingElseIsNotACode() {
        assertTrue(OtpInput.normalise(null, 6).isEmpty());
        assertTrue(OtpInput.normalise("", 6).isEmpty());
        assertTrue(OtpInput.normalise("12345", 6).isEmpty());
        assertTrue(OtpInput.normalise("1234567", 6).isEmpty());
        assertTrue(OtpInput.normalise("12345a", 6).isEmpty());
        assertTrue(OtpInput.normalise("123456\u0000", 6).isEmpty());
        assertTrue(OtpInput.normalise("1".repeat(65), 6).isEmpty());
        assertTrue(OtpInput.normalise("١٢٣٤٥x", 6).isEmpty());
    }
}
