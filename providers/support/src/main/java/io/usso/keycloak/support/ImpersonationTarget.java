package io.usso.keycloak.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.usso.keycloak.common.LookupIds;

/**
 * The realm and user of a request to Keycloak's impersonation endpoint
 * {@code POST /admin/realms/{realm}/users/{id}/impersonation}.
 *
 * @param realm the realm name in the path
 * @param userId the user id in the path
 */
public record ImpersonationTarget(String realm, String userId) {

    private static final Pattern PATH = Pattern.compile("^/?admin/realms/([^/]+)/users/([^/]+)/impersonation/?$");

    /**
     * @param path the request path relative to the server root (JAX-RS {@code UriInfo#getPath()}, decoded)
     * @return the target, or null when the path is not the impersonation endpoint or names no plausible realm or
     *         user (Keycloak then answers as it would)
     */
    public static ImpersonationTarget parse(String path) {
        if (path == null) {
            return null;
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String realm = m.group(1);
        String user = m.group(2);
        if (!LookupIds.plausible(realm) || !LookupIds.plausible(user)) {
            return null;
        }
        return new ImpersonationTarget(realm, user);
    }
}
