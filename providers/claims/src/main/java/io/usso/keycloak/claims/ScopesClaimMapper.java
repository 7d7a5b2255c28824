package io.usso.keycloak.claims;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.RoleScopes;
import io.usso.keycloak.common.UssoClaimNames;
import io.usso.keycloak.common.UssoScopes;
import io.usso.keycloak.common.UssoSessionNotes;

/**
 * Puts USSO authorization scopes ({@code action:path?filters}) into {@code scopes} as a sorted, de-duplicated
 * JSON array of canonical strings.
 *
 * <p>Sources: the attribute {@value io.usso.keycloak.common.UssoScopes#ATTRIBUTE} of every effective role in
 * the client's scope ({@link ClientSessionContext#getRolesStream()}: realm and client roles, composites and
 * groups expanded, limited by the client's scope like Keycloak's role mappers) and, with
 * {@value #INCLUDE_USER_ATTRIBUTE} (default true), the user's own attribute of that name. With
 * {@value #COLLAPSE_IMPLIED} (default false) scopes implied by a stronger one are dropped.
 *
 * <p>Invalid entries are skipped and reported in one WARN line per invocation naming only the roles (and
 * whether the user attribute) that held them, never the user or the user's values. The claim is omitted
 * when empty.
 *
 * <p>Note: the user attribute is only as trustworthy as who may edit it; make it admin-only in the user
 * profile configuration, or switch {@value #INCLUDE_USER_ATTRIBUTE} off.
 */
public final class ScopesClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper, OIDCIDTokenMapper,
        UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-scopes-mapper";
    /** Config key: also read the user's own attribute. */
    public static final String INCLUDE_USER_ATTRIBUTE = "include.user.attribute";
    /** Config key: drop scopes implied by a stronger collected scope. */
    public static final String COLLAPSE_IMPLIED = "collapse.implied";

    private static final Logger LOG = Logger.getLogger(ScopesClaimMapper.class);
    private static final String DEFAULT_CLAIM = UssoClaimNames.SCOPES;

    public ScopesClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO scopes",
                "Adds the USSO scopes from the attribute '" + UssoScopes.ATTRIBUTE
                        + "' of the effective roles (and optionally the user) as array claim 'scopes'.",
                ProviderConfigurationBuilder.create()
                        .property().name(INCLUDE_USER_ATTRIBUTE).label("Include user attribute")
                        .helpText("Also read scopes from the user's attribute '" + UssoScopes.ATTRIBUTE
                                + "'. Only safe when users cannot edit that attribute themselves.")
                        .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                        .property().name(COLLAPSE_IMPLIED).label("Collapse implied scopes")
                        .helpText("Drop scopes that a stronger collected scope implies (e.g. 'read:a' when 'manage:a' "
                                + "is present).")
                        .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                        .build());
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        RoleScopes collector = new RoleScopes(MapperSupport.flag(mappingModel, INCLUDE_USER_ATTRIBUTE, true),
                MapperSupport.flag(mappingModel, COLLAPSE_IMPLIED, false));
        if (clientSessionCtx != null) {
            clientSessionCtx.getRolesStream().forEach(collector::addRole);
        }
        collector.addUser(userSession == null ? null : userSession.getUser());
        RoleScopes.Result result = collector.result();
        if (result.hasInvalid()) {
            LOG.warnf("Mapper '%s': skipped %d invalid USSO scope entries in attribute '%s' of roles %s%s",
                    mappingModel.getName(), result.invalidCount(), UssoScopes.ATTRIBUTE,
                    result.rolesWithInvalidEntries(), result.userAttributeInvalid() ? " and of the user" : "");
        }
        String limit = userSession == null ? null : userSession.getNote(UssoSessionNotes.SCOPES_LIMIT);
        // with a limit (e.g. a token obtained with an API key): only the key's scopes the user still holds
        List<String> scopes = limit == null ? result.scopes() : UssoScopes.withinLimit(result.ussoScopes(), limit);
        writeClaim(token, mappingModel, scopes);
    }

    /**
     * @param name mapper name
     * @return a model with the user attribute included, no collapsing, in the access token and introspection
     */
    public static ProtocolMapperModel create(String name) {
        return create(name, true, false);
    }

    /**
     * @param name mapper name
     * @param includeUserAttribute value of {@value #INCLUDE_USER_ATTRIBUTE}
     * @param collapseImplied value of {@value #COLLAPSE_IMPLIED}
     * @return a model enabled for the access token and introspection
     */
    public static ProtocolMapperModel create(String name, boolean includeUserAttribute, boolean collapseImplied) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, TokenTarget.ACCESS_ONLY, Map.of(
                INCLUDE_USER_ATTRIBUTE, Boolean.toString(includeUserAttribute),
                COLLAPSE_IMPLIED, Boolean.toString(collapseImplied)));
    }
}
