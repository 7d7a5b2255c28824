package io.usso.keycloak.roleexpiry.signin;

import java.util.EnumSet;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.usso.keycloak.common.LookupIds;
import io.usso.keycloak.roleexpiry.RoleExpiryEvents;
import io.usso.keycloak.roleexpiry.token.ExpiredRoles;

/**
 * Deletes a user's expired role mappings when the user signs in or a token is issued, refreshed or exchanged for
 * any client (also clients without the token mapper, e.g. the admin console, whose permission checks read the
 * mappings from the database). Runs in the request's transaction (Keycloak sends success events synchronously).
 */
public final class RoleExpirySignInListener implements EventListenerProvider {

    /** The events that mean "this user is getting or using tokens now". */
    static final Set<EventType> TYPES = EnumSet.of(EventType.LOGIN, EventType.CODE_TO_TOKEN, EventType.REFRESH_TOKEN,
            EventType.CLIENT_LOGIN, EventType.TOKEN_EXCHANGE, EventType.IMPERSONATE, EventType.USER_INFO_REQUEST,
            EventType.OAUTH2_DEVICE_CODE_TO_TOKEN, EventType.AUTHREQID_TO_TOKEN);

    private static final Logger LOG = Logger.getLogger(RoleExpirySignInListener.class);

    private final KeycloakSession session;

    /** @param session the request's session */
    public RoleExpirySignInListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() == null || !TYPES.contains(event.getType()) || event.getError() != null
                || !LookupIds.plausible(event.getUserId()) || !LookupIds.plausible(event.getRealmId())) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user == null) {
            return;
        }
        Set<String> expired = ExpiredRoles.expiredIds(session, realm, user, RoleExpiryEvents.TRIGGER_SIGN_IN);
        if (!expired.isEmpty()) {
            LOG.debugf("role expiry: %d expired role mappings of a user removed at %s", expired.size(),
                    event.getType());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // admin changes are the REST API's and the console page's business
    }

    @Override
    public void close() {
    }
}
