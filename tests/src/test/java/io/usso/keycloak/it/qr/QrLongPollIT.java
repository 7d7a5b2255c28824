package io.usso.keycloak.it.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.TenantIT;

/**
 * The QR waiting page's long poll against the real server: only the browser that started the sign-in may wait on
 * its status, one address gets a bounded number of waiting requests (the rest answer at once and poll), and
 * requests that wait hold no worker thread (the server keeps answering while they wait).
 */
class QrLongPollIT extends TenantIT {

    /** The distribution's default {@code max-waiters-per-address}. */
    private static final int PER_ADDRESS = 20;

    @Override
    protected void setUpTenant() {
        QrFlows flows = new QrFlows(admin, realm);
        flows.createAppClient("qr-app", "QR Test App", flows.createQrFlow("qr-browser",
                Map.of("rate.create.per.minute", "1000", "rate.scan.per.minute", "1000")));
    }

    @Test
    void anotherBrowserNeitherWaitsOnNorReadsTheStatus() {
        QrDesktop desktop = new QrDesktop(realmUrl(), "qr-app").open();
        long started = System.nanoTime();
        Http.Response stranger = Http.plain().get(desktop.statusUrl() + "?generation=0&wait=10");
        assertEquals(403, stranger.status(), stranger.body());
        assertEquals("access_denied", stranger.json().get("error").asText());
        assertTrue(stranger.json().has("error_description"));
        assertFalse(stranger.body().contains("pending"), "no state leaks to another browser");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 3_000, "refused without waiting");
        Http.Response otherCookies = Http.withCookies().get(desktop.statusUrl() + "?generation=0&wait=10");
        assertEquals(403, otherCookies.status(), "another browser's cookies do not count");
        assertEquals("pending", desktop.status(0, 0).json().get("status").asText(), "the page itself still can");
    }

    @Test
    void oneAddressGetsABoundedNumberOfWaitersAndTheServerKeepsAnswering() throws Exception {
        List<QrDesktop> desktops = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS + 5; i++) {
            desktops.add(new QrDesktop(realmUrl(), "qr-app").open());
        }
        List<CompletableFuture<Http.Response>> polls = new ArrayList<>();
        for (QrDesktop desktop : desktops) {
            polls.add(CompletableFuture.supplyAsync(() -> desktop.status(0, 8)));
        }
        Thread.sleep(2_000);
        int answered = 0;
        for (CompletableFuture<Http.Response> poll : polls) {
            if (poll.isDone()) {
                Http.Response r = poll.get();
                AdminApi.expect(r, 200, "status");
                assertEquals("pending", r.json().get("status").asText());
                assertTrue(r.json().get("retry_ms").asLong() > 0, "a refused wait tells the page to poll: " + r.body());
                answered++;
            }
        }
        assertEquals(5, answered, "all but " + PER_ADDRESS + " polls from one address answer at once");
        // while they wait, the server serves as usual
        long before = System.nanoTime();
        AdminApi.expect(Http.plain().get(realmUrl() + "/.well-known/openid-configuration"), 200, "discovery");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) < 2_000, "discovery stalled");
        int waited = 0;
        for (CompletableFuture<Http.Response> poll : polls) {
            Http.Response r = poll.get(20, TimeUnit.SECONDS);
            AdminApi.expect(r, 200, "status");
            assertEquals("pending", r.json().get("status").asText(), r.body());
            if (r.json().get("retry_ms").asLong() == 0) {
                waited++;
            }
        }
        assertEquals(PER_ADDRESS, waited, "the waiting polls answer when their wait ends");
    }
}
