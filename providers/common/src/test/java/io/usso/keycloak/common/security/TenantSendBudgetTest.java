package io.usso.keycloak.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.usso.keycloak.common.ConcurrentSingleUseStore;

class TenantSendBudgetTest {

    private final ConcurrentSingleUseStore store = new ConcurrentSingleUseStore();

    private TenantSendBudget budget(String realmId, String... attributes) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            values.put(attributes[i], attributes[i + 1]);
        }
        return new TenantSendBudget(store, realmId, realmId + "-name", TenantSecuritySettings.fromAttributes(values));
    }

    @Test
    void theBudgetRefusesOnceUsedUpAndAgainInTheNextHour() {
        TenantSendBudget b = budget("r1", TenantSecuritySettings.SMS_PER_HOUR, "3");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, b.acquire(TenantSendBudget.Channel.SMS, 7200 + i));
        }
        long wait = b.acquire(TenantSendBudget.Channel.SMS, 7300);
        assertEquals(3600 - 100, wait);
        assertTrue(b.exhausted(TenantSendBudget.Channel.SMS, 7300) > 0, "decoys see it too");
        assertEquals(0, b.acquire(TenantSendBudget.Channel.SMS, 7200 + 3600), "a new hour");
        assertEquals(0, b.acquire(TenantSendBudget.Channel.EMAIL, 7300), "e-mail has its own budget");
    }

    @Test
    void tenantsHaveTheirOwnBudgets() {
        TenantSendBudget r1 = budget("r1", TenantSecuritySettings.EMAILS_PER_HOUR, "1");
        TenantSendBudget r2 = budget("r2", TenantSecuritySettings.EMAILS_PER_HOUR, "1");
        assertEquals(0, r1.acquire(TenantSendBudget.Channel.EMAIL, 100));
        assertTrue(r1.acquire(TenantSendBudget.Channel.EMAIL, 100) > 0);
        assertEquals(0, r2.acquire(TenantSendBudget.Channel.EMAIL, 100));
    }

    @Test
    void zeroMeansNoBudget() {
        TenantSendBudget b = budget("r1", TenantSecuritySettings.SMS_PER_HOUR, "0");
        for (int i = 0; i < 500; i++) {
            assertEquals(0, b.acquire(TenantSendBudget.Channel.SMS, 100));
        }
        assertTrue(store.entries.isEmpty(), "nothing counted");
    }

    @Test
    void parallelSendsOfManyUsersNeverExceedTheBudget() throws Exception {
        TenantSendBudget b = budget("r1", TenantSecuritySettings.SMS_PER_HOUR, "120");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int sent = 0;
                for (int i = 0; i < 50; i++) {
                    sent += b.acquire(TenantSendBudget.Channel.SMS, 100) == 0 ? 1 : 0;
                }
                return sent;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(120, total);
    }

    @Test
    void exhaustionIsMarkedOncePerWindowForTheWholeCluster() {
        TenantSendBudget b = budget("r1", TenantSecuritySettings.SMS_PER_HOUR, "1");
        b.acquire(TenantSendBudget.Channel.SMS, 100);
        b.acquire(TenantSendBudget.Channel.SMS, 101);
        b.acquire(TenantSendBudget.Channel.SMS, 102);
        b.exhausted(TenantSendBudget.Channel.SMS, 103);
        assertEquals(1, store.entries.keySet().stream().filter(k -> k.startsWith("usso-tenant-budget-warned:r1:sms:"))
                .count(), "one WARN line per window, not per refused send");
    }
}
