package io.usso.keycloak.otp.sms;

/**
 * One text message.
 *
 * @param to recipient in USSO's canonical form (E.164 digits without '+')
 * @param text the full text to deliver
 * @param code the one-time code inside the text, for template-based gateway APIs (e.g. Kavenegar lookup); may be null
 * @param locale language tag of the text (e.g. {@code fa})
 */
public record SmsMessage(String to, String text, String code, String locale) {

    /** Never shows the text or the code. */
    @Override
    public String toString() {
        return "SmsMessage{to=" + (to == null || to.length() < 4 ? "?" : "…" + to.substring(to.length() - 4))
                + ", locale=" + locale + ", length=" + (text == null ? 0 : text.length()) + "}";
    }
}
