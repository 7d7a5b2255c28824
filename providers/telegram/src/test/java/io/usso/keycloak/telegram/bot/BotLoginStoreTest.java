package io.usso.keycloak.telegram.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.common.DeviceInfo;
import io.usso.keycloak.common.NumberMatch;

class BotLoginStoreTest {

    private final MapSingleUseStore entries = new MapSingleUseStore();
    private final BotLoginStore store = new BotLoginStore(entries);

    private static BotLogin draft(NumberMatch match) {
        return new BotLogin(null, "realm-1", "root-1", "tab-1", "client-1", "telegram", match,
                new DeviceInfo("Chrome", "Windows", "203.0.113.9"), 1000, 1120);
    }

    @Test
    void aLoginRoundTripsAndItsSecretsAreStoredOnlyAsHashes() {
        BotLoginStore.Created created = store.create(draft(new NumberMatch(42, List.of(17, 42, 88))), 1000);
        BotLogin login = store.find(created.login().id());
        assertEquals(created.login(), login);
        assertEquals(BotLoginSecrets.hash(created.handle()), login.id());
        assertNotEquals(created.handle(), created.startToken());
        assertTrue(BotLoginSecrets.isToken(created.handle()) && BotLoginSecrets.isToken(created.startToken()));
        String all = entries.entries.toString();
        assertFalse(all.contains(created.handle()) || all.contains(created.startToken()), all);
        assertTrue(login.isBoundTo("root-1", "tab-1", "realm-1"));
        assertFalse(login.isBoundTo("root-1", "tab-2", "realm-1"));
        assertFalse(login.isBoundTo("root-2", "tab-1", "realm-1"));
        assertFalse(login.isBoundTo("root-1", "tab-1", "realm-2"));
    }

    @Test
    void withoutNumberMatchingTheLoginHasNoNumber() {
        BotLoginStore.Created created = store.create(draft(null), 1000);
        assertNull(store.find(created.login().id()).match());
    }

    @Test
    void theStartTokenIsSingleUse() {
        BotLoginStore.Created created = store.create(draft(null), 1000);
        assertNull(store.claimStart("realm-2", created.startToken()), "another tenant's webhook cannot spend it");
        assertEquals(created.login().id(), store.claimStart("realm-1", created.startToken()));
        assertNull(store.claimStart("realm-1", created.startToken()));
        assertNull(store.claimStart("realm-1", BotLoginSecrets.newToken()));
    }

    @Test
    void theFirstDecisionWinsAndConsumingIsSingleUse() {
        BotLogin login = store.create(draft(null), 1000).login();
        assertNull(store.outcome(login.id()));
        assertTrue(store.decide(login, new BotLoginOutcome(BotLoginStatus.APPROVED, "u1", null), 1010));
        assertFalse(store.decide(login, new BotLoginOutcome(BotLoginStatus.DENIED, "u1", "denied"), 1011));
        assertEquals(BotLoginStatus.APPROVED, store.outcome(login.id()).status());
        assertTrue(store.consume(login));
        assertFalse(store.consume(login));
        assertNull(store.find(login.id()));
    }

    @Test
    void aDiscardedLoginCannotBeApprovedAnyMore() {
        BotLogin login = store.create(draft(null), 1000).login();
        store.discard(login.id(), 1005);
        assertNull(store.find(login.id()));
        assertEquals(BotLoginStatus.EXPIRED, store.outcome(login.id()).status());
        assertFalse(store.decide(login, new BotLoginOutcome(BotLoginStatus.APPROVED, "u1", null), 1006));
    }

    @Test
    void promptsRememberWhoMayAnswer() {
        BotLogin login = store.create(draft(null), 1000).login();
        String prompt = store.prompt(login, "5001", "u1", 1001);
        assertEquals(new BotLoginStore.Prompt(login.id(), "5001", "u1"), store.findPrompt(prompt));
        assertNull(store.findPrompt(BotLoginSecrets.newToken()));
        assertTrue(prompt.length() + "n::42".length() <= 64, "fits Telegram's callback_data");
    }

    @Test
    void eachUpdateIsHandledOncePerBot() {
        assertTrue(store.firstDelivery("r", "telegram", 7));
        assertFalse(store.firstDelivery("r", "telegram", 7));
        assertTrue(store.firstDelivery("r", "telegram-2", 7));
        assertTrue(store.firstDelivery("r2", "telegram", 7));
    }

    @Test
    void unreadableNotesAreNoLogin() {
        assertNull(BotLogin.fromNotes("x", null));
        assertNull(BotLogin.fromNotes("x", java.util.Map.of("r", "realm")));
        assertNull(BotLoginOutcome.fromNotes(java.util.Map.of("s", "pending")));
        assertNull(BotLoginOutcome.fromNotes(java.util.Map.of("s", "bogus")));
    }
}
