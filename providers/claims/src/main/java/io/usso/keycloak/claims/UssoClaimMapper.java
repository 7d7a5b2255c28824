package io.usso.keycloak.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.representations.IDToken;

/**
 * Base of the USSO claim mappers: holds a mapper's provider id, display type, help text, default claim name
 * and config properties, given once through the constructor, and answers Keycloak's metadata calls from them.
 * Every mapper shows up under the "Token mapper" category and reports its default claim name and supported
 * token kinds on the server-info page. Subclasses add the token interfaces they support, a public no-arg
 * constructor (Keycloak loads mappers through {@link java.util.ServiceLoader}) and {@link #setClaim}.
 */
abstract class UssoClaimMapper extends AbstractOIDCProtocolMapper implements ServerInfoAwareProviderFactory {

    private final String providerId;
    private final String defaultClaimName;
    private final String displayType;
    private final String helpText;
    private final List<ProviderConfigProperty> configProperties;

    /**
     * @param providerId id used in realm JSON
     * @param defaultClaimName claim written when the mapper config names none
     * @param displayType name shown in the admin console
     * @param helpText help shown in the admin console
     * @param extraConfig the mapper's own config properties, listed between the claim name and the
     *        include-in-token switches (the switches offered follow the token interfaces the subclass implements)
     */
    UssoClaimMapper(String providerId, String defaultClaimName, String displayType, String helpText,
            List<ProviderConfigProperty> extraConfig) {
        this.providerId = providerId;
        this.defaultClaimName = defaultClaimName;
        this.displayType = displayType;
        this.helpText = helpText;
        List<ProviderConfigProperty> properties = new ArrayList<>();
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(properties);
        properties.get(properties.size() - 1).setDefaultValue(defaultClaimName);
        properties.addAll(extraConfig);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, getClass());
        this.configProperties = List.copyOf(properties);
    }

    @Override
    public final String getId() {
        return providerId;
    }

    @Override
    public final String getDisplayType() {
        return displayType;
    }

    @Override
    public final String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return configProperties;
    }

    /**
     * @return a fresh, modifiable map: {@code defaultClaimName} and {@code tokens} (the token kinds the mapper
     *         supports, comma-separated); subclasses may add entries
     */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("defaultClaimName", defaultClaimName);
        info.put("tokens", Arrays.stream(TokenTarget.values())
                .filter(t -> t.supportedBy(getClass()))
                .map(TokenTarget::label)
                .collect(Collectors.joining(",")));
        return info;
    }

    @Override
    protected abstract void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx);

    /** Writes {@code value} with {@link ClaimWriter} under the configured claim name, else the default one. */
    protected final void writeClaim(IDToken token, ProtocolMapperModel mappingModel, Object value) {
        ClaimWriter.write(token, mappingModel, defaultClaimName, value);
    }
}
