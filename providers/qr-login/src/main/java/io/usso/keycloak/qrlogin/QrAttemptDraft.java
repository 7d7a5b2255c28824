package io.usso.keycloak.qrlogin;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.NumberMatch;

/**
 * A {@link QrAttempt} before it is stored: the store adds the id (hash of the handle it generates) and the short
 * code's hash.
 *
 * @param realmId the tenant
 * @param rootSessionId the waiting page's root authentication session
 * @param tabId its tab
 * @param clientId internal id of the client
 * @param clientName name shown on the phone
 * @param match the number and choices
 * @param device the waiting page's device
 * @param createdAt epoch seconds
 * @param expiresAt epoch seconds
 * @param rotationSeconds validity of one QR code
 * @param statusPerMinute status requests allowed per minute
 */
public record QrAttemptDraft(String realmId, String rootSessionId, String tabId, String clientId, String clientName,
        NumberMatch match, DeviceInfo device, long createdAt, long expiresAt, int rotationSeconds,
        int statusPerMinute) {

    /**
     * @param id the attempt id
     * @param shortCodeHash the short code's hash, or null
     * @return the attempt
     */
    public QrAttempt withId(String id, String shortCodeHash) {
        return new QrAttempt(id, realmId, rootSessionId, tabId, clientId, clientName, match, device, createdAt,
                expiresAt, rotationSeconds, shortCodeHash, statusPerMinute);
    }
}
