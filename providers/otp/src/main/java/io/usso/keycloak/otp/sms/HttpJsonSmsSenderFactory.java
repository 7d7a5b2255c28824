package io.usso.keycloak.otp.sms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * SMS sender {@value #ID}: a POST with a JSON body to any gateway, configured per tenant ({@code sms.http.*}: URL,
 * headers with vault references, body template). Server option {@value #ALLOWED_HOSTS}
 * ({@code --spi-usso-sms-sender--http-json--allowed-hosts=sms.example.com,api.example.net}) restricts the hosts tenant
 * admins may point it to (recommended on shared servers: the server makes the request from inside your network).
 */
public final class HttpJsonSmsSenderFactory implements SmsSenderFactory, ServerInfoAwareProviderFactory {

    /** Provider id. */
    public static final String ID = "http-json";
    /** Server option: comma separated host names allowed in gateway URLs (empty = any). */
    public static final String ALLOWED_HOSTS = "allowed-hosts";

    private Set<String> allowedHosts = Set.of();

    @Override
    public SmsSender create(KeycloakSession session) {
        return new HttpJsonSmsSender(session, allowedHosts);
    }

    @Override
    public void init(Config.Scope config) {
        allowedHosts = GatewayHttp.parseHosts(config == null ? null : config.get(ALLOWED_HOSTS));
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
                .property().name(ALLOWED_HOSTS).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma separated host names tenant gateway URLs may use; empty allows any host.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("allowed-hosts", allowedHosts.isEmpty() ? "any" : String.join(",", allowedHosts));
        return info;
    }
}
