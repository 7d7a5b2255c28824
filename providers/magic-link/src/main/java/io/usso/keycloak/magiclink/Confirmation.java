package io.usso.keycloak.magiclink;

import java.util.Map;

/**
 * A confirmed link taken from the store by the authenticator that completes the login.
 *
 * @param state how it was confirmed
 * @param grant the used link's grant
 * @param bindingHash SHA-256 of the browser-binding cookie (references only), else null
 */
public record Confirmation(ConfirmationState state, LinkGrant grant, String bindingHash) {

    /**
     * @param notes a removed status or reference entry, may be null
     * @return the confirmation, or null when absent, pending, refused or unreadable
     */
    static Confirmation of(Map<String, String> notes) {
        ConfirmationState state = ConfirmationState.of(notes);
        LinkGrant grant = LinkGrant.fromNotes(notes);
        if (state == ConfirmationState.PENDING || state == ConfirmationState.REFUSED || grant == null) {
            return null;
        }
        return new Confirmation(state, grant, notes.get(MagicLinkStore.NOTE_BINDING));
    }
}
