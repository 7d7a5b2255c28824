package io.usso.keycloak.it.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.UssoServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Telegram's Login Widget authorisation page ({@code oauth.telegram.org/auth}): a browser sent
 * there with {@code bot_id, origin, return_to} is redirected back to {@code return_to} with
 * {@code #tgAuthResult=<base64url JSON>}, the data of {@link #person} signed with this bot's token exactly as
 * Telegram signs it (HMAC-SHA-256 keyed with SHA-256 of the token over the sorted {@code key=value} lines). The bot
 * token is generated per test class. Also signs data for tests that post it themselves.
 */
public final class LoginWidgetFake implements AutoCloseable {

    /** Telegram's id of a test person and their profile fields (without {@code auth_date} and {@code hash}). */
    record Person(long id, String firstName, String lastName, String username, String photoUrl) {
        Map<String, String> fields() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("id", Long.toString(id));
            if (firstName != null) {
                f.put("first_name", firstName);
            }
            if (lastName != null) {
                f.put("last_name", lastName);
            }
            if (username != null) {
                f.put("username", username);
            }
            if (photoUrl != null) {
                f.put("photo_url", photoUrl);
            }
            return f;
        }
    }

    final String botToken;
    private final HttpServer http;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private volatile Person person;
    private volatile boolean cancel;

    LoginWidgetFake() {
        botToken = newBotToken();
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/auth", this::auth);
        http.start();
    }

    /** @return a random bot token {@code <bot id>:<secret>} as BotFather issues them */
    public static String newBotToken() {
        long botId = 1_000_000_000L + new SecureRandom().nextInt(1_000_000_000);
        return botId + ":" + UssoServer.randomSecret();
    }

    /** @return the fake's base URL (the provider's "OAuth base URL") */
    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** @param next who logs in at the fake's page from now on */
    void loginAs(Person next) {
        person = next;
        cancel = false;
    }

    /** From now on the person cancels at Telegram ({@code #tgAuthResult=false}). */
    void cancelNext() {
        cancel = true;
    }

    /** @return the query parameters of each visit of {@code /auth} */
    List<Map<String, String>> requests() {
        return requests;
    }

    private void auth(HttpExchange exchange) throws IOException {
        Map<String, String> query = OidcLogin.query(exchange.getRequestURI().getRawQuery());
        requests.add(query);
        String returnTo = query.get("return_to");
        if (returnTo == null || person == null) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        String result = cancel ? "false" : authResult(signed(person.fields(), now(), botToken));
        exchange.getResponseHeaders().add("Location", returnTo + "#tgAuthResult=" + result);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /**
     * @param fields profile fields
     * @param authDate the {@code auth_date}
     * @param token the bot token to sign with
     * @return the fields with {@code auth_date} and Telegram's {@code hash}
     */
    static Map<String, String> signed(Map<String, String> fields, long authDate, String token) {
        Map<String, String> out = new LinkedHashMap<>(fields);
        out.put("auth_date", Long.toString(authDate));
        out.put("hash", hash(out, token));
        return out;
    }

    /** Telegram's hash of the fields (all but {@code hash}). */
    static String hash(Map<String, String> fields, String token) {
        StringBuilder check = new StringBuilder();
        new TreeMap<>(fields).forEach((k, v) -> {
            if (!"hash".equals(k)) {
                check.append(check.length() == 0 ? "" : "\n").append(k).append('=').append(v);
            }
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(check.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code tgAuthResult} value of signed fields: base64url of JSON, {@code id} and {@code auth_date} as numbers. */
    static String authResult(Map<String, String> signed) {
        ObjectNode json = Http.JSON.createObjectNode();
        signed.forEach((k, v) -> {
            if (("id".equals(k) || "auth_date".equals(k)) && v.matches("[0-9]{1,18}")) {
                json.put(k, Long.parseLong(v));
            } else {
                json.put(k, v);
            }
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a Telegram identity provider to a tenant.
     *
     * @param admin the admin API
     * @param realm the tenant
     * @param alias its alias
     * @param token its bot token
     * @param oauthBaseUrl where its logins go
     * @param extra more config
     */
    public static void addProvider(AdminApi admin, String realm, String alias, String token, String oauthBaseUrl,
            Map<String, String> extra) {
        ObjectNode idp = Http.JSON.createObjectNode();
        idp.put("alias", alias);
        idp.put("displayName", "Telegram");
        idp.put("providerId", "telegram");
        idp.put("enabled", true);
        idp.put("trustEmail", false);
        ObjectNode config = idp.putObject("config");
        config.put("botUsername", "usso_test_bot");
        config.put("botToken", token);
        config.put("oauthBaseUrl", oauthBaseUrl);
        config.put("syncMode", "IMPORT");
        extra.forEach(config::put);
        AdminApi.expect(admin.post("/" + realm + "/identity-provider/instances", idp), 201,
                "create Telegram identity provider " + alias);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
