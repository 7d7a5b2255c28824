package io.usso.keycloak.otp.sms;

import java.util.Map;

import org.jboss.logging.Logger;

import io.usso.keycloak.otp.phone.PhoneNumbers;

/** Writes messages to the server log (development only), see {@link LogSmsSenderFactory}. */
public final class LogSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(LogSmsSender.class);

    private final boolean active;

    /**
     * @param active whether to log messages (development mode or forced); false refuses them
     */
    public LogSmsSender(boolean active) {
        this.active = active;
    }

    @Override
    public void send(SmsMessage message, Map<String, String> settings) throws SmsSendException {
        if (!active) {
            throw new SmsSendException("disabled_in_production",
                    "SMS sender 'log' refuses to run in production mode; configure a real gateway (sms.sender)");
        }
        LOG.infof("[development SMS] to %s: %s", PhoneNumbers.display(message.to()), message.text());
    }
}
