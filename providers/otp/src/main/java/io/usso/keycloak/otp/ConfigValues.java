package io.usso.keycloak.otp;

import java.util.List;
import java.util.Map;

/**
 * Reads typed values out of a provider config map (authenticator or required-action config): blank means unset,
 * numbers are plain ASCII digits within bounds, booleans are {@code true}/{@code false}. A bad value falls back to
 * the default and adds a warning naming the key and the reason, never the value (it may be a secret).
 */
public final class ConfigValues {

    private static final int MAX_DIGITS = 9;

    private ConfigValues() {
    }

    /**
     * @param config the map, may be null
     * @param key the key
     * @return the stripped value, or null when missing or blank
     */
    public static String string(Map<String, String> config, String key) {
        if (config == null) {
            return null;
        }
        String raw = config.get(key);
        if (raw == null) {
            return null;
        }
        String stripped = raw.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /**
     * @param config the map
     * @param key the key
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param fallback value when unset or invalid
     * @param warnings receives one message per invalid value
     * @return the number
     */
    public static int number(Map<String, String> config, String key, int min, int max, int fallback,
            List<String> warnings) {
        String raw = string(config, key);
        if (raw == null) {
            return fallback;
        }
        if (raw.length() > MAX_DIGITS) {
            warnings.add(key + " must be between " + min + " and " + max + "; using " + fallback);
            return fallback;
        }
        int parsed = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                warnings.add(key + " is not a whole number; using " + fallback);
                return fallback;
            }
            parsed = parsed * 10 + (c - '0');
        }
        if (parsed < min || parsed > max) {
            warnings.add(key + " must be between " + min + " and " + max + "; using " + fallback);
            return fallback;
        }
        return parsed;
    }

    /**
     * @param config the map
     * @param key the key
     * @param fallback value when unset or invalid
     * @param warnings receives one message per invalid value
     * @return the boolean
     */
    public static boolean bool(Map<String, String> config, String key, boolean fallback, List<String> warnings) {
        String raw = string(config, key);
        if (raw == null) {
            return fallback;
        }
        if ("true".equalsIgnoreCase(raw) || "false".equalsIgnoreCase(raw)) {
            return Boolean.parseBoolean(raw);
        }
        warnings.add(key + " is not true or false; using " + fallback);
        return fallback;
    }
}
