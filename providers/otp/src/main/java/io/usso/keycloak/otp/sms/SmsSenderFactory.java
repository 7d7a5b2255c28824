package io.usso.keycloak.otp.sms;

import org.keycloak.provider.ProviderFactory;

/** Factory of an {@link SmsSender} (SPI {@value SmsSenderSpi#NAME}). */
public interface SmsSenderFactory extends ProviderFactory<SmsSender> {
}
