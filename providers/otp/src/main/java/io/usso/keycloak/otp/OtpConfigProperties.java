package io.usso.keycloak.otp;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.usso.keycloak.otp.sms.SmsSettings;

/** The admin-console fields of the one-time-code settings ({@link OtpConfig}) and the SMS gateway settings. */
public final class OtpConfigProperties {

    private OtpConfigProperties() {
    }

    /** @return the code settings */
    public static List<ProviderConfigProperty> code() {
        return ProviderConfigurationBuilder.create()
                .property().name(OtpConfig.LENGTH).label("Code length").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(OtpConfig.DEFAULT_LENGTH)).helpText("Digits per code (4-10).").add()
                .property().name(OtpConfig.LIFETIME_SECONDS).label("Code lifetime (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(OtpConfig.DEFAULT_LIFETIME_SECONDS))
                .helpText("How long a code works (10-3600).").add()
                .property().name(OtpConfig.MAX_ATTEMPTS).label("Attempts per code")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(OtpConfig.DEFAULT_MAX_ATTEMPTS))
                .helpText("Wrong codes allowed before a new code is needed (1-10).").add()
                .property().name(OtpConfig.RESEND_COOLDOWN_SECONDS).label("Resend cool-down (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(OtpConfig.DEFAULT_RESEND_COOLDOWN_SECONDS))
                .helpText("Minimum time between two codes in one sign-in (0-3600).").add()
                .property().name(OtpConfig.SENDS_PER_IDENTIFIER).label("Codes per address / number")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(OtpConfig.DEFAULT_SENDS_PER_IDENTIFIER))
                .helpText("Codes sent to one address or number per window; 0 = no limit.").add()
                .property().name(OtpConfig.SENDS_PER_IP).label("Codes per client IP")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(OtpConfig.DEFAULT_SENDS_PER_IP))
                .helpText("Codes requested from one IP address per window; 0 = no limit.").add()
                .property().name(OtpConfig.SEND_WINDOW_SECONDS).label("Rate-limit window (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(OtpConfig.DEFAULT_SEND_WINDOW_SECONDS))
                .helpText("Length of the window of the two limits above (default 900 = 15 minutes).").add()
                .build();
    }

    /** @return the code settings, the default phone region and the SMS gateway settings */
    public static List<ProviderConfigProperty> sms() {
        List<ProviderConfigProperty> all = new ArrayList<>(code());
        all.addAll(ProviderConfigurationBuilder.create()
                .property().name(OtpConfig.DEFAULT_REGION).label("Default phone region")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(OtpConfig.DEFAULT_DEFAULT_REGION)
                .helpText("Country (ISO 3166 code, e.g. IR) of numbers typed without country code.").add()
                .property().name(SmsSettings.SENDER).label("SMS gateway").type(ProviderConfigProperty.LIST_TYPE)
                .options("http-json", "kavenegar", "log").defaultValue(SmsSettings.DEFAULT_SENDER)
                .helpText("'log' only works on development servers.").add()
                .property().name(SmsSettings.WEB_OTP).label("WebOTP line").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true").helpText("End texts with '@host #code' so browsers offer the code on this site only.")
                .add()
                .property().name(SmsSettings.HTTP_URL).label("HTTP gateway URL").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("http-json: URL the JSON body is POSTed to. Its host (and port, unless 80/443) must be in the "
                        + "server's allowed-hosts (--spi-usso-sms-sender--http-json--allowed-hosts, set by the operator): "
                        + "without that every send fails. Private and loopback addresses are refused. No ${vault.*} here.")
                .add()
                .property().name(SmsSettings.HTTP_HEADERS).label("HTTP gateway headers").type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("http-json: one 'Name: value' per line; put secrets in the vault: 'Authorization: Bearer ${vault.sms_token}'. "
                        + "${vault.*} works only in Authorization and headers whose name ends in Key, Token or Secret.")
                .add()
                .property().name(SmsSettings.HTTP_BODY).label("HTTP gateway body").type(ProviderConfigProperty.TEXT_TYPE)
                .defaultValue(SmsSettings.DEFAULT_HTTP_BODY)
                .helpText("http-json: JSON with ${to} (98912...), ${to_plus} (+98912...), ${text}, ${code}, ${locale}; values are JSON-escaped. No ${vault.*} here.")
                .add()
                .property().name(SmsSettings.HTTP_TIMEOUT_MS).label("Gateway timeout (ms)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(SmsSettings.DEFAULT_HTTP_TIMEOUT_MS))
                .helpText("Longest time a send through http-json or kavenegar may take, connecting included (100-30000).").add()
                .property().name(SmsSettings.KAVENEGAR_API_KEY).label("Kavenegar API key")
                .type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("kavenegar: the API key, preferably ${vault.kavenegar_api_key}.").add()
                .property().name(SmsSettings.KAVENEGAR_SENDER).label("Kavenegar sender line")
                .type(ProviderConfigProperty.STRING_TYPE).helpText("kavenegar: sending number (optional).").add()
                .property().name(SmsSettings.KAVENEGAR_TEMPLATE).label("Kavenegar lookup template")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("kavenegar: a verify/lookup template name; when set, only the code is sent as its token.").add()
                .property().name(SmsSettings.KAVENEGAR_BASE_URL).label("Kavenegar base URL")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("kavenegar: API base URL; empty = server default (https://api.kavenegar.com). Another host must be in the "
                        + "server's --spi-usso-sms-sender--kavenegar--allowed-hosts.").add()
                .build());
        return all;
    }
}
