package io.usso.keycloak.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.security.TenantSecuritySettings;

/**
 * RFC 8693's actor claim for impersonated sessions: when a support person (or an admin) impersonates a user,
 * Keycloak records the impersonator in the user session's notes; this mapper puts them into the tokens of that
 * session as {@code act: {"sub": <impersonator id>, "preferred_username": <impersonator username>}}, so every app
 * and audit log sees who really acts. Sessions nobody impersonates get no claim. Keycloak 26.7 has no {@code act}
 * claim of its own (it comes upstream in 26.8). The same tokens expire at the latest when the tenant's time limit of
 * impersonated sessions ends ({@link #capExpiry}).
 */
public final class ActorClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper, OIDCIDTokenMapper,
        TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-actor-mapper";
    /** RFC 8693 §4.1. */
    public static final String DEFAULT_CLAIM = "act";

    public ActorClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO impersonation actor (act)",
                "Adds RFC 8693's 'act' claim (the impersonator's sub and username) to tokens of impersonated "
                        + "sessions.",
                List.of());
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        Map<String, Object> actor = actor(userSession);
        if (actor != null) {
            writeClaim(token, mappingModel, actor);
            capExpiry(token, userSession);
        }
    }

    /**
     * The time limit of impersonation: a token of an impersonated session expires no later than the session's start
     * plus the tenant's {@link TenantSecuritySettings#IMPERSONATION_MAX_MINUTES}, so past the limit the session
     * yields only expired tokens (refreshing included).
     *
     * @param token a token of an impersonated session
     * @param userSession its session
     */
    static void capExpiry(IDToken token, UserSessionModel userSession) {
        int minutes = TenantSecuritySettings.of(userSession.getRealm()).impersonationMaxMinutes();
        long cap = userSession.getStarted() + minutes * 60L;
        Long exp = token.getExp();
        if (exp == null || exp > cap) {
            token.exp(cap);
        }
    }

    /**
     * @param userSession the token's user session, may be null
     * @return the {@code act} value, or null when nobody impersonates
     */
    static Map<String, Object> actor(UserSessionModel userSession) {
        if (userSession == null) {
            return null;
        }
        String id = userSession.getNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString());
        if (id == null || id.isBlank()) {
            return null;
        }
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("sub", id);
        String username = userSession.getNote(ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString());
        if (username != null && !username.isBlank()) {
            actor.put("preferred_username", username);
        }
        return actor;
    }

    /**
     * @param name mapper name
     * @return a model with the default claim name, for access token, ID token and introspection
     */
    public static ProtocolMapperModel create(String name) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, TokenTarget.NO_USERINFO,
                Map.of("lightweight.claim", "true"));
    }
}
