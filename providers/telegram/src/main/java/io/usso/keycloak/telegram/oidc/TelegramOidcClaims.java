package io.usso.keycloak.telegram.oidc;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What USSO takes from the ID token of Telegram's OpenID Connect login: the Telegram user id (claim {@code id} when
 * present, else {@code sub}; only a positive number is a Telegram id), names ({@code given_name}/{@code family_name},
 * else {@code name} split at its first space), {@code picture}, and {@code phone_number} in canonical form (E.164
 * digits without {@code +}, as the SMS OTP module stores phones).
 *
 * @param telegramId the Telegram user id, or null when the token carries none
 * @param firstName first name, may be null
 * @param lastName last name, may be null
 * @param picture profile picture URL (https only), may be null
 * @param phone canonical phone number, may be null
 * @param phoneVerified whether the token says the phone is verified ({@code phone_number_verified: true})
 */
public record TelegramOidcClaims(String telegramId, String firstName, String lastName, String picture, String phone,
        boolean phoneVerified) {

    private static final Pattern TELEGRAM_ID = Pattern.compile("[1-9][0-9]{0,19}");
    private static final Pattern PHONE = Pattern.compile("[1-9][0-9]{6,14}");
    private static final int MAX_NAME = 255;
    private static final int MAX_URL = 2048;

    /**
     * @param claims the ID token's claims other than the registered ones
     * @param subject the token's {@code sub}
     * @param idClaim the claim holding the Telegram id (default {@code id}); {@code sub} is the fallback
     * @return the claims USSO uses
     */
    public static TelegramOidcClaims of(Map<String, Object> claims, String subject, String idClaim) {
        String id = text(claims.get(idClaim == null || idClaim.isBlank() ? "id" : idClaim));
        if (id == null || !TELEGRAM_ID.matcher(id).matches()) {
            id = subject != null && TELEGRAM_ID.matcher(subject).matches() ? subject : null;
        }
        String first = text(claims.get("given_name"));
        String last = text(claims.get("family_name"));
        String name = text(claims.get("name"));
        if (first == null && name != null) {
            int space = name.indexOf(' ');
            first = space < 0 ? name : name.substring(0, space);
            last = last != null || space < 0 ? last : name.substring(space + 1).strip();
        }
        String picture = text(claims.get("picture"));
        if (picture != null && (!picture.startsWith("https://") || picture.length() > MAX_URL)) {
            picture = null;
        }
        return new TelegramOidcClaims(id, cap(first), cap(last), picture, phone(text(claims.get("phone_number"))),
                Boolean.TRUE.equals(claims.get("phone_number_verified"))
                        || "true".equals(text(claims.get("phone_number_verified"))));
    }

    /**
     * @param raw a phone number as a token carries it ({@code +98 912...}, {@code 98912...})
     * @return E.164 digits without {@code +}, or null when it is not a plausible international number
     */
    static String phone(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replaceAll("[\\s()+.-]", "");
        return PHONE.matcher(digits).matches() ? digits : null;
    }

    private static String text(Object value) {
        if (value instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return null;
    }

    private static String cap(String value) {
        return value == null || value.length() <= MAX_NAME ? value : value.substring(0, MAX_NAME);
    }
}
