package io.usso.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

class EmailOtpChannelTest {

    @Test
    void addressesAreTrimmedAndLowerCased() {
        assertEquals(Optional.of("dana@example.com"), EmailOtpChannel.normaliseEmail("  Dana@Example.COM "));
    }

    @Test
    void nonAddressesAreRefused() {
        for (String bad : new String[] {null, "", "dana", "@example.com", "dana@", "dana@localhost", "a@b@c.de",
                "da na@example.com", "dana@example..com", "dana@.example.com", "<a@b.cd>", "a@b\n.cd",
                "x".repeat(250) + "@b.cd"}) {
            assertTrue(EmailOtpChannel.normaliseEmail(bad).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void maskKeepsTheFirstLetterAndTheDomain() {
        assertEquals("d•••@example.com", EmailOtpChannel.mask("dana@example.com"));
        assertEquals("•••", EmailOtpChannel.mask("weird"));
    }

    @Test
    void anAccountWhoseAddressIsNotVerifiedIsNotFoundByIt() {
        KeycloakSession session = mock(KeycloakSession.class);
        RealmModel realm = mock(RealmModel.class);
        UserProvider users = mock(UserProvider.class);
        UserModel user = mock(UserModel.class);
        when(session.users()).thenReturn(users);
        when(users.getUserByEmail(realm, "dana@example.com")).thenReturn(user);
        EmailOtpChannel channel = new EmailOtpChannel();
        assertTrue(channel.findUser(session, realm, "dana@example.com").isEmpty(), "unverified: as unknown");
        when(user.isEmailVerified()).thenReturn(true);
        assertEquals(Optional.of(user), channel.findUser(session, realm, "dana@example.com"));
    }
}
