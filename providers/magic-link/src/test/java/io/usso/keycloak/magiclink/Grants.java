package io.usso.keycloak.magiclink;

/** Grants for tests. */
final class Grants {

    static final long NOW = 1_800_000_000L;

    private Grants() {
    }

    static LinkGrant browser(String realm, String user, String client, long expiresAt) {
        return new LinkGrant(LinkGrant.Origin.BROWSER, realm, client, user, null, "root-1", "tab-1",
                LinkSecrets.hash("handle"), NOW, expiresAt, "Firefox on Linux (203.0.113.9)", "fa",
                CrossDeviceMode.RETURN_TO_FIRST_WINDOW, null);
    }

    static LinkGrant browser(String user) {
        return browser("realm-a", user, "spa", NOW + 900);
    }
}
