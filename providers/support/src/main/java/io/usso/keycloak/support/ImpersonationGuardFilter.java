package io.usso.keycloak.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.KeycloakSessionUtil;

import io.usso.keycloak.common.JsonReply;

/**
 * A JAX-RS filter in front of Keycloak's {@code POST /admin/realms/{realm}/users/{id}/impersonation} (Keycloak picks
 * up {@code @Provider} filters of provider jars at {@code kc.sh build}): {@link ImpersonationGuard} decides, before
 * Keycloak's resource runs, whether USSO's rules refuse the request. Every other request passes untouched.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ImpersonationGuardFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        ImpersonationTarget target = ImpersonationTarget.parse(request.getUriInfo().getPath());
        if (target == null) {
            return;
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null) {
            return;
        }
        byte[] body = ImpersonationReason.readCapped(request.getEntityStream());
        request.setEntityStream(new ByteArrayInputStream(body));
        JsonReply refusal = new ImpersonationGuard(session).check(target,
                request.getHeaderString(HttpHeaders.AUTHORIZATION), body,
                request.getHeaderString(ImpersonationNotes.REASON_HEADER));
        if (refusal != null) {
            request.abortWith(refusal.toResponse());
        }
    }
}
