package io.usso.keycloak.otp.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    private static final Optional<String> CANONICAL = Optional.of("989121234567");

    @ParameterizedTest
    @ValueSource(strings = {
        "+989121234567", "+98 912 123 4567", "+98 (912) 123-4567", "0098 912 123 4567", "00989121234567",
        "09121234567", "0912 123 4567", "9121234567", "989121234567",
        "۰۹۱۲۱۲۳۴۵۶۷", "+۹۸۹۱۲۱۲۳۴۵۶۷", "۰۰۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷", "٠٩١٢١٢٣٤٥٦٧", "\u200E+98 912 123 4567\u200F",
        "0912.123.4567"})
    void everyCommonIranianNotationBecomesTheCanonicalForm(String typed) {
        assertEquals(CANONICAL, PhoneNumbers.canonical(typed, "IR"), typed);
    }

    @Test
    void otherCountriesKeepTheirCountryCode() {
        assertEquals(Optional.of("16502530000"), PhoneNumbers.canonical("+1 650-253-0000", "IR"));
        assertEquals(Optional.of("16502530000"), PhoneNumbers.canonical("(650) 253-0000", "US"));
        assertEquals(Optional.of("4915123456789"), PhoneNumbers.canonical("0049 151 23456789", "IR"));
        assertEquals(Optional.of("4915123456789"), PhoneNumbers.canonical("0151 23456789", "DE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "123", "0912123456", "091212345678", "+98 000 000 0000", "phone",
        "0912-123-456a", "++989121234567", "+98912123456+7", "<script>", "09121234567; DROP"})
    void invalidInputIsRefused(String typed) {
        assertTrue(PhoneNumbers.canonical(typed, "IR").isEmpty(), typed);
    }

    @Test
    void nullAndHugeInputsAreRefused() {
        assertTrue(PhoneNumbers.canonical(null, "IR").isEmpty());
        assertTrue(PhoneNumbers.canonical("9".repeat(41), "IR").isEmpty());
    }

    @Test
    void displayAndMask() {
        assertEquals("+98 912 123 4567", PhoneNumbers.display("989121234567"));
        assertEquals("+98 ••• 4567", PhoneNumbers.mask("989121234567"));
        assertEquals(98, PhoneNumbers.countryCode("989121234567"));
        assertEquals("9121234567", PhoneNumbers.nationalNumber("989121234567"));
    }
}
