package io.usso.keycloak.apikeys.agents;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Realm resource {@value #ID} ({@code /realms/{realm}/agents}): agents are confidential clients with a service
 * account that authenticate with {@code private_key_jwt} (EdDSA/Ed25519 or ES256) and get tokens with the
 * {@code client_credentials} grant. No server-wide settings; all state lives in the clients themselves.
 */
public final class AgentResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "agents";

    private final AgentKeyGenerator generator = new AgentKeyGenerator(new SecureRandom());

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new AgentResourceProvider(session, generator);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("algorithms", AgentAlgorithm.EDDSA.jose() + ", " + AgentAlgorithm.ES256.jose());
        info.put("client-authenticator", "client-jwt (private_key_jwt)");
        info.put("assertion-max-lifetime-seconds", Integer.toString(AgentClients.ASSERTION_MAX_LIFETIME_SECONDS));
        info.put("key-id", "sha256(SubjectPublicKeyInfo), hex");
        return info;
    }
}
