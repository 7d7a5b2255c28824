package io.usso.keycloak.it.support;

import java.net.CookieHandler;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cookies the way a browser keeps them for one test host on {@code http://localhost}: browsers treat localhost
 * as a secure context and send Keycloak's {@code Secure; SameSite=None} cookies there, the JDK's CookieManager
 * does not. Single host, so domain and path are ignored; {@code Max-Age=0} deletes.
 */
final class LocalhostCookieJar extends CookieHandler {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    @Override
    public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        if (cookies.isEmpty()) {
            return Map.of();
        }
        StringBuilder header = new StringBuilder();
        cookies.forEach((k, v) -> header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return Map.of("Cookie", List.of(header.toString()));
    }

    @Override
    public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name == null || !name.equalsIgnoreCase("Set-Cookie")) {
                return;
            }
            for (String value : values) {
                String[] parts = value.split(";");
                int eq = parts[0].indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = parts[0].substring(0, eq).trim();
                String val = parts[0].substring(eq + 1).trim();
                boolean expired = false;
                for (int i = 1; i < parts.length; i++) {
                    String attr = parts[i].trim().toLowerCase(Locale.ROOT);
                    expired |= attr.equals("max-age=0") || attr.startsWith("expires=thu, 01 jan 1970") || attr.startsWith("expires=thu, 01-jan-1970");
                }
                if (expired || val.isEmpty()) {
                    cookies.remove(key);
                } else {
                    cookies.put(key, val);
                }
            }
        });
    }
}
