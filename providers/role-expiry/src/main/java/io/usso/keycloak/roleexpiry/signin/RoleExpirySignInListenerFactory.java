package io.usso.keycloak.roleexpiry.signin;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Event listener {@value #ID}, global (every realm, nothing to enable per realm): {@link RoleExpirySignInListener}.
 */
public final class RoleExpirySignInListenerFactory implements EventListenerProviderFactory {

    /** Provider id. */
    public static final String ID = "usso-role-expiry";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RoleExpirySignInListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
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
}
