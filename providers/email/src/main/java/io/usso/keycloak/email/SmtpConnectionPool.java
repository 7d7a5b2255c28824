package io.usso.keycloak.email;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

/**
 * Open SMTP connections of this node, kept per tenant and SMTP configuration ({@link Server}) and handed to one
 * sender at a time. Connections are node-local sockets, like database connections: nothing here is shared state of
 * the cluster. Idle connections are reused newest first, so that the oldest ones age out; {@link #evictIdle} (a
 * timer) closes what is past its idle time.
 */
final class SmtpConnectionPool {

    /** At most this many tenant/configuration entries; beyond it, idle ones are dropped first. */
    static final int MAX_SERVERS = 1024;

    private final SmtpPoolSettings settings;
    private final LongSupplier clock;
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    SmtpConnectionPool(SmtpPoolSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** One tenant's SMTP configuration: its mail session (properties built once) and its idle connections. */
    static final class Server {
        private final String key;
        private final Session mail;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
        private volatile long lastUsed;

        Server(String key, Session mail, long now) {
            this.key = key;
            this.mail = mail;
            this.lastUsed = now;
        }

        Session mail() {
            return mail;
        }

        int idleCount() {
            return idle.size();
        }
    }

    /** One connected transport, used by one sender at a time. */
    static final class Connection {
        private final Transport transport;
        private final long openedAt;
        private long lastUsed;
        private int sent;

        Connection(Transport transport, long openedAt) {
            this.transport = transport;
            this.openedAt = openedAt;
            this.lastUsed = openedAt;
        }

        Transport transport() {
            return transport;
        }
    }

    /**
     * @param key tenant and configuration fingerprint
     * @param mailSession builds the mail session when the key is new
     * @return the entry
     */
    Server server(String key, Supplier<Session> mailSession) {
        Server server = servers.get(key);
        if (server == null) {
            if (servers.size() >= MAX_SERVERS) {
                evictIdle();
                if (servers.size() >= MAX_SERVERS) {
                    dropAny();
                }
            }
            server = servers.computeIfAbsent(key, k -> new Server(k, mailSession.get(), clock.getAsLong()));
        }
        server.lastUsed = clock.getAsLong();
        return server;
    }

    /**
     * @param server an entry
     * @return an idle connection still fit for use, or null (connect a new one)
     */
    Connection borrow(Server server) {
        long now = clock.getAsLong();
        Connection c;
        while ((c = server.idle.pollFirst()) != null) {
            if (fit(c, now)) {
                reused.incrementAndGet();
                return c;
            }
            close(c);
        }
        return null;
    }

    /**
     * Records a newly connected transport.
     *
     * @param transport connected
     * @return its pool entry
     */
    Connection opened(Transport transport) {
        opened.incrementAndGet();
        return new Connection(transport, clock.getAsLong());
    }

    /**
     * Takes back a connection after an e-mail went out on it; keeps it when it is still fit and there is room.
     *
     * @param server its entry
     * @param c the connection
     */
    void giveBack(Server server, Connection c) {
        long now = clock.getAsLong();
        c.sent++;
        c.lastUsed = now;
        if (c.sent >= settings.maxMessagesPerConnection() || !fit(c, now)
                || server.idle.size() >= settings.maxIdlePerServer() || servers.get(server.key) != server) {
            // worn out, no room, or its entry was evicted meanwhile (nobody would close it there)
            close(c);
            return;
        }
        server.idle.addFirst(c);
    }

    /**
     * Closes a connection that failed (never pooled again).
     *
     * @param c the connection, may be null
     */
    void discard(Connection c) {
        if (c != null) {
            close(c);
        }
    }

    /** Counts a send that failed on a reused connection and is tried once more on a new one. */
    void countRetry() {
        retried.incrementAndGet();
    }

    /**
     * Closes idle connections past their idle time or age, and forgets entries with nothing idle that were not used
     * for the idle time.
     *
     * @return connections closed
     */
    int evictIdle() {
        long now = clock.getAsLong();
        int closed = 0;
        for (Iterator<Map.Entry<String, Server>> it = servers.entrySet().iterator(); it.hasNext();) {
            Server server = it.next().getValue();
            for (Iterator<Connection> idle = server.idle.iterator(); idle.hasNext();) {
                Connection c = idle.next();
                if (!fit(c, now) && server.idle.removeFirstOccurrence(c)) {
                    close(c);
                    closed++;
                }
            }
            if (server.idle.isEmpty() && now - server.lastUsed >= settings.idleMillis()) {
                it.remove();
            }
        }
        return closed;
    }

    /** Closes every idle connection and forgets every entry (server shut-down). */
    void closeAll() {
        for (Server server : servers.values()) {
            Connection c;
            while ((c = server.idle.pollFirst()) != null) {
                close(c);
            }
        }
        servers.clear();
    }

    long openedCount() {
        return opened.get();
    }

    long reusedCount() {
        return reused.get();
    }

    long retriedCount() {
        return retried.get();
    }

    int idleCount() {
        int n = 0;
        for (Server server : servers.values()) {
            n += server.idleCount();
        }
        return n;
    }

    int serverCount() {
        return servers.size();
    }

    SmtpPoolSettings settings() {
        return settings;
    }

    private boolean fit(Connection c, long now) {
        return now - c.lastUsed < settings.idleMillis() && now - c.openedAt < settings.maxAgeMillis()
                && c.sent < settings.maxMessagesPerConnection();
    }

    private void dropAny() {
        Iterator<Map.Entry<String, Server>> it = servers.entrySet().iterator();
        if (it.hasNext()) {
            Server server = it.next().getValue();
            it.remove();
            Connection c;
            while ((c = server.idle.pollFirst()) != null) {
                close(c);
            }
        }
    }

    private static void close(Connection c) {
        try {
            c.transport.close();
        } catch (MessagingException | RuntimeException e) {
            // the server or the network went away first: nothing to close
        }
    }
}
