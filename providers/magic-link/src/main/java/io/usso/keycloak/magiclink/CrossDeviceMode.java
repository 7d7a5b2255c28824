package io.usso.keycloak.magiclink;

/** What happens when a link is confirmed in another browser than the one that asked for it. */
public enum CrossDeviceMode {

    /** The other device shows "you can return to your first window"; the first window continues by itself. */
    RETURN_TO_FIRST_WINDOW("return-to-first-window"),
    /** The first window continues, and the other device is signed in too (it gets its own SSO session). */
    LOG_IN_BOTH("log-in-both");

    private final String configValue;

    CrossDeviceMode(String configValue) {
        this.configValue = configValue;
    }

    /** @return the value in the authenticator config */
    public String configValue() {
        return configValue;
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
