package io.usso.keycloak.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal SMTP server for load benchmarks: accepts every message, counts it and keeps the magic link found in it
 * per recipient. It answers each command with one write on a {@code TCP_NODELAY} socket, as a production MTA does.
 * (GreenMail, the suite's SMTP server, writes its replies in pieces; with Nagle's algorithm and delayed ACKs every
 * SMTP round trip then waited ~40 ms, which capped delivery near 66 e-mails/s and measured GreenMail, not the
 * server.) Not a mail server: no relaying, no storage beyond the count and the last link per address.
 */
public final class SmtpSink implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/magic-link/open\\?token=[A-Za-z0-9_-]{43}");
    private static final Pattern RCPT = Pattern.compile("(?i)^RCPT TO:\\s*<([^>]+)>");

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger received = new AtomicInteger();
    private final ConcurrentHashMap<String, List<String>> links = new ConcurrentHashMap<>();

    public SmtpSink() throws IOException {
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port on 127.0.0.1 */
    public int port() {
        return server.getLocalPort();
    }

    /** @return messages accepted so far */
    public int received() {
        return received.get();
    }

    /** @return the links received for an address so far, oldest first */
    public List<String> links(String address) {
        return links.getOrDefault(address.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * Waits for the {@code n}-th (1-based) link to {@code address}.
     *
     * @param timeoutMillis how long to wait
     * @return the link
     */
    public String awaitLink(String address, int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            List<String> got = links(address);
            if (got.size() >= n) {
                return got.get(n - 1);
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no link #" + n + " to " + address + " within " + timeoutMillis + " ms");
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 usso-bench-sink ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> reply(out, "250-usso-bench-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO", "NOOP" -> reply(out, "250 OK");
                    case "MAIL", "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        Matcher m = RCPT.matcher(line);
                        if (m.find()) {
                            recipients.add(m.group(1).toLowerCase(Locale.ROOT));
                        }
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder data = new StringBuilder();
                        for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                            data.append(d).append('\n');
                        }
                        accepted(recipients, data.toString());
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (SocketException e) {
            // the client went away
        } catch (IOException e) {
            // ditto
        }
    }

    private void accepted(List<String> recipients, String data) {
        // undo quoted-printable soft breaks and '=' escapes before looking for the link
        String text = data.replace("=\n", "").replace("=3D", "=");
        Matcher m = LINK.matcher(text);
        String link = m.find() ? m.group() : null;
        for (String to : recipients) {
            if (link != null) {
                links.computeIfAbsent(to, k -> new CopyOnWriteArrayList<>()).add(link);
            }
        }
        received.incrementAndGet();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
