package io.usso.keycloak.qrlogin.rest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how many status requests of this node may long-poll at once (each holds a worker thread). This is a
 * node-local resource guard, not shared state: beyond the cap a status request answers at once and the page polls.
 */
public final class QrWaiters {

    private final int max;
    private final AtomicInteger waiting = new AtomicInteger();

    /** @param max long-polls allowed at once on this node; 0 turns long-polling off */
    public QrWaiters(int max) {
        this.max = Math.max(0, max);
    }

    /** @return true when the caller may wait; it must then call {@link #leave()} */
    public boolean tryEnter() {
        if (waiting.incrementAndGet() > max) {
            waiting.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Ends a wait started with {@link #tryEnter()}. */
    public void leave() {
        waiting.decrementAndGet();
    }

    /** @return long-polls in progress */
    public int waiting() {
        return waiting.get();
    }

    /** @return the cap */
    public int max() {
        return max;
    }
}
