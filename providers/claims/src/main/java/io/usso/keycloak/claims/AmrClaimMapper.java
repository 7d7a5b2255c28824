package io.usso.keycloak.claims;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;

import io.usso.keycloak.common.UssoAmr;
import io.usso.keycloak.common.UssoClaimNames;

/**
 * Puts the Authentication Method References (RFC 8176) of the session into {@code amr} as a JSON array.
 *
 * <p>Sources, in this order: (a) Keycloak's user-session note {@value Constants#AUTHENTICATORS_COMPLETED}
 * (executions in completion order; an execution's authenticator config value
 * {@value Constants#AUTHENTICATION_EXECUTION_REFERENCE_VALUE} wins, else the provider id is looked up in the
 * {@link AmrResolver} table, extended by config {@value #AMR_MAPPING}); (b) {@code fed} when the session was
 * established through an identity provider (note {@value Details#IDENTITY_PROVIDER}); (c) values recorded by
 * USSO authenticators ({@link UssoAmr#read}); (d) {@code mfa} when two or more factor kinds are present.
 * The reference value's max age ({@code default.reference.maxAge}) is not applied: the claim describes how
 * the session was established. The claim is omitted when empty.
 */
public final class AmrClaimMapper extends UssoClaimMapper implements OIDCAccessTokenMapper, OIDCIDTokenMapper,
        UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    /** Provider id used in realm JSON. */
    public static final String PROVIDER_ID = "usso-amr-mapper";
    /** Config key: extra table lines {@code authenticatorProviderId=amrValue}. */
    public static final String AMR_MAPPING = "amr.mapping";

    private static final Logger LOG = Logger.getLogger(AmrClaimMapper.class);
    private static final String DEFAULT_CLAIM = UssoClaimNames.AMR;

    public AmrClaimMapper() {
        super(PROVIDER_ID, DEFAULT_CLAIM, "USSO authentication methods (amr)",
                "Adds the RFC 8176 authentication methods of the session (plus 'mfa') as array claim 'amr'.",
                ProviderConfigurationBuilder.create()
                        .property().name(AMR_MAPPING).label("AMR mapping")
                        .helpText("One 'authenticatorProviderId=amrValue' per line, overriding or extending the "
                                + "built-in table (e.g. 'auth-otp-form=otp'). A trailing '*' matches a prefix "
                                + "('idp-*=fed'); an empty value ignores the authenticator. An execution's "
                                + "configured 'Authentication Method Reference' value always wins.")
                        .type(ProviderConfigProperty.TEXT_TYPE).add()
                        .build());
    }

    /** Adds {@code builtInAuthenticators}, the size of the built-in table, to the common entries. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = super.getOperationalInfo();
        info.put("builtInAuthenticators", String.valueOf(AmrResolver.BUILT_IN.size()));
        return info;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
            ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        List<String> problems = new ArrayList<>();
        AmrResolver.parseMapping(MapperSupport.config(mapperModel, AMR_MAPPING), problems);
        if (!problems.isEmpty()) {
            throw new ProtocolMapperConfigException("Invalid '" + AMR_MAPPING + "': " + String.join("; ", problems));
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (userSession == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        AmrResolver resolver = new AmrResolver(
                AmrResolver.parseMapping(MapperSupport.config(mappingModel, AMR_MAPPING), problems));
        if (!problems.isEmpty()) {
            LOG.warnf("Mapper '%s': ignored invalid lines of '%s': %s", mappingModel.getName(), AMR_MAPPING, problems);
        }
        RealmModel realm = MapperSupport.realm(userSession, keycloakSession, clientSessionCtx);
        List<String> additional = new ArrayList<>();
        String identityProvider = userSession.getNote(Details.IDENTITY_PROVIDER);
        if (identityProvider != null && !identityProvider.isBlank()) {
            additional.add(UssoAmr.FED);
        }
        additional.addAll(UssoAmr.read(userSession));
        List<String> amr = resolver.resolve(completedAuthenticators(userSession, realm), additional);
        writeClaim(token, mappingModel, amr);
    }

    /** The executions of note {@value Constants#AUTHENTICATORS_COMPLETED}, in completion order. */
    static List<CompletedAuthenticator> completedAuthenticators(UserSessionModel userSession, RealmModel realm) {
        String note = userSession.getNote(Constants.AUTHENTICATORS_COMPLETED);
        if (realm == null || note == null || note.isBlank()) {
            return List.of();
        }
        Map<String, Integer> completed;
        try {
            completed = AuthenticatorUtils.parseCompletedExecutions(note);
        } catch (RuntimeException e) {
            LOG.warnf("Ignoring unreadable user-session note '%s'", Constants.AUTHENTICATORS_COMPLETED);
            return List.of();
        }
        List<CompletedAuthenticator> steps = new ArrayList<>();
        completed.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> e.getValue(),
                                Comparator.nullsLast(Comparator.<Integer>naturalOrder()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(entry -> {
                    AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(entry.getKey());
                    if (execution != null && execution.getAuthenticator() != null) {
                        steps.add(new CompletedAuthenticator(execution.getAuthenticator(),
                                referenceValue(realm, execution)));
                    }
                });
        return steps;
    }

    private static String referenceValue(RealmModel realm, AuthenticationExecutionModel execution) {
        if (execution.getAuthenticatorConfig() == null) {
            return null;
        }
        AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        if (config == null || config.getConfig() == null) {
            return null;
        }
        return config.getConfig().get(Constants.AUTHENTICATION_EXECUTION_REFERENCE_VALUE);
    }

    /**
     * @param name mapper name
     * @return a model with the built-in table, in access token, ID token and introspection
     */
    public static ProtocolMapperModel create(String name) {
        return create(name, "");
    }

    /**
     * @param name mapper name
     * @param amrMapping value of {@value #AMR_MAPPING}
     * @return a model enabled for access token, ID token and introspection
     */
    public static ProtocolMapperModel create(String name, String amrMapping) {
        return MapperSupport.model(name, PROVIDER_ID, DEFAULT_CLAIM, TokenTarget.NO_USERINFO,
                Map.of(AMR_MAPPING, amrMapping == null ? "" : amrMapping));
    }
}
