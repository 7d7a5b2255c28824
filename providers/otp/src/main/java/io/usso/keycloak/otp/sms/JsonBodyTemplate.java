package io.usso.keycloak.otp.sms;

import java.util.Map;

/**
 * The body of a generic HTTP JSON gateway request: a template with placeholders {@code ${to}} (canonical number),
 * {@code ${to_plus}} (with '+'), {@code ${text}}, {@code ${code}} and {@code ${locale}}. Every inserted value is
 * JSON-string escaped (quotes, backslashes, control characters, U+2028/U+2029), so a text can never break out of
 * its string; placeholders are meant to sit inside quotes. Unknown placeholders stay as they are. Vault references
 * are not resolved in the body (put secrets in headers).
 */
public final class JsonBodyTemplate {

    private JsonBodyTemplate() {
    }

    /**
     * @param template the configured body
     * @param message the message
     * @return the body to send
     */
    public static String render(String template, SmsMessage message) {
        Map<String, String> values = Map.of(
                "to", nullToEmpty(message.to()),
                "to_plus", message.to() == null ? "" : "+" + message.to(),
                "text", nullToEmpty(message.text()),
                "code", nullToEmpty(message.code()),
                "locale", nullToEmpty(message.locale()));
        StringBuilder out = new StringBuilder(template.length() + 64);
        int from = 0;
        while (true) {
            int start = template.indexOf("${", from);
            if (start < 0) {
                out.append(template, from, template.length());
                return out.toString();
            }
            int end = template.indexOf('}', start);
            if (end < 0) {
                out.append(template, from, template.length());
                return out.toString();
            }
            String name = template.substring(start + 2, end);
            String value = values.get(name);
            out.append(template, from, start);
            if (value == null) {
                out.append(template, start, end + 1);
            } else {
                out.append(escape(value));
            }
            from = end + 1;
        }
    }

    /**
     * @param value any text
     * @return the text escaped for use inside a JSON string (without the surrounding quotes)
     */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
