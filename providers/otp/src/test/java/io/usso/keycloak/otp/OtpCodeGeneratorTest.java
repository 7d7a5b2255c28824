package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OtpCodeGeneratorTest {

    private final OtpCodeGenerator generator = new OtpCodeGenerator();

    @Test
    void codesAreExactlyTheRequestedNumberOfAsciiDigits() {
        for (int length = OtpCodeGenerator.MIN_LENGTH; length <= OtpCodeGenerator.MAX_LENGTH; length++) {
            for (int i = 0; i < 200; i++) {
                String code = generator.generate(length);
                assertEquals(length, code.length());
                assertTrue(code.chars().allMatch(c -> c >= '0' && c <= '9'), code);
            }
        }
    }

    @Test
    void lengthsOutsideTheBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> generator.generate(3));
        assertThrows(IllegalArgumentException.class, () -> generator.generate(11));
    }

    /**
     * Chi-square goodness of fit of every digit position over 100,000 six-digit codes: with 9 degrees of freedom the
     * statistic exceeds 33.7 with probability 0.0001 for a uniform source; a modulo-biased or constant source (e.g.
     * never a leading zero) fails by orders of magnitude.
     */
    @Test
    void everyPositionIsUniformOverTheTenDigits() {
        int samples = 100_000;
        long[][] counts = new long[6][10];
        for (int i = 0; i < samples; i++) {
            String code = generator.generate(6);
            for (int p = 0; p < 6; p++) {
                counts[p][code.charAt(p) - '0']++;
            }
        }
        double expected = samples / 10.0;
        for (int p = 0; p < 6; p++) {
            double chi = 0;
            for (int d = 0; d < 10; d++) {
                chi += Math.pow(counts[p][d] - expected, 2) / expected;
            }
            assertTrue(chi < 33.7, "position " + p + " not uniform: chi2=" + chi);
        }
    }

    @Test
    void codesDoNotRepeatMuchMoreThanChanceAllows() {
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (int i = 0; i < 2000; i++) {
            if (!seen.add(generator.generate(10))) {
                duplicates++;
            }
        }
        assertEquals(0, duplicates, "10-digit codes should practically never repeat in 2000 draws");
    }
}
