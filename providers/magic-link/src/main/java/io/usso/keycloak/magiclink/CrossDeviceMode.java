package io.usso.keycloak.magiclink;

/**
 * What happens when a link is confirmed in another browser than the one that asked for it. The default,
 * {@link #SAME_BROWSER}, refuses: otherwise whoever asks for a link for someone else's address (in their own browser)
 * would be signed in as soon as that person clicks Confirm. The two cross-device modes need the person to type, on
 * the other device, the {@link CrossDeviceCode} shown by the window that asked, so a stranger's window is never
 * approved by a click alone.
 */
public enum CrossDeviceMode {

    /** Only the browser that asked can use the link; another browser is told to open it there (the default). */
    SAME_BROWSER("same-browser"),
    /** The other device confirms with the first window's code and shows "return to your first window". */
    RETURN_TO_FIRST_WINDOW("return-to-first-window"),
    /** As {@link #RETURN_TO_FIRST_WINDOW}, and the other device is signed in too (it gets its own SSO session). */
    LOG_IN_BOTH("log-in-both");

    private final String configValue;

    CrossDeviceMode(String configValue) {
        this.configValue = configValue;
    }

    /** @return the value in the authenticator config */
    public String configValue() {
        return configValue;
    }

    /** @return whether a link may be confirmed in another browser (with the first window's code) */
    public boolean allowsOtherBrowser() {
        return this != SAME_BROWSER;
    }

    /**
     * @param value a config value (case-insensitive), may be null
     * @return the mode, or null when unknown
     */
    public static CrossDeviceMode fromConfigValue(String value) {
        for (CrossDeviceMode mode : values()) {
            if (mode.configValue.equalsIgnoreCase(value == null ? "" : value.strip())) {
                return mode;
            }
        }
        return null;
    }
}
