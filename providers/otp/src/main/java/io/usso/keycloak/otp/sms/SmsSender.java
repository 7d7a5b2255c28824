package io.usso.keycloak.otp.sms;

import java.util.Map;

import org.keycloak.provider.Provider;

/**
 * Sends one text message through a gateway (SPI {@value SmsSenderSpi#NAME}). Implementations: {@code log}
 * (development only), {@code http-json} (any HTTP JSON gateway), {@code kavenegar}. The gateway settings come
 * per tenant from the calling authenticator's or required action's config ({@code sms.*} keys), so one server can
 * serve tenants with different gateways. Implementations never log the text or the code outside development mode.
 */
public interface SmsSender extends Provider {

    /**
     * @param message what to send and to whom
     * @param settings the tenant's {@code sms.*} settings (may hold {@code ${vault.x}} references)
     * @throws SmsSendException when the message was not accepted by the gateway (down, refused, timeout,
     *         misconfigured); its reason is safe to put into events
     */
    void send(SmsMessage message, Map<String, String> settings) throws SmsSendException;

    @Override
    default void close() {
    }
}
