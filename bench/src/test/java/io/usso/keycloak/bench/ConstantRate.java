package io.usso.keycloak.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed request rate (unlike wrk, which sends as fast as the server answers), for latency goals such as "p99 under
 * 10 ms at 200 requests/s". Latency is measured from the moment a request was due, not when it left, so a stalled
 * server is not hidden (no coordinated omission).
 *
 * <p>The generator shares the machine's cores with the server, so it is kept lean: {@value #SENDERS} threads, each
 * with one keep-alive HTTP/1.1 connection over a plain socket, send requests i, i + {@value #SENDERS}, ... at their
 * due times and read each answer whole (Content-Length or chunked) before the next. (The JDK's HttpClient, used
 * before, hands every request across several threads; on two busy cores that alone put tens of milliseconds into
 * the p99.) The first {@value #WARM_UP_SECONDS} s at the same rate are sent but not counted.
 */
public final class ConstantRate {

    /** Seconds sent at the target rate before latencies are counted. */
    public static final int WARM_UP_SECONDS = 5;
    /** Sender threads (connections). */
    static final int SENDERS = 8;

    /**
     * Latencies of one run.
     *
     * @param sent requests counted (after the warm-up)
     * @param errors failed or non-2xx answers, warm-up included
     * @param sentInAll requests sent, warm-up included
     */
    public record Result(String name, int rate, long sent, long errors, double p50Ms, double p90Ms, double p99Ms,
                         double maxMs, long sentInAll) {
    }

    private ConstantRate() {
    }

    /**
     * @param name row name
     * @param url target
     * @param contentType body type
     * @param bodies bodies taken in turn
     * @param headers extra headers
     * @param rate requests per second
     * @param seconds duration
     */
    public static Result post(String name, String url, String contentType, List<String> bodies, Map<String, String> headers,
                       int rate, int seconds) {
        URI uri = URI.create(url);
        long intervalNanos = 1_000_000_000L / rate;
        long warmUp = (long) rate * WARM_UP_SECONDS;
        long total = warmUp + (long) rate * seconds;
        long start = System.nanoTime() + 200_000_000L;
        List<byte[]> requests = new ArrayList<>();
        for (String body : bodies) {
            requests.add(request(uri, contentType, body, headers));
        }
        double[][] latencies = new double[SENDERS][];
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            Thread t = new Thread(() -> latencies[sender] = send(uri, requests, sender, total, warmUp, start,
                    intervalNanos, errors), "constant-rate-" + s);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double[] all = Arrays.stream(latencies).flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Result(name, rate, total - warmUp, errors.get(), pct(all, 50), pct(all, 90), pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1], total);
    }

    /** GETs {@code url} with {@code headers} at a fixed rate (see {@link #post}). */
    public static Result get(String name, String url, Map<String, String> headers, int rate, int seconds) {
        return post(name, url, null, java.util.Collections.singletonList(null), headers, rate, seconds);
    }

    /** One sender: requests {@code sender}, {@code sender + SENDERS}, ...; returns the counted latencies (ms). */
    private static double[] send(URI uri, List<byte[]> requests, int sender, long total, long warmUp, long start,
                                 long intervalNanos, AtomicLong errors) {
        double[] out = new double[(int) Math.max(0, (total - warmUp + SENDERS - 1) / SENDERS) + 1];
        int n = 0;
        Socket socket = null;
        InputStream in = null;
        for (long i = sender; i < total; i += SENDERS) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int status;
            try {
                if (socket == null) {
                    socket = connect(uri);
                    in = new BufferedInputStream(socket.getInputStream());
                }
                OutputStream os = socket.getOutputStream();
                os.write(requests.get((int) (i % requests.size())));
                os.flush();
                status = readResponse(in);
            } catch (IOException e) {
                status = -1;
                close(socket);
                socket = null;
            }
            double ms = (System.nanoTime() - due) / 1e6;
            if (status < 200 || status >= 300) {
                errors.incrementAndGet();
            }
            if (i >= warmUp) {
                out[n++] = ms;
            }
        }
        close(socket);
        return Arrays.copyOf(out, n);
    }

    private static Socket connect(URI uri) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        return socket;
    }

    private static byte[] request(URI uri, String contentType, String body, Map<String, String> headers) {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        head.append(body == null ? "GET " : "POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(payload.length).append("\r\n");
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /**
     * Reads one response (status line, headers, body by Content-Length or chunks); returns the status.
     *
     * @param in the connection's buffered input
     */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                skip(in, size);
                line(in);
            }
            for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                // trailers: none expected
            }
        } else if (length > 0) {
            skip(in, length);
        }
        return status;
    }

    private static long chunkSize(String line) {
        int semi = line.indexOf(';');
        return Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("connection closed");
            }
            left -= r;
        }
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
