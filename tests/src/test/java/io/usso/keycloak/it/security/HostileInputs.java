package io.usso.keycloak.it.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.usso.keycloak.it.support.Http;

/**
 * Generated hostile input: bodies (broken JSON, wrong types, deep nesting, megabytes, unicode that breaks naive
 * code), forms, path ids and {@code Authorization} headers. Built per endpoint from the fields it reads, so a
 * value of the wrong type lands in every field the parser looks at.
 */
final class HostileInputs {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";

    /** Right-to-left override, Persian, zero-width joiner, emoji, a lone surrogate escape, NUL. */
    static final String UNICODE = "\u202Eevil\u202C سلام \u200D\uD83D\uDE00\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08 \u0000";
    static final String LONG = "\u0633".repeat(10_000);

    /**
     * One request body.
     *
     * @param name what it is (in failure messages)
     * @param contentType its content type, null for none
     * @param bytes the bytes, null for no body
     * @param mustFail true when no endpoint may accept it (a 4xx is required); false when a lenient endpoint may
     *        (an empty body where the body is optional, a string the endpoint stores as given)
     */
    record Body(String name, String contentType, byte[] bytes, boolean mustFail) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileInputs() {
    }

    /**
     * @param fields the JSON fields the endpoint reads
     * @return hostile JSON bodies for it
     */
    static List<Body> jsonBodies(List<String> fields) {
        List<Body> out = new ArrayList<>();
        out.add(new Body("no body", JSON, null, false));
        out.add(new Body("empty body", JSON, new byte[0], false));
        out.add(new Body("blank body", JSON, utf8(" \r\n\t "), false));
        for (String broken : List.of("{", "}", "{\"a\":", "[1,2", "nul", "{'a':1}", "{\"a\":1}}", "{\"a\":1} x",
                "{\"a\" 1}", "{\"a\":NaN}", "{\"a\":01}", "\u0000", "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"\\ud800\"")) {
            out.add(new Body("broken JSON " + printable(broken), JSON, utf8(broken), true));
        }
        for (String notObject : List.of("42", "-1e400", "\"text\"", "true", "null", "[]", "[{}]", "[[[]]]")) {
            out.add(new Body("JSON " + notObject + " instead of an object", JSON, utf8(notObject), true));
        }
        List<Object> wrongTypes = new ArrayList<>(List.of(42, -1, 1.5, true, List.of(), List.of(1, "x"), Map.of(),
                Map.of("$ne", ""), "", " ", "-1", "99999999999999999999", "1e400", "0x1F", "NaN"));
        wrongTypes.add(new java.math.BigInteger("9".repeat(400)));
        for (Object wrong : wrongTypes) {
            if (fields.isEmpty()) {
                break;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            for (String field : fields) {
                body.put(field, wrong);
            }
            out.add(new Body("every field = " + printable(json(wrong)), JSON, utf8(json(body)), false));
        }
        for (String field : fields) {
            out.add(new Body(field + " = null", JSON, utf8(json(nullField(field))), false));
        }
        out.add(new Body("duplicate fields", JSON, utf8(duplicates(fields)), false));
        out.add(new Body("unicode in every field", JSON, utf8(json(everyField(fields, UNICODE))), false));
        out.add(new Body("10k characters in every field", JSON, utf8(json(everyField(fields, LONG))), false));
        out.add(new Body("10k-element arrays in every field", JSON,
                utf8(json(everyField(fields, java.util.Collections.nCopies(10_000, "read:x")))), false));
        out.add(new Body("invalid UTF-8", JSON, invalidUtf8(fields), true));
        out.add(new Body("UTF-16 with BOM", JSON, utf16(json(everyField(fields, "x"))), false));
        out.add(new Body("depth 5,000 arrays", JSON, utf8("[".repeat(5_000) + "]".repeat(5_000)), true));
        out.add(new Body("depth 5,000 objects", JSON, utf8("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)), true));
        out.add(new Body("1 MB string field", JSON, utf8(json(everyField(fields.isEmpty() ? List.of("a") : fields,
                "A".repeat(1 << 20)))), true));
        out.add(new Body("5 MB of JSON", JSON, utf8("[" + "1,".repeat(5 << 19) + "1]"), true));
        // wrong content types, each with a body no endpoint may accept
        byte[] broken = utf8("{\"name\":");
        for (String type : List.of("text/plain", "application/xml", FORM, "multipart/form-data; boundary=x",
                "application/json; charset=ISO-8859-1", "application/*", ";;;", "\u00e9/\u00e9")) {
            out.add(new Body("broken JSON as " + printable(type), ascii(type), broken, true));
        }
        out.add(new Body("broken JSON without content type", null, broken, true));
        return out;
    }

    /**
     * @param fields the form fields the endpoint reads
     * @param valid values that get the request past the checks before the parser (e.g. a CSRF token)
     * @return hostile form bodies
     */
    static List<Body> formBodies(List<String> fields, Map<String, String> valid) {
        List<Body> out = new ArrayList<>();
        out.add(new Body("no body", FORM, null, false));
        out.add(new Body("empty form", FORM, new byte[0], false));
        out.add(new Body("only valid fields", FORM, utf8(Http.form(valid)), false));
        for (String value : List.of(UNICODE, LONG, "", " ", "-1", "99999999999999999999", "<script>x</script>",
                "${7*7}", "#{7*7}", "../../../etc/passwd", "%00", "'\"; --")) {
            out.add(new Body("every field = " + printable(value.length() > 40 ? value.substring(0, 40) : value), FORM,
                    utf8(form(fields, valid, value)), false));
        }
        out.add(new Body("broken percent-encoding", FORM, utf8(String.join("&", fields.stream()
                .map(f -> f + "=%zz%%%C3%28%").toList()) + "&" + Http.form(valid)), false));
        out.add(new Body("every field 500 times", FORM, utf8((String.join("&", fields.stream()
                .map(f -> (f + "=x&").repeat(500)).toList()) + Http.form(valid))), false));
        out.add(new Body("invalid UTF-8", FORM, concat(utf8(Http.form(valid) + "&"),
                concat(utf8(fields.isEmpty() ? "x=" : fields.get(0) + "="), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF})),
                false));
        out.add(new Body("2 MB form", FORM, utf8(form(fields, valid, "A".repeat(2 << 20))), false));
        out.add(new Body("a JSON body", JSON, utf8(json(everyField(fields, "x"))), true));
        out.add(new Body("multipart", "multipart/form-data; boundary=zz",
                utf8("--zz\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--zz--\r\n"), false));
        return out;
    }

    /** @return ids for a path placeholder that must be "not found" (or refused), never an error */
    static List<String> pathIds(List<String> otherTenantIds) {
        List<String> ids = new ArrayList<>(List.of("00000000-0000-0000-0000-000000000000",
                "ffffffff-ffff-ffff-ffff-ffffffffffff", "x", "..", "%2e%2e", "%2F", "%00", "%C3%28", "%E2%80%AE",
                enc(UNICODE), "A".repeat(4_000), "-1", "99999999999999999999", "%27%20OR%20%271%27%3D%271",
                "%24%7B7*7%7D", "agent-", "uss_" + "A".repeat(38)));
        ids.addAll(otherTenantIds);
        return ids;
    }

    /**
     * @param validOtherRealmToken a valid token of another tenant
     * @param tamperedToken a valid token of this tenant with its signature changed
     * @param issuer this tenant's issuer (for a forged unsigned token)
     * @return {@code Authorization} header values that must be refused
     */
    static List<String> authorizations(String validOtherRealmToken, String tamperedToken, String issuer) {
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + b64("{\"iss\":\"" + issuer + "\",\"sub\":\"x\",\"typ\":\"Bearer\",\"exp\":4102444800,"
                        + "\"azp\":\"spa\",\"scope\":\"openid\"}") + ".";
        String hs256 = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + unsigned.split("\\.")[1] + "."
                + b64("forged");
        return List.of("Bearer", "Bearer ", "Bearer  ", "bearer x", "Bearer not-a-jwt", "Bearer a.b.c",
                "Bearer ..", "Bearer " + unsigned, "Bearer " + hs256, "Bearer " + tamperedToken,
                "Bearer " + validOtherRealmToken, "Bearer " + "A".repeat(6_000), "Bearer %00",
                "Basic", "Basic !!!", "Basic " + b64("no-colon"), "Basic " + b64(":"),
                "Basic " + b64("spa:wrong-secret"), "Basic " + b64("admin-cli:"), "Digest username=\"x\"",
                "Negotiate YII=", "Bearer x, Bearer y");
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> everyField(List<String> fields, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : fields.isEmpty() ? List.of("a") : fields) {
            body.put(field, value);
        }
        return body;
    }

    private static Map<String, Object> nullField(String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, null);
        return body;
    }

    private static String duplicates(List<String> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (String field : fields.isEmpty() ? List.of("a") : fields) {
            sb.append(sb.length() > 1 ? "," : "").append('"').append(field).append("\":1,\"").append(field)
                    .append("\":\"x\"");
        }
        return sb.append('}').toString();
    }

    private static byte[] invalidUtf8(List<String> fields) {
        String field = fields.isEmpty() ? "a" : fields.get(0);
        return concat(utf8("{\"" + field + "\":\""), concat(new byte[] {(byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, (byte) 0xFF}, utf8("\"}")));
    }

    private static String form(List<String> fields, Map<String, String> valid, String value) {
        Map<String, String> form = new LinkedHashMap<>(valid);
        for (String field : fields) {
            if (!valid.containsKey(field)) {
                form.put(field, value);
            }
        }
        return Http.form(form);
    }

    static String json(Object value) {
        try {
            return Http.JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String enc(String s) {
        return Http.enc(s).replace("+", "%20");
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(s));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16);
    }

    private static String ascii(String s) {
        return s.chars().allMatch(c -> c < 128) ? s : "x-" + Integer.toHexString(s.hashCode()) + "/unicode";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(60).forEach(c -> sb.append(c < 32 || c == 127 ? String.format("\\x%02x", c)
                : new String(Character.toChars(c))));
        return sb.toString();
    }
}
