package io.usso.keycloak.magiclink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LinkGrantTest {

    @Test
    void browserGrantSurvivesTheStoreRoundTrip() {
        LinkGrant grant = Grants.browser("user-1");
        Map<String, String> notes = grant.toNotes();
        assertFalse(notes.containsValue(null));
        assertEquals(grant, LinkGrant.fromNotes(notes));
    }

    @Test
    void apiGrantKeepsItsAuthorizationRequest() {
        AuthRequest request = new AuthRequest("https://app.example/cb", "openid email", "st-1", "n-1",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256");
        LinkGrant grant = new LinkGrant(LinkGrant.Origin.API, "r", "app", null, "new@example.org", null, null, null,
                Grants.NOW, Grants.NOW + 60, "Back office", null, CrossDeviceMode.RETURN_TO_FIRST_WINDOW, request);
        LinkGrant back = LinkGrant.fromNotes(grant.toNotes());
        assertEquals(grant, back);
        assertEquals(request, back.authRequest());
        assertTrue(back.isRegistration());
        assertEquals("email:new@example.org", back.subject());
    }

    @Test
    void userGrantIsNotARegistrationAndHasTheUserAndItsAskingWindowAsSubject() {
        LinkGrant grant = Grants.browser("user-1");
        assertFalse(grant.isRegistration());
        assertEquals("user:user-1\nwindow:root-1\ntab-1", grant.subject());
        assertNull(grant.authRequest());
    }

    @Test
    void expiresAtItsExpirySecond() {
        LinkGrant grant = Grants.browser("realm-a", "u", "spa", Grants.NOW + 10);
        assertFalse(grant.isExpired(Grants.NOW + 9));
        assertTrue(grant.isExpired(Grants.NOW + 10));
    }

    @Test
    void unreadableNotesAreNoGrant() {
        assertNull(LinkGrant.fromNotes(null));
        assertNull(LinkGrant.fromNotes(Map.of()));
        Map<String, String> notes = new HashMap<>(Grants.browser("u").toNotes());
        notes.put("exp", "soon");
        assertNull(LinkGrant.fromNotes(notes));
        notes = new HashMap<>(Grants.browser("u").toNotes());
        notes.put("origin", "EVIL");
        assertNull(LinkGrant.fromNotes(notes));
        notes = new HashMap<>(Grants.browser("u").toNotes());
        notes.remove("realm");
        assertNull(LinkGrant.fromNotes(notes));
    }
}
