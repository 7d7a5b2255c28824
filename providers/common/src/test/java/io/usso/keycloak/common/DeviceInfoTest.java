package io.usso.keycloak.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeviceInfoTest {

    @Test
    void recognisesCommonBrowsersAndSystems() {
        assertEquals("Chrome on Windows", DeviceInfo.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", null).summary());
        assertEquals("Edge on Windows", DeviceInfo.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", null).summary());
        assertEquals("Safari on iOS", DeviceInfo.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", null).summary());
        assertEquals("Firefox on Linux", DeviceInfo.of("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 "
                + "Firefox/133.0", null).summary());
        assertEquals("Chrome on Android", DeviceInfo.of("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", null).summary());
        assertEquals("Safari on macOS", DeviceInfo.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15", null).summary());
    }

    @Test
    void unknownNullAndHugeInputsAreSafe() {
        assertEquals("Unknown browser on unknown system", DeviceInfo.of(null, null).summary());
        assertEquals("Unknown browser on unknown system", DeviceInfo.of("\u0000\uFFFF", "203.0.113.9").summary());
        assertEquals("203.0.113.9", DeviceInfo.of("x", "203.0.113.9").ip());
        // the hint beyond the first 512 characters is ignored
        assertEquals(DeviceInfo.UNKNOWN_BROWSER, DeviceInfo.of("a".repeat(600) + " Firefox/1", null).browser());
    }
}
