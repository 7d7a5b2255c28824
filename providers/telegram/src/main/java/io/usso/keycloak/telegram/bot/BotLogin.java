package io.usso.keycloak.telegram.bot;

import java.util.HashMap;
import java.util.Map;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.NumberMatch;

/**
 * One bot-confirmed login: a waiting sign-in page asking the tenant's bot to confirm it. Written once when the page
 * is rendered and never changed (the chat, the decision and the start token are separate entries).
 *
 * @param id SHA-256 hex of the waiting page's status handle (the handle itself is never stored)
 * @param realmId the tenant
 * @param rootSessionId the browser's root authentication session
 * @param tabId the browser's authentication session tab
 * @param clientId internal id of the client the browser signs in to
 * @param idpAlias the Telegram identity provider whose bot confirms (and whose federated identities count)
 * @param match the number shown in the browser and the choices the chat offers; null when number matching is off
 * @param device the browser, its system and address
 * @param createdAt epoch seconds
 * @param expiresAt epoch seconds: no decision from then on
 */
public record BotLogin(String id, String realmId, String rootSessionId, String tabId, String clientId,
        String idpAlias, NumberMatch match, DeviceInfo device, long createdAt, long expiresAt) {

    /**
     * @param nowSeconds epoch seconds
     * @return whether the login can no longer be decided
     */
    public boolean isExpired(long nowSeconds) {
        return nowSeconds >= expiresAt;
    }

    /**
     * @param rootSession a root authentication session id
     * @param tab a tab id
     * @param realm a realm id
     * @return whether this login belongs to that authentication session of that realm
     */
    public boolean isBoundTo(String rootSession, String tab, String realm) {
        return realmId.equals(realm) && rootSessionId.equals(rootSession) && tabId.equals(tab);
    }

    /** @return the store notes */
    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("r", realmId);
        notes.put("as", rootSessionId);
        notes.put("tab", tabId);
        notes.put("ci", clientId);
        notes.put("idp", idpAlias);
        if (match != null) {
            notes.put("n", String.valueOf(match.number()));
            notes.put("ch", match.choicesNote());
        }
        notes.put("b", device.browser());
        notes.put("o", device.os());
        if (device.ip() != null) {
            notes.put("ip", device.ip());
        }
        notes.put("c", String.valueOf(createdAt));
        notes.put("e", String.valueOf(expiresAt));
        return notes;
    }

    /**
     * @param id the login id
     * @param notes stored notes, may be null
     * @return the login, or null when the notes are missing or unreadable
     */
    public static BotLogin fromNotes(String id, Map<String, String> notes) {
        if (notes == null) {
            return null;
        }
        try {
            NumberMatch match = notes.get("n") == null ? null : NumberMatch.parse(notes.get("n"), notes.get("ch"));
            if (notes.get("r") == null || notes.get("as") == null || notes.get("tab") == null
                    || notes.get("idp") == null || (notes.get("n") != null && match == null)) {
                return null;
            }
            return new BotLogin(id, notes.get("r"), notes.get("as"), notes.get("tab"), notes.get("ci"),
                    notes.get("idp"), match, new DeviceInfo(notes.get("b"), notes.get("o"), notes.get("ip")),
                    Long.parseLong(notes.get("c")), Long.parseLong(notes.get("e")));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
