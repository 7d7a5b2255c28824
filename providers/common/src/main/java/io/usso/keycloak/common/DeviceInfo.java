package io.usso.keycloak.common;

import java.util.Locale;

/**
 * What a person is shown about "the device asking": browser and operating system guessed from a User-Agent header,
 * plus the address. Used by e-mails ("requested from Chrome on Windows") and confirm pages (QR login, magic link).
 * Guesses only the common families; anything else is "Unknown browser" / "unknown system". Never throws.
 *
 * @param browser browser family, e.g. {@code Chrome}, {@code Firefox}, {@code Safari}, {@code Edge}
 * @param os operating system family, e.g. {@code Windows}, {@code macOS}, {@code Android}, {@code iOS}, {@code Linux}
 * @param ip the client address as Keycloak saw it, may be null
 */
public record DeviceInfo(String browser, String os, String ip) {

    /** Browser name when none is recognised. */
    public static final String UNKNOWN_BROWSER = "Unknown browser";
    /** System name when none is recognised. */
    public static final String UNKNOWN_OS = "unknown system";
    /** Longest User-Agent looked at; the rest is ignored. */
    public static final int MAX_USER_AGENT = 512;

    /**
     * @param userAgent the User-Agent header, may be null or huge
     * @param ip the client address, may be null
     * @return the guess
     */
    public static DeviceInfo of(String userAgent, String ip) {
        String ua = userAgent == null ? "" : userAgent.length() > MAX_USER_AGENT
                ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
        String lower = ua.toLowerCase(Locale.ROOT);
        return new DeviceInfo(browser(lower), os(lower), ip);
    }

    /** @return e.g. {@code Chrome on Windows} */
    public String summary() {
        return browser + " on " + os;
    }

    private static String browser(String ua) {
        if (ua.contains("edg/") || ua.contains("edge/")) {
            return "Edge";
        }
        if (ua.contains("opr/") || ua.contains("opera")) {
            return "Opera";
        }
        if (ua.contains("firefox/") || ua.contains("fxios/")) {
            return "Firefox";
        }
        if (ua.contains("chrome/") || ua.contains("crios/") || ua.contains("chromium/")) {
            return "Chrome";
        }
        if (ua.contains("safari/") && ua.contains("version/")) {
            return "Safari";
        }
        if (ua.contains("curl/")) {
            return "curl";
        }
        return UNKNOWN_BROWSER;
    }

    private static String os(String ua) {
        if (ua.contains("android")) {
            return "Android";
        }
        if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod")) {
            return "iOS";
        }
        if (ua.contains("windows")) {
            return "Windows";
        }
        if (ua.contains("mac os x") || ua.contains("macintosh")) {
            return "macOS";
        }
        if (ua.contains("cros")) {
            return "ChromeOS";
        }
        if (ua.contains("linux")) {
            return "Linux";
        }
        return UNKNOWN_OS;
    }
}
