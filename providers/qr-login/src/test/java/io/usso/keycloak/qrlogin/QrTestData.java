package io.usso.keycloak.qrlogin;

import java.util.List;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.NumberMatch;

/** Attempts for tests. */
final class QrTestData {

    static final String REALM = "realm-1";

    private QrTestData() {
    }

    /** A draft created at {@code now}: 120 s lifetime, 30 s rotation, number 42 among 17, 42, 88. */
    static QrAttemptDraft draft(long now) {
        return draft(now, 120, 30);
    }

    static QrAttemptDraft draft(long now, int lifetime, int rotation) {
        return new QrAttemptDraft(REALM, "root-1", "tab-1", "client-uuid", "Shop", new NumberMatch(42,
                List.of(17, 42, 88)), DeviceInfo.of("Mozilla/5.0 (Windows NT 10.0) Chrome/130.0", "203.0.113.9"),
                now, now + lifetime, rotation, 300);
    }
}
