package io.usso.keycloak.otp.sms;

/**
 * Keys of the per-tenant SMS settings (authenticator / required-action config) and their defaults.
 */
public final class SmsSettings {

    /** Which {@link SmsSender} to use: {@code log}, {@code http-json}, {@code kavenegar} or another installed id. */
    public static final String SENDER = "sms.sender";
    /** Whether to end the text with the WebOTP line {@code @host #code} (browsers autofill and bind it to the site). */
    public static final String WEB_OTP = "sms.web-otp";

    /** http-json: gateway URL (http or https; its host must be in the server's allowed-hosts; no vault references). */
    public static final String HTTP_URL = "sms.http.url";
    /**
     * http-json: extra request headers, one {@code Name: value} per line; only credential headers ({@code Authorization},
     * names ending in {@code Key}, {@code Token}, {@code Secret}) may hold {@code ${vault.key}}.
     */
    public static final String HTTP_HEADERS = "sms.http.headers";
    /** http-json: the JSON body with placeholders {@code ${to}}, {@code ${to_plus}}, {@code ${text}}, {@code ${code}}. */
    public static final String HTTP_BODY = "sms.http.body";
    /** http-json and kavenegar: longest time a send may take in milliseconds, connecting included. */
    public static final String HTTP_TIMEOUT_MS = "sms.http.timeout-ms";

    /** kavenegar: the API key (use {@code ${vault.key}}). */
    public static final String KAVENEGAR_API_KEY = "sms.kavenegar.api-key";
    /** kavenegar: the sending line number (optional). */
    public static final String KAVENEGAR_SENDER = "sms.kavenegar.sender";
    /** kavenegar: a verify/lookup template name; when set, the code is sent as its token instead of the text. */
    public static final String KAVENEGAR_TEMPLATE = "sms.kavenegar.template";
    /** kavenegar: API base URL (default https://api.kavenegar.com, or the server option base-url). */
    public static final String KAVENEGAR_BASE_URL = "sms.kavenegar.base-url";

    /** Default of {@value #SENDER}: {@code log}, which refuses to send in production mode unless forced. */
    public static final String DEFAULT_SENDER = "log";
    /** Default of {@value #HTTP_BODY}. */
    public static final String DEFAULT_HTTP_BODY = "{\"to\": \"${to}\", \"text\": \"${text}\"}";
    /** Default of {@value #HTTP_TIMEOUT_MS}. */
    public static final int DEFAULT_HTTP_TIMEOUT_MS = 5000;

    private SmsSettings() {
    }
}
