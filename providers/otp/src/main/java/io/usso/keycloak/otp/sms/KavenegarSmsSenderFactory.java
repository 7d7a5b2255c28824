package io.usso.keycloak.otp.sms;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import io.usso.keycloak.common.http.AllowList;
import io.usso.keycloak.common.http.OutboundHttpGuard;

/**
 * SMS sender {@value #ID}: Kavenegar's REST API (the gateway USSO used). Per tenant: {@code sms.kavenegar.api-key}
 * (use a vault reference), {@code sms.kavenegar.sender}, {@code sms.kavenegar.template}, optionally
 * {@code sms.kavenegar.base-url}. Server option {@value #BASE_URL} changes the default base URL for every tenant
 * (e.g. a proxy); the host of that base URL (by default {@code api.kavenegar.com}) is always allowed, and
 * {@value #ALLOWED_HOSTS} adds hosts per-tenant base URLs may use ({@link AllowList} entries, as for
 * {@code http-json}). Requests go through one {@link OutboundHttpGuard}, closed with the factory.
 */
public final class KavenegarSmsSenderFactory implements SmsSenderFactory, ServerInfoAwareProviderFactory {

    /** Provider id. */
    public static final String ID = "kavenegar";
    /** Server option: default API base URL. */
    public static final String BASE_URL = "base-url";
    /** Server option: further hosts per-tenant base URLs may use (the default base URL's host is always allowed). */
    public static final String ALLOWED_HOSTS = "allowed-hosts";
    /** The option as written on the command line, for messages. */
    static final String ALLOWED_HOSTS_OPTION = "--spi-usso-sms-sender--" + ID + "--" + ALLOWED_HOSTS;

    private static final Logger LOG = Logger.getLogger(KavenegarSmsSenderFactory.class);

    private String baseUrl = KavenegarRequest.DEFAULT_BASE_URL;
    private AllowList allowedHosts = AllowList.none();
    private OutboundHttpGuard guard;
    private GatewayHttp http;

    @Override
    public SmsSender create(KeycloakSession session) {
        return new KavenegarSmsSender(session, baseUrl, http);
    }

    @Override
    public void init(Config.Scope config) {
        String configured = config == null ? null : config.get(BASE_URL);
        baseUrl = configured == null || configured.isBlank() ? KavenegarRequest.DEFAULT_BASE_URL : configured.strip();
        AllowList extra = AllowList.parse(config == null ? null : config.get(ALLOWED_HOSTS));
        if (!extra.rejected().isEmpty()) {
            LOG.errorf("%s: ignoring malformed entries %s", ALLOWED_HOSTS_OPTION, extra.rejected());
        }
        allowedHosts = hostOf(baseUrl).and(extra);
        guard = OutboundHttpGuard.create();
        http = new GatewayHttp(guard, allowedHosts, ALLOWED_HOSTS_OPTION);
    }

    /**
     * @param url a base URL
     * @return the allow-list entry of its host and port (none when the URL has no host)
     */
    static AllowList hostOf(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                LOG.errorf("SMS sender %s: base URL has no host, it allows nothing", ID);
                return AllowList.none();
            }
            return AllowList.parse(uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            LOG.errorf("SMS sender %s: base URL is not a URI, it allows nothing", ID);
            return AllowList.none();
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        if (guard != null) {
            guard.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(BASE_URL).type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(KavenegarRequest.DEFAULT_BASE_URL)
                .helpText("Default Kavenegar API base URL; its host is always allowed.").add()
                .property().name(ALLOWED_HOSTS).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Further comma separated hosts per-tenant base URLs may use: name, *.suffix or address, "
                        + "each with an optional :port (else 80/443 only).").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("base-url", baseUrl);
        info.put("allowed-hosts", allowedHosts.toString());
        info.put("allowed-private-networks", guard == null ? "none" : guard.networks().toString());
        return info;
    }
}
