package io.usso.keycloak.magiclink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MagicLinkStoreTest {

    private final InMemorySingleUseStore backing = new InMemorySingleUseStore();
    private final MagicLinkStore store = new MagicLinkStore(backing);
    private static final long NOW = Grants.NOW;

    private String issue(LinkGrant grant) {
        String token = LinkSecrets.generate();
        store.issue(LinkSecrets.hash(token), grant, NOW);
        return LinkSecrets.hash(token);
    }

    @Test
    void keysHoldOnlyHashesAndEntriesOutliveExpiryForClearMessages() {
        String token = LinkSecrets.generate();
        store.issue(LinkSecrets.hash(token), Grants.browser("user-1"), NOW);
        for (String key : backing.entries.keySet()) {
            assertFalse(key.contains(token), "token in a key: " + key);
            assertTrue(key.startsWith("usso-ml:"), key);
        }
        backing.entries.values().forEach(notes -> assertFalse(notes.containsValue(token)));
        assertTrue(backing.lifespans.values().stream().allMatch(l -> l == 900 + MagicLinkStore.GRACE_SECONDS));
    }

    @Test
    void peekingChangesNothingAndConsumingWorksOnce() {
        String hash = issue(Grants.browser("user-1"));
        for (int i = 0; i < 5; i++) {
            assertEquals(LinkCheck.VALID, store.peek(hash, "realm-a", NOW + 1).check(), "a scanner's GET");
        }
        MagicLinkStore.Verdict first = store.consume(hash, "realm-a", NOW + 2);
        assertEquals(LinkCheck.VALID, first.check());
        assertEquals("user-1", first.grant().userId());
        assertEquals(LinkCheck.USED, store.consume(hash, "realm-a", NOW + 3).check());
        assertEquals(LinkCheck.USED, store.peek(hash, "realm-a", NOW + 3).check());
    }

    @Test
    void aNewerLinkInvalidatesTheOlderOneOfTheSameUserAndClient() {
        String older = issue(Grants.browser("user-1"));
        String newer = issue(Grants.browser("user-1"));
        String otherClient = issue(Grants.browser("realm-a", "user-1", "admin-app", NOW + 900));
        String otherUser = issue(Grants.browser("user-2"));
        assertEquals(LinkCheck.SUPERSEDED, store.peek(older, "realm-a", NOW).check());
        assertEquals(LinkCheck.SUPERSEDED, store.consume(older, "realm-a", NOW).check());
        assertEquals(LinkCheck.VALID, store.consume(newer, "realm-a", NOW).check());
        assertEquals(LinkCheck.VALID, store.peek(otherClient, "realm-a", NOW).check());
        assertEquals(LinkCheck.VALID, store.peek(otherUser, "realm-a", NOW).check());
    }

    @Test
    void aLinkAskedForInAnotherWindowNeverSupersedesThisWindowsLink() {
        LinkGrant victims = Grants.browser("user-1");
        LinkGrant strangers = new LinkGrant(LinkGrant.Origin.BROWSER, "realm-a", "spa", "user-1", null, "root-2",
                "tab-9", LinkSecrets.hash("other handle"), NOW, NOW + 900, null, null,
                CrossDeviceMode.SAME_BROWSER, null);
        String victimLink = issue(victims);
        String strangerLink = issue(strangers);
        assertEquals(LinkCheck.VALID, store.peek(victimLink, "realm-a", NOW).check(), "the victim's link survives");
        assertEquals(LinkCheck.VALID, store.peek(strangerLink, "realm-a", NOW).check());
        String resent = issue(victims);
        assertEquals(LinkCheck.SUPERSEDED, store.peek(victimLink, "realm-a", NOW).check(), "resend in the same window");
        assertEquals(LinkCheck.VALID, store.peek(resent, "realm-a", NOW).check());
        assertEquals(LinkCheck.VALID, store.peek(strangerLink, "realm-a", NOW).check());
    }

    @Test
    void aRefusalIsShownToTheWaitingWindowButNeverCompletesALoginAndANewLinkClearsIt() {
        LinkGrant grant = Grants.browser("user-1");
        store.refuse(grant.handleHash(), grant, 300);
        assertEquals(ConfirmationState.REFUSED, store.status(grant.handleHash()));
        assertEquals("refused", ConfirmationState.REFUSED.json());
        assertNull(store.takeConfirmation(grant.handleHash()), "a refused confirmation completes nothing");
        store.refuse(grant.handleHash(), grant, 300);
        issue(grant);
        assertEquals(ConfirmationState.PENDING, store.status(grant.handleHash()), "the new link starts over");
    }

    @Test
    void expiredLinksAreRefused() {
        String hash = issue(Grants.browser("realm-a", "user-1", "spa", NOW + 60));
        assertEquals(LinkCheck.VALID, store.peek(hash, "realm-a", NOW + 59).check());
        assertEquals(LinkCheck.EXPIRED, store.peek(hash, "realm-a", NOW + 60).check());
        assertEquals(LinkCheck.EXPIRED, store.consume(hash, "realm-a", NOW + 61).check());
    }

    @Test
    void anotherTenantsLinkIsInvalidHere() {
        String hash = issue(Grants.browser("user-1"));
        assertEquals(LinkCheck.INVALID, store.peek(hash, "realm-b", NOW).check());
        assertEquals(LinkCheck.INVALID, store.consume(hash, "realm-b", NOW).check());
        assertEquals(LinkCheck.VALID, store.consume(hash, "realm-a", NOW).check(), "refusal elsewhere used nothing");
        assertEquals(LinkCheck.INVALID, store.peek(hash, "realm-b", NOW).check(), "'used' is not told to others");
    }

    @Test
    void unknownTokensAndDecoysAreInvalid() {
        assertEquals(LinkCheck.INVALID, store.peek(LinkSecrets.hash("nope"), "realm-a", NOW).check());
        LinkGrant decoy = new LinkGrant(LinkGrant.Origin.DECOY, "realm-a", "spa", null, "decoy:x@example.org",
                "root", "tab", "h", NOW, NOW + 900, null, null, CrossDeviceMode.RETURN_TO_FIRST_WINDOW, null);
        String hash = issue(decoy);
        assertEquals(LinkCheck.INVALID, store.consume(hash, "realm-a", NOW).check());
        assertTrue(backing.lifespans.entrySet().stream().filter(e -> !e.getKey().startsWith(MagicLinkStore.WAIT))
                .allMatch(e -> e.getValue() <= MagicLinkStore.DECOY_SECONDS));
        // the waiting window of an unknown address lives exactly as long as a real one's: its status tells nothing
        assertEquals(900L + MagicLinkStore.GRACE_SECONDS, backing.lifespans.get(MagicLinkStore.WAIT + "h"));
        assertTrue(store.isWaitingIn("h", "realm-a", "root"));
    }

    @Test
    void aWaitingHandleBelongsToItsTenantAndBrowserOnly() {
        LinkGrant grant = new LinkGrant(LinkGrant.Origin.BROWSER, "realm-a", "spa", "user-1", "a@example.org",
                "root-1", "tab", "h1", NOW, NOW + 900, null, null, CrossDeviceMode.RETURN_TO_FIRST_WINDOW, null);
        issue(grant);
        assertTrue(store.isWaitingIn("h1", "realm-a", "root-1"));
        assertEquals(900L + MagicLinkStore.GRACE_SECONDS, backing.lifespans.get(MagicLinkStore.WAIT + "h1"));
        assertFalse(store.isWaitingIn("h1", "realm-a", "root-2"), "another browser");
        assertFalse(store.isWaitingIn("h1", "realm-b", "root-1"), "another tenant");
        assertFalse(store.isWaitingIn("h1", "realm-a", null), "no authentication session");
        assertFalse(store.isWaitingIn("unknown", "realm-a", "root-1"));
    }

    @Test
    void concurrentConfirmationsUseALinkExactlyOnce() throws Exception {
        String hash = issue(Grants.browser("user-1"));
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LinkCheck>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return store.consume(hash, "realm-a", NOW).check();
            }));
        }
        start.countDown();
        int valid = 0;
        for (Future<LinkCheck> result : results) {
            LinkCheck check = result.get(10, TimeUnit.SECONDS);
            if (check == LinkCheck.VALID) {
                valid++;
            } else {
                assertEquals(LinkCheck.USED, check);
            }
        }
        pool.shutdown();
        assertEquals(1, valid);
    }

    @Test
    void aConfirmationIsPendingUntilConfirmedAndTakenOnce() {
        String handleHash = LinkSecrets.hash("handle");
        LinkGrant grant = Grants.browser("user-1");
        assertEquals(ConfirmationState.PENDING, store.status(handleHash));
        assertNull(store.takeConfirmation(handleHash));
        store.confirm(handleHash, ConfirmationState.CONFIRMED, grant, 1800);
        assertEquals(ConfirmationState.CONFIRMED, store.status(handleHash));
        Confirmation taken = store.takeConfirmation(handleHash);
        assertNotNull(taken);
        assertEquals(grant, taken.grant());
        assertEquals(ConfirmationState.CONFIRMED, taken.state());
        assertNull(store.takeConfirmation(handleHash), "a confirmation completes one login");
        assertEquals(ConfirmationState.PENDING, store.status(handleHash));
    }

    @Test
    void aReferenceCarriesItsBrowserBindingAndIsTakenOnce() {
        LinkGrant grant = Grants.browser("user-1");
        store.putReference("ref-hash", "binding-hash", grant, 300);
        Confirmation taken = store.takeReference("ref-hash");
        assertEquals("binding-hash", taken.bindingHash());
        assertEquals(grant, taken.grant());
        assertNull(store.takeReference("ref-hash"));
        assertEquals(300L, backing.lifespans.get(MagicLinkStore.REF + "ref-hash"));
    }

    @Test
    void stateNamesAreTheStatusEndpointValues() {
        assertEquals("pending", ConfirmationState.PENDING.json());
        assertEquals("confirmed", ConfirmationState.CONFIRMED.json());
        assertEquals("continued", ConfirmationState.CONTINUED.json());
    }
}
