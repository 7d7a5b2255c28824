package io.usso.keycloak.it.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base class of the two-node tests: the suite's server is node A, {@link #b} a second node started for the class
 * (same tarball, same database) and stopped after it. Needs the shared PostgreSQL database: in the H2 run every test
 * of the class is skipped ({@link #setUpTenant} still runs first, so set-ups check {@code server.clusterCapable()}).
 */
public abstract class ClusterTenantIT extends TenantIT {

    /** Node B. */
    protected UssoServer b;

    /** @return the second node's name (its log and data folder) */
    protected abstract String peerName();

    @BeforeAll
    void joinSecondNode() {
        assumeTrue(server.clusterCapable(), "the cluster needs the shared PostgreSQL database (USSO_TEST_DB=postgres)");
        b = server.startPeer(peerName());
        server.awaitClusterSize(2, Duration.ofMinutes(2));
        b.awaitClusterSize(2, Duration.ofMinutes(2));
    }

    @AfterAll
    void stopSecondNode() {
        if (b != null) {
            b.stop();
        }
    }
}
