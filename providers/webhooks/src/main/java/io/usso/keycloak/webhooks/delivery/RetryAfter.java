package io.usso.keycloak.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header (RFC 9110): delay seconds or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param value the header, may be null
     * @param now the current time
     * @return the delay it asks for (zero for a date in the past), or null when absent or malformed
     */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isBefore(now) ? Duration.ZERO : Duration.between(now, at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
