package io.usso.keycloak.otp.sms;

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
 * SMS sender {@value #ID}: a POST with a JSON body to a gateway, configured per tenant ({@code sms.http.*}: URL,
 * headers with vault references in credential headers, body template). Server option {@value #ALLOWED_HOSTS}
 * ({@code --spi-usso-sms-sender--http-json--allowed-hosts=sms.example.com,*.example.net,gw.example.org:8443}) lists
 * the hosts tenant admins may point it to; <b>empty (the default) refuses every send</b>: the server makes the request
 * from inside your network, so the operator decides where it may go. Requests go through one
 * {@link OutboundHttpGuard} (public addresses only unless the operator allowed a private network, no redirects),
 * closed with the factory.
 */
public final class HttpJsonSmsSenderFactory implements SmsSenderFactory, ServerInfoAwareProviderFactory {

    /** Provider id. */
    public static final String ID = "http-json";
    /** Server option: comma separated hosts ({@link AllowList} entries) gateway URLs may use (empty = none). */
    public static final String ALLOWED_HOSTS = "allowed-hosts";
    /** The option as written on the command line, for messages. */
    static final String ALLOWED_HOSTS_OPTION = "--spi-usso-sms-sender--" + ID + "--" + ALLOWED_HOSTS;

    private static final Logger LOG = Logger.getLogger(HttpJsonSmsSenderFactory.class);

    private AllowList allowedHosts = AllowList.none();
    private OutboundHttpGuard guard;
    private GatewayHttp http;

    @Override
    public SmsSender create(KeycloakSession session) {
        return new HttpJsonSmsSender(session, http);
    }

    @Override
    public void init(Config.Scope config) {
        allowedHosts = AllowList.parse(config == null ? null : config.get(ALLOWED_HOSTS));
        if (!allowedHosts.rejected().isEmpty()) {
            LOG.errorf("%s: ignoring malformed entries %s", ALLOWED_HOSTS_OPTION, allowedHosts.rejected());
        }
        if (allowedHosts.isEmpty()) {
            LOG.infof("SMS sender %s: no allowed-hosts, so tenants using it cannot send; list the gateways' hosts "
                    + "in %s=sms.example.com[:port],...", ID, ALLOWED_HOSTS_OPTION);
        }
        guard = OutboundHttpGuard.create();
        http = new GatewayHttp(guard, allowedHosts, ALLOWED_HOSTS_OPTION);
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
                .property().name(ALLOWED_HOSTS).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma separated hosts tenant gateway URLs may use: name, *.suffix or address, each with "
                        + "an optional :port (else 80/443 only); empty refuses every send.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("allowed-hosts", allowedHosts.toString());
        info.put("allowed-private-networks", guard == null ? "none" : guard.networks().toString());
        return info;
    }
}
