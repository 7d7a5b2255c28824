package io.usso.keycloak.otp.sms;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The {@value #NAME} SPI: gateways that deliver text messages. Server options of a sender:
 * {@code --spi-usso-sms-sender--<id>--<option>}.
 */
public final class SmsSenderSpi implements Spi {

    /** SPI name, as listed in the server info. */
    public static final String NAME = "usso-sms-sender";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SmsSender.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SmsSenderFactory.class;
    }
}
