package io.usso.keycloak.workspaces.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;
import org.keycloak.services.ErrorResponseException;

import io.usso.keycloak.common.UssoClaimNames;
import io.usso.keycloak.common.UssoSessionNotes;
import io.usso.keycloak.workspaces.WorkspaceInput;
import io.usso.keycloak.workspaces.Workspaces;
import io.usso.keycloak.workspaces.store.MemberWorkspace;

/**
 * The active workspace in tokens: exactly one {@code workspace_id} (see {@link WorkspaceSelection}) and the user's
 * roles and scopes in that workspace, merged into {@code roles} and {@code scopes} (default) or written to
 * {@code workspace_roles} and {@code workspace_scopes} ({@value #MERGE} = false). Runs after the other mappers
 * ({@link #getPriority()}), so it adds to what the USSO roles and scopes mappers wrote.
 *
 * <p>Choosing and switching: the authorization request parameter {@value #PARAM} (Keycloak keeps unknown
 * authorization parameters as client-session notes {@code client_request_param_*}) or a requested scope
 * {@code workspace:<id>} (needs a dynamic client scope), and on a refresh-token request the form parameter
 * {@value #PARAM}: the new tokens are for that workspace and later refreshes stay with it. Asking for a workspace the
 * user is not a member of fails the token request with {@code invalid_scope} (400), and the refresh token stays
 * valid. The choice is kept per client session and, as the default for the sign-in session's other clients, in the
 * user-session note {@value io.usso.keycloak.common.UssoSessionNotes#WORKSPACE_ID}; a new sign-in session starts
 * with the default remembered on the choose-workspace page (user attribute
 * {@value WorkspaceSelection#DEFAULT_ATTRIBUTE}, used only while the user is a member of it).
 *
 * <p>Assignments expired at the moment of issue count for nothing; membership comes from Keycloak's organizations,
 * so a member removed in the admin console loses the workspace in the next token.
 */
