package io.usso.keycloak.apikeys;

/**
 * A freshly generated API key, as returned by {@link ApiKeyFormat#generate(String)}.
 *
 * <p>The full key ({@link #key()}) is shown to its owner exactly once and otherwise only stored as a keyed hash
 * ({@link ApiKeyHasher}). It is a {@link String} rather than a {@code char[]}: it leaves the server in a JSON
 * response (itself a string), so wiping an array would give no real protection. {@link #toString()} never
 * includes it.
 */
public final class GeneratedApiKey {

    private final String key;
    private final String prefix;
    private final String displayPrefix;

    GeneratedApiKey(String key, String prefix, String displayPrefix) {
        this.key = key;
        this.prefix = prefix;
        this.displayPrefix = displayPrefix;
    }

    /** @return the full secret key {@code <prefix><secret><checksum>}; never log it */
    public String key() {
        return key;
    }

    /** @return the tenant prefix the key was generated with, e.g. {@code uss_} */
    public String prefix() {
        return prefix;
    }

    /**
     * @return the non-secret display prefix: tenant prefix plus the first
     *         {@value ApiKeyFormat#DISPLAY_SECRET_LENGTH} secret characters, e.g. {@code uss_Ab3dE9}
     */
    public String displayPrefix() {
        return displayPrefix;
    }

    /** @return the masked form shown in lists, e.g. {@code uss_Ab3dE9…} */
    public String masked() {
        return ApiKeyFormat.mask(displayPrefix);
    }

    /** @return the masked form only, never the key */
    @Override
    public String toString() {
        return "GeneratedApiKey[" + masked() + "]";
    }
}
