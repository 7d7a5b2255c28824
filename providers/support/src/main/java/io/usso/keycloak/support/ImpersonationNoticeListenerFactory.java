package io.usso.keycloak.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import io.usso.keycloak.common.security.TenantSecuritySettings;

/** Event listener {@value #PROVIDER_ID}: see {@link ImpersonationNoticeListener}. */
public final class ImpersonationNoticeListenerFactory implements EventListenerProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Id in a realm's event listeners. */
    public static final String PROVIDER_ID = "usso-impersonation-notice";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new ImpersonationNoticeListener(session);
    }

    @Override
    public void init(Config.Scope config) {
        // settings are per tenant (realm attributes)
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        TenantSecuritySettings defaults = TenantSecuritySettings.defaults();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("guard", ImpersonationGuardFilter.class.getSimpleName());
        info.put("defaultMaxMinutes", Integer.toString(defaults.impersonationMaxMinutes()));
        info.put("defaultReasonMinLength", Integer.toString(defaults.impersonationReasonMinLength()));
        return info;
    }
}