public final class WorkspaceTokenMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-workspace-mapper";
    /** Config key: merge workspace roles and scopes into {@code roles} and {@code scopes}. */
    public static final String MERGE = "merge.into.roles";
    /** Request parameter that chooses the workspace (authorization and refresh-token requests). */
    public static final String PARAM = "workspace_id";
    /** Scope prefix that chooses the workspace ({@code workspace:<id>}). */
    public static final String SCOPE_PREFIX = "workspace:";
    /** Client-session note: the workspace this client's tokens are for. */
    public static final String CLIENT_NOTE = "usso.workspace_id";
    /** Claim of the roles when not merged. */
    public static final String WORKSPACE_ROLES = "workspace_roles";
    /** Claim of the scopes when not merged. */
    public static final String WORKSPACE_SCOPES = "workspace_scopes";
    /** Runs after Keycloak's and USSO's mappers of priority 0. */
    public static final int PRIORITY = 100;

    private static final List<ProviderConfigProperty> CONFIG;

    static {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(properties);
        properties.get(properties.size() - 1).setDefaultValue(UssoClaimNames.WORKSPACE_ID);
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(MERGE).label("Merge into roles and scopes")
                .helpText("Add the workspace's roles and scopes to 'roles' and 'scopes'; off writes them to '"
                        + WORKSPACE_ROLES + "' and '" + WORKSPACE_SCOPES + "'.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add().build());
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, WorkspaceTokenMapper.class);
        CONFIG = List.copyOf(properties);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "USSO workspace";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "The active workspace (workspace_id; switch with the request parameter workspace_id) and the user's "
                + "roles and scopes in it.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (userSession == null || userSession.getUser() == null || clientSessionCtx == null) {
            return;
        }
        RealmModel realm = userSession.getRealm();
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        if (realm == null || orgs == null || !realm.isOrganizationsEnabled()) {
            return;
        }
        UserModel user = userSession.getUser();
        AuthenticatedClientSessionModel clientSession = clientSessionCtx.getClientSession();
        // the access token, the ID token and introspection of one request share one answer (one read each)
        String memoKey = MEMO + userSession.getId() + "/" + (clientSession == null ? "" : clientSession.getId());
        Object memo = session.getAttribute(memoKey);
        Decision decision = memo instanceof Decision d ? d : decide(session, realm, user, userSession, clientSession);
        session.setAttribute(memoKey, decision);
        if (decision.refused()) {
            throw new ErrorResponseException(OAuthErrorException.INVALID_SCOPE,
                    "You are not a member of the requested workspace", Response.Status.BAD_REQUEST);
        }
        if (decision.workspaceId() == null) {
            return;
        }
        String workspaceId = decision.workspaceId();
        Workspaces.Grant grant = decision.grant();
        String claim = mappingModel.getConfig() == null ? null
                : mappingModel.getConfig().get(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME);
        token.getOtherClaims().put(claim == null || claim.isBlank() ? UssoClaimNames.WORKSPACE_ID : claim.strip(),
                workspaceId);
        boolean merge = mappingModel.getConfig() == null || mappingModel.getConfig().get(MERGE) == null
                || Boolean.parseBoolean(mappingModel.getConfig().get(MERGE));
        if (merge) {
            token.getOtherClaims().put(UssoClaimNames.ROLES, union(token.getOtherClaims().get(UssoClaimNames.ROLES),
                    grant.roles()));
            if (!grant.scopes().isEmpty() || token instanceof AccessToken) {
                token.getOtherClaims().put(UssoClaimNames.SCOPES,
                        union(token.getOtherClaims().get(UssoClaimNames.SCOPES), grant.scopes()));
            }
        } else {
            token.getOtherClaims().put(WORKSPACE_ROLES, new ArrayList<>(grant.roles()));
            token.getOtherClaims().put(WORKSPACE_SCOPES, grant.scopes());
        }
    }

    /** Session-attribute prefix of the per-request answer. */
    private static final String MEMO = "usso.workspace-mapper.";

    /** What one request's tokens get: the workspace (or none), refused, and the grant in it. */
    private record Decision(String workspaceId, boolean refused, Workspaces.Grant grant) {
    }

    /** Memberships in one query ({@link Workspaces#mineAtOnce}), the choice, and the grant in the chosen one. */
    private static Decision decide(KeycloakSession session, RealmModel realm, UserModel user,
            UserSessionModel userSession, AuthenticatedClientSessionModel clientSession) {
        Workspaces workspaces = new Workspaces(session, realm);
        List<String> mine = workspaces.mineAtOnce(user).stream().filter(MemberWorkspace::enabled)
                .map(MemberWorkspace::id).collect(Collectors.toList());
        WorkspaceSelection.Choice choice = WorkspaceSelection.choose(requested(session, clientSession),
                clientSession == null ? null : clientSession.getNote(CLIENT_NOTE),
                userSession.getNote(UssoSessionNotes.WORKSPACE_ID),
                user.getFirstAttribute(WorkspaceSelection.DEFAULT_ATTRIBUTE), mine);
        if (choice.refused() || choice.workspaceId() == null) {
            return new Decision(null, choice.refused(), null);
        }
        remember(choice.workspaceId(), userSession, clientSession);
        return new Decision(choice.workspaceId(), false, workspaces.grant(choice.workspaceId(), user,
                Time.currentTime()));
    }

    /**
     * The workspace the current token request asks for: {@value #PARAM} of a refresh-token request, else (at the
     * code exchange) {@value #PARAM} of the authorization request or a scope {@code workspace:<id>}.
     */
    private static String requested(KeycloakSession session, AuthenticatedClientSessionModel clientSession) {
        MultivaluedMap<String, String> form = form(session);
        String grantType = form == null ? null : form.getFirst(OAuth2Constants.GRANT_TYPE);
        if (OAuth2Constants.REFRESH_TOKEN.equals(grantType)) {
            return id(form.getFirst(PARAM));
        }
        if (OAuth2Constants.AUTHORIZATION_CODE.equals(grantType) && clientSession != null) {
            String fromParam = clientSession.getNote(AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX
                    + PARAM);
            if (fromParam != null) {
                return id(fromParam);
            }
            String scope = clientSession.getNote(OIDCLoginProtocol.SCOPE_PARAM);
            if (scope != null) {
                for (String s : scope.split(" +")) {
                    if (s.startsWith(SCOPE_PREFIX)) {
                        return id(s.substring(SCOPE_PREFIX.length()));
                    }
                }
            }
        }
        return null;
    }

    /** A requested id as given; an implausible one is kept as a non-member id so that it is refused. */
    private static String id(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return WorkspaceInput.plausibleId(raw.strip()) ? raw.strip() : "\u0000invalid";
    }

    private static MultivaluedMap<String, String> form(KeycloakSession session) {
        try {
            return session.getContext().getHttpRequest() == null ? null
                    : session.getContext().getHttpRequest().getDecodedFormParameters();
        } catch (RuntimeException e) {
            return null; // not a form request (userinfo, introspection by GET)
        }
    }

    private static void remember(String workspaceId, UserSessionModel userSession,
            AuthenticatedClientSessionModel clientSession) {
        if (clientSession != null && !workspaceId.equals(clientSession.getNote(CLIENT_NOTE))) {
            clientSession.setNote(CLIENT_NOTE, workspaceId);
        }
        if (!workspaceId.equals(userSession.getNote(UssoSessionNotes.WORKSPACE_ID))) {
            userSession.setNote(UssoSessionNotes.WORKSPACE_ID, workspaceId);
        }
    }

    private static List<String> union(Object existing, Collection<String> more) {
        TreeSet<String> all = new TreeSet<>();
        if (existing instanceof Collection<?> values) {
            values.forEach(v -> all.add(String.valueOf(v)));
        } else if (existing instanceof String text && !text.isBlank()) {
            all.add(text);
        }
        all.addAll(more);
        return new ArrayList<>(all);
    }

    /**
     * @param name mapper name
     * @return a model for access token, ID token and introspection, merging into {@code roles}/{@code scopes}
     */
    public static ProtocolMapperModel create(String name) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName(name);
        model.setProtocolMapper(PROVIDER_ID);
        model.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        model.setConfig(new java.util.HashMap<>(Map.of(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME,
                UssoClaimNames.WORKSPACE_ID, MERGE, "true", OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true")));
        return model;
    }
}
