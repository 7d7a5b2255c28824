package io.usso.keycloak.claims;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.representations.IDToken;

/**
 * Writes a claim under the configured name (falling back to the mapper's default), using Keycloak's
 * {@link OIDCAttributeMapperHelper#mapClaim} so that nested names ({@code a.b}) behave as in built-in mappers.
 * Collections are written as JSON arrays; null values and empty collections are not written.
 */
final class ClaimWriter {

    private static final String MULTIVALUED = "multivalued";
    private static final String JSON_TYPE = "jsonType.label";

    private ClaimWriter() {
    }

    static void write(IDToken token, ProtocolMapperModel model, String defaultClaimName, Object value) {
        if (token == null || value == null || (value instanceof Collection && ((Collection<?>) value).isEmpty())) {
            return;
        }
        ProtocolMapperModel effective = new ProtocolMapperModel(model);
        Map<String, String> config = model.getConfig() == null ? new HashMap<>() : new HashMap<>(model.getConfig());
        config.put(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, claimName(model, defaultClaimName));
        config.put(MULTIVALUED, Boolean.toString(value instanceof Collection));
        config.remove(JSON_TYPE);
        effective.setConfig(config);
        OIDCAttributeMapperHelper.mapClaim(token, effective, value);
    }

    static String claimName(ProtocolMapperModel model, String defaultClaimName) {
        String configured = MapperSupport.config(model, OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME);
        return configured == null || configured.isBlank() ? defaultClaimName : configured.strip();
    }
}
