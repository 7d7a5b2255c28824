package io.usso.keycloak.roleexpiry.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoClaimNames;

/**
 * Takes expired roles out of a token that other mappers already filled: {@code realm_access.roles},
 * {@code resource_access.<clientId>.roles} (an emptied client entry goes), USSO's {@code roles} claim (realm role
 * names and {@code clientId:roleName}) and USSO's {@code scopes} claim (the scopes given). Only the default claim
 * names are handled.
 */
public final class TokenRoleFilter {

    private TokenRoleFilter() {
    }

    /**
     * @param token the token
     * @param realmRoles names of expired realm roles
     * @param clientRoles client id to names of its expired roles
     * @param scopes canonical USSO scopes to remove (those only expired roles gave)
     */
    public static void apply(IDToken token, Set<String> realmRoles, Map<String, Set<String>> clientRoles,
            Collection<String> scopes) {
        if (token instanceof AccessToken access) {
            AccessToken.Access realmAccess = access.getRealmAccess();
            if (realmAccess != null && realmAccess.getRoles() != null) {
                realmAccess.getRoles().removeAll(realmRoles);
            }
            Map<String, AccessToken.Access> resources = access.getResourceAccess();
            if (resources != null) {
                for (Map.Entry<String, Set<String>> client : clientRoles.entrySet()) {
                    AccessToken.Access entry = resources.get(client.getKey());
                    if (entry != null && entry.getRoles() != null) {
                        entry.getRoles().removeAll(client.getValue());
                        if (entry.getRoles().isEmpty()) {
                            resources.remove(client.getKey());
                        }
                    }
                }
            }
        }
        Map<String, Object> claims = token.getOtherClaims();
        List<String> roleNames = new ArrayList<>(realmRoles);
        clientRoles.forEach((clientId, names) -> names.forEach(name -> roleNames.add(clientId + ":" + name)));
        removeFromList(claims, UssoClaimNames.ROLES, roleNames);
        removeFromList(claims, UssoClaimNames.SCOPES, scopes);
    }

    private static void removeFromList(Map<String, Object> claims, String name, Collection<String> values) {
        Object claim = claims.get(name);
        if (values.isEmpty() || !(claim instanceof Collection<?> list)) {
            return;
        }
        List<Object> kept = new ArrayList<>(list.size());
        for (Iterator<?> it = list.iterator(); it.hasNext();) {
            Object value = it.next();
            if (!(value instanceof String s && values.contains(s))) {
                kept.add(value);
            }
        }
        if (kept.isEmpty()) {
            claims.remove(name);
        } else {
            claims.put(name, kept);
        }
    }
}
