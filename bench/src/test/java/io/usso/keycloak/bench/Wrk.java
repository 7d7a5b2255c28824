package io.usso.keycloak.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (HTTP load generator, Debian package {@code wrk}) against one request and parses its report. */
public final class Wrk {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PCT = Pattern.compile("^\\s*(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** One measured request kind. */
    public record Result(String name, double requestsPerSecond, double p50Ms, double p90Ms, double p99Ms,
                         long requests, long errors) {
    }

    private final int threads;

    public Wrk(int threads) {
        this.threads = threads;
    }

    public Result get(String name, String url, int connections, int seconds) {
        return run(name, url, null, null, Map.of(), connections, seconds);
    }

    public Result get(String name, String url, Map<String, String> headers, int connections, int seconds) {
        return run(name, url, null, null, headers, connections, seconds);
    }

    public Result postForm(String name, String url, String body, Map<String, String> headers, int connections, int seconds) {
        return run(name, url, body, "application/x-www-form-urlencoded", headers, connections, seconds);
    }

    public Result postJson(String name, String url, String body, Map<String, String> headers, int connections, int seconds) {
        return run(name, url, body, "application/json", headers, connections, seconds);
    }

    /** POSTs form bodies taken in turn from {@code bodies} (e.g. one user per body). */
    public Result postFormRotating(String name, String url, List<String> bodies, int connections, int seconds) {
        return postRotating(name, url, "application/x-www-form-urlencoded", bodies, Map.of(), connections, seconds);
    }

    /**
     * POSTs bodies taken in turn from {@code bodies} (e.g. one user or one API key per body), with extra headers.
     * Each wrk thread has its own Lua state: thread k sends bodies k, k+T, k+2T, ... so that two threads never send
     * the same body at the same moment.
     */
    public Result postRotating(String name, String url, String contentType, List<String> bodies,
                               Map<String, String> headers, int connections, int seconds) {
        StringBuilder lua = new StringBuilder("bodies = {\n");
        for (String b : bodies) {
            lua.append("  \"").append(luaEscape(b)).append("\",\n");
        }
        lua.append("}\nheaders = {[\"Content-Type\"] = \"").append(contentType).append("\"}\n");
        headers.forEach((k, v) -> lua.append("headers[\"").append(k).append("\"] = \"").append(luaEscape(v)).append("\"\n"));
        lua.append("local threads = 0\n")
           .append("function setup(thread)\n  thread:set(\"id\", threads)\n  threads = threads + 1\nend\n")
           .append("function init(args)\n  i = id\nend\n")
           .append("request = function()\n  i = i + ").append(threads).append("\n")
           .append("  return wrk.format(\"POST\", nil, headers, bodies[(i % #bodies) + 1])\n")
           .append("end\n");
        return runScript(name, url, lua.toString(), connections, seconds);
    }

    /**
     * GETs URLs of one server taken in turn (e.g. the status URLs of many waiting pages), thread k taking k, k+T, ...
     *
     * @param urls absolute URLs, all of the same scheme, host and port
     */
    public Result getRotating(String name, List<String> urls, int connections, int seconds) {
        return getRotating(name, urls, null, connections, seconds);
    }

    /**
     * GETs of rotating URLs, each with its own {@code Cookie} header (a browser's cookies, e.g. a waiting page's
     * authentication session).
     *
     * @param cookies one Cookie header per URL, or null for none
     */
    public Result getRotating(String name, List<String> urls, List<String> cookies, int connections, int seconds) {
        StringBuilder lua = new StringBuilder("paths = {\n");
        for (String u : urls) {
            java.net.URI uri = java.net.URI.create(u);
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            lua.append("  \"").append(luaEscape(path)).append("\",\n");
        }
        lua.append("}\ncookies = {\n");
        for (int i = 0; cookies != null && i < cookies.size(); i++) {
            lua.append("  \"").append(luaEscape(cookies.get(i))).append("\",\n");
        }
        lua.append("}\n")
           .append("local threads = 0\n")
           .append("function setup(thread)\n  thread:set(\"id\", threads)\n  threads = threads + 1\nend\n")
           .append("function init(args)\n  i = id\nend\n")
           .append("request = function()\n  i = i + ").append(threads).append("\n")
           .append("  local n = (i % #paths) + 1\n")
           .append("  if #cookies > 0 then\n")
           .append("    return wrk.format(\"GET\", paths[n], {[\"Cookie\"] = cookies[n]})\n")
           .append("  end\n")
           .append("  return wrk.format(\"GET\", paths[n])\n")
           .append("end\n");
        return runScript(name, urls.get(0), lua.toString(), connections, seconds);
    }

    private static String luaEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private Result run(String name, String url, String body, String contentType, Map<String, String> headers,
                       int connections, int seconds) {
        StringBuilder lua = new StringBuilder();
        if (body != null) {
            lua.append("wrk.method = \"POST\"\n");
            lua.append("wrk.body = \"").append(luaEscape(body)).append("\"\n");
            lua.append("wrk.headers[\"Content-Type\"] = \"").append(contentType).append("\"\n");
        }
        headers.forEach((k, v) -> lua.append("wrk.headers[\"").append(k).append("\"] = \"").append(v).append("\"\n"));
        return runScript(name, url, lua.toString(), connections, seconds);
    }

    private Result runScript(String name, String url, String lua, int connections, int seconds) {
        try {
            Path script = Files.createTempFile("usso-wrk-", ".lua");
            Files.writeString(script, lua);
            List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + Math.min(threads, connections), "-c" + connections,
                    "-d" + seconds + "s", "--timeout", "10s", "--latency", "-s", script.toString(), url));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Files.deleteIfExists(script);
            return parse(name, out);
        } catch (IOException e) {
            throw new IllegalStateException("wrk failed (is it installed? apt-get install wrk): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result parse(String name, String out) {
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        double p50 = 0, p90 = 0, p99 = 0;
        Matcher pct = PCT.matcher(out);
        while (pct.find()) {
            double v = Double.parseDouble(pct.group(2));
            double ms = switch (pct.group(3)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            };
            switch (pct.group(1)) {
                case "50" -> p50 = ms;
                case "90" -> p90 = ms;
                case "99" -> p99 = ms;
                default -> { }
            }
        }
        long errors = 0;
        Matcher non2xx = NON2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        Matcher total = TOTAL.matcher(out);
        long requests = total.find() ? Long.parseLong(total.group(1)) : 0;
        return new Result(name, Double.parseDouble(rps.group(1)), p50, p90, p99, requests, errors);
    }
}
