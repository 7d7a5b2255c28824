package io.usso.keycloak.otp.sms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * SMS sender {@value #ID}: writes messages to the server log instead of sending them. For development
 * ({@code kc.sh start-dev}) only: in production mode it refuses every message ({@code disabled_in_production}, so
 * the person sees "could not send") unless the server option {@code --spi-usso-sms-sender--log--force-in-production=true}
 * is set, e.g. for a staging server without a gateway.
 */
public final class LogSmsSenderFactory implements SmsSenderFactory, ServerInfoAwareProviderFactory {

    /** Provider id. */
    public static final String ID = "log";
    /** Server option: allow in production mode. */
    public static final String FORCE_IN_PRODUCTION = "force-in-production";

    private static final Logger LOG = Logger.getLogger(LogSmsSenderFactory.class);

    private boolean forced;
    private boolean devMode;

    @Override
    public SmsSender create(KeycloakSession session) {
        return new LogSmsSender(devMode || forced);
    }

    @Override
    public void init(Config.Scope config) {
        configure(config != null && Boolean.TRUE.equals(config.getBoolean(FORCE_IN_PRODUCTION, false)),
                Environment.isDevMode());
    }

    void configure(boolean forceInProduction, boolean developmentMode) {
        this.forced = forceInProduction;
        this.devMode = developmentMode;
        if (!devMode && forced) {
            LOG.warn("SMS sender 'log' is forced on in production mode: one-time codes are written to the server "
                    + "log instead of being sent. Never do this on a server real people use.");
        }
    }

    /** @return whether messages are logged (true) or refused (false) */
    boolean active() {
        return devMode || forced;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(FORCE_IN_PRODUCTION).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Log messages (codes included) even in production mode. Development and staging only.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("mode", devMode ? "development" : "production");
        info.put("active", Boolean.toString(active()));
        return info;
    }
}
