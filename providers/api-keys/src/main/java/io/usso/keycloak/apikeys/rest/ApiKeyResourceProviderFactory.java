package io.usso.keycloak.apikeys.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.ApiKeyHasher;
import io.usso.keycloak.apikeys.ApiKeyPepper;
import io.usso.keycloak.apikeys.store.ApiKeyStore;

/**
 * Realm resource {@value #ID} ({@code /realms/{realm}/api-keys}). SPI option {@value #PEPPER}
 * ({@code --spi-realm-restapi-extension--api-keys--pepper}, env
 * {@code KC_SPI_REALM_RESTAPI_EXTENSION__API_KEYS__PEPPER}): without a valid pepper every endpoint answers 503.
 * Also deletes the keys of removed realms and users.
 */
public final class ApiKeyResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "api-keys";
    /** Config key of the pepper. */
    public static final String PEPPER = "pepper";

    private static final Logger LOG = Logger.getLogger(ApiKeyResourceProviderFactory.class);

    private final ApiKeyFormat format = new ApiKeyFormat();
    private ApiKeyHasher hasher;
    private String pepperStatus = "missing";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ApiKeyResourceProvider(session, hasher, format);
    }

    @Override
    public void init(Config.Scope config) {
        configure(config == null ? null : config.get(PEPPER));
    }

    /**
     * Parses the pepper; on failure logs one WARN (the reason, never the value) and leaves the endpoints at 503.
     *
     * @param rawPepper the configured value, may be null
     */
    void configure(String rawPepper) {
        try {
            ApiKeyPepper pepper = ApiKeyPepper.parse(rawPepper);
            hasher = new ApiKeyHasher(pepper);
            pepperStatus = "configured (" + pepper.length() + " bytes)";
        } catch (IllegalArgumentException e) {
            hasher = null;
            pepperStatus = rawPepper == null || rawPepper.isBlank() ? "missing" : "invalid";
            LOG.warnf("USSO API keys are disabled on this server: %s. Set the SPI option "
                    + "--spi-realm-restapi-extension--%s--%s (env KC_SPI_REALM_RESTAPI_EXTENSION__API_KEYS__PEPPER).",
                    e.getMessage(), ID, PEPPER);
        }
    }

    /** @return the hasher, or null without a valid pepper */
    ApiKeyHasher hasher() {
        return hasher;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new ApiKeyStore(removed.getKeycloakSession()).deleteForRealm(removed.getRealm());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new ApiKeyStore(removed.getKeycloakSession()).deleteForUser(removed.getRealm(), removed.getUser());
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(PEPPER).type("string").secret(true)
                .helpText("Server-wide HMAC key for API key hashes: at least 32 random bytes, hex:<hex>, "
                        + "base64:<base64> or unmarked; the same on every node.")
                .add().build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("pepper", pepperStatus);
        info.put("hash", ApiKeyHasher.ALGORITHM);
        return info;
    }
}
