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
 * SMS sender {@value #ID}: Kavenegar's REST API (the gateway USSO used). Per tenant: {@code sms.kavenegar.api-key}
 * (use a vault reference), {@code sms.kavenegar.sender}, {@code sms.kavenegar.template}, optionally
 * {@code sms.kavenegar.base-url}. Server option {@value #BASE_URL} changes the default base URL for every tenant
 * (e.g. a proxy); {@value #ALLOWED_HOSTS} restricts per-tenant base URLs as for {@code http-json}.
 */
public final class KavenegarSmsSenderFactory implements SmsSenderFactory, ServerInfoAwareProviderFactory {

    /** Provider id. */
    public static final String ID = "kavenegar";
    /** Server option: default API base URL. */
    public static final String BASE_URL = "base-url";
    /** Server option: host names per-tenant base URLs may use (empty = any). */
    public static final String ALLOWED_HOSTS = "allowed-hosts";

    private String baseUrl = KavenegarRequest.DEFAULT_BASE_URL;
    private Set<String> allowedHosts = Set.of();

    @Override
    public SmsSender create(KeycloakSession session) {
        return new KavenegarSmsSender(session, baseUrl, allowedHosts);
    }

    @Override
    public void init(Config.Scope config) {
        String configured = config == null ? null : config.get(BASE_URL);
        baseUrl = configured == null || configured.isBlank() ? KavenegarRequest.DEFAULT_BASE_URL : configured.strip();
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
                .property().name(BASE_URL).type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(KavenegarRequest.DEFAULT_BASE_URL).helpText("Default Kavenegar API base URL.").add()
                .property().name(ALLOWED_HOSTS).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma separated host names per-tenant base URLs may use; empty allows any host.").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("base-url", baseUrl);
        info.put("allowed-hosts", allowedHosts.isEmpty() ? "any" : String.join(",", allowedHosts));
        return info;
    }
}
