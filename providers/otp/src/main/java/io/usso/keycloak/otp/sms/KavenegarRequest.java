package io.usso.keycloak.otp.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usso.keycloak.otp.phone.PhoneNumbers;

/**
 * A Kavenegar REST call, built without I/O (unit-testable): {@code POST {base}/v1/{api-key}/sms/send.json} with form
 * fields {@code receptor}, {@code message} and optional {@code sender}, or, when a template is configured,
 * {@code POST {base}/v1/{api-key}/verify/lookup.json} with {@code receptor}, {@code token} (the code) and
 * {@code template}. Kavenegar answers {@code {"return": {"status": 200, ...}, "entries": [...]}}; any other
 * {@code return.status} (or HTTP status) is a failure.
 *
 * @param url the full URL (holds the API key: never log it)
 * @param form the form fields
 */
public record KavenegarRequest(String url, Map<String, String> form) {

    /** Default API base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.kavenegar.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param baseUrl the API base URL, without trailing slash requirements
     * @param apiKey the API key (already resolved from the vault)
     * @param sender the sending line, may be null
     * @param template a verify/lookup template, may be null
     * @param message the message
     * @return the request
     * @throws SmsSendException when the API key is missing or not a plain token
     */
    public static KavenegarRequest of(String baseUrl, String apiKey, String sender, String template,
            SmsMessage message) throws SmsSendException {
        if (apiKey == null || apiKey.isBlank()) {
            throw new SmsSendException("not_configured", "no Kavenegar API key configured (sms.kavenegar.api-key)");
        }
        for (int i = 0; i < apiKey.length(); i++) {
            char c = apiKey.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '=')) {
                throw new SmsSendException("not_configured", "Kavenegar API key has unexpected characters");
            }
        }
        String base = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("receptor", receptor(message.to()));
        String path;
        if (template != null && !template.isBlank()) {
            if (message.code() == null) {
                throw new SmsSendException("not_configured", "Kavenegar lookup templates need a code to send");
            }
            path = "/verify/lookup.json";
            form.put("token", message.code());
            form.put("template", template.strip());
        } else {
            path = "/sms/send.json";
            form.put("message", message.text());
            if (sender != null && !sender.isBlank()) {
                form.put("sender", sender.strip());
            }
        }
        return new KavenegarRequest(base + "/v1/" + apiKey + path, form);
    }

    /**
     * Kavenegar's receptor format: Iranian numbers nationally ({@code 09121234567}), others with {@code 00}.
     *
     * @param canonical the canonical number
     * @return the receptor
     */
    public static String receptor(String canonical) {
        if (PhoneNumbers.countryCode(canonical) == 98) {
            return "0" + PhoneNumbers.nationalNumber(canonical);
        }
        return "00" + canonical;
    }

    /** @return the form, URL-encoded */
    public String encodedForm() {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * @param httpStatus the HTTP status
     * @param body the body
     * @throws SmsSendException unless Kavenegar accepted the message
     */
    public static void checkAnswer(int httpStatus, String body) throws SmsSendException {
        int status = -1;
        try {
            JsonNode ret = JSON.readTree(body == null ? "" : body).path("return");
            status = ret.path("status").asInt(-1);
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: judged by the HTTP status below
        }
        if (httpStatus == 200 && status == 200) {
            return;
        }
        String reason = status > 0 ? "gateway_" + status : "http_" + httpStatus;
        throw new SmsSendException(reason, "Kavenegar refused the message (HTTP " + httpStatus + ", status "
                + status + ")");
    }

    /** Never shows the URL (it holds the API key) or the form (it holds the text or code). */
    @Override
    public String toString() {
        return "KavenegarRequest{fields=" + form.keySet() + "}";
    }
}
