package io.usso.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

class MapperRegistrationTest {

    private static final Map<String, String> DEFAULT_CLAIMS = Map.of(
            "usso-tenant-id-mapper", "tenant_id",
            "usso-token-type-mapper", "token_type",
            "usso-session-id-mapper", "session_id",
            "usso-roles-mapper", "roles",
            "usso-scopes-mapper", "scopes",
            "usso-amr-mapper", "amr",
            "usso-user-id-mapper", "user_id",
            "usso-workspace-id-mapper", "workspace_id",
            "usso-actor-mapper", "act");

    private static List<ProtocolMapper> registered() throws IOException, ReflectiveOperationException {
        List<ProtocolMapper> mappers = new java.util.ArrayList<>();
        try (InputStream in = MapperRegistrationTest.class.getResourceAsStream(
                "/META-INF/services/org.keycloak.protocol.ProtocolMapper");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line : reader.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList())) {
                mappers.add((ProtocolMapper) Class.forName(line).getDeclaredConstructor().newInstance());
            }
        }
        return mappers;
    }

    @Test
    void everyMapperIsRegisteredWithItsStableIdAndMetadata() throws Exception {
        List<ProtocolMapper> mappers = registered();
        assertEquals(DEFAULT_CLAIMS.keySet(), mappers.stream().map(ProtocolMapper::getId).collect(Collectors.toSet()));
        for (ProtocolMapper mapper : mappers) {
            assertTrue(mapper instanceof AbstractOIDCProtocolMapper, mapper.getId());
            assertTrue(java.lang.reflect.Modifier.isFinal(mapper.getClass().getModifiers()), mapper.getId());
            assertEquals("Token mapper", mapper.getDisplayCategory());
            assertEquals("openid-connect", mapper.getProtocol());
            String defaultClaim = DEFAULT_CLAIMS.get(mapper.getId());
            assertEquals(defaultClaim, ((ServerInfoAwareProviderFactory) mapper).getOperationalInfo().get("defaultClaimName"));
            ProviderConfigProperty claimName = mapper.getConfigProperties().stream()
                    .filter(p -> p.getName().equals("claim.name")).findFirst().orElseThrow();
            assertEquals(defaultClaim, claimName.getDefaultValue());
            assertTrue(mapper.getConfigProperties().stream().anyMatch(p -> p.getName().equals("access.token.claim")));
        }
    }

    @Test
    void displayTypeHelpTextTokensAndOwnConfigKeysPerMapper() throws Exception {
        Properties expected = new Properties();
        try (InputStream in = MapperRegistrationTest.class.getResourceAsStream("/mapper-metadata.properties")) {
            expected.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (ProtocolMapper mapper : registered()) {
            String id = mapper.getId();
            assertEquals(expected.getProperty(id + ".displayType"), mapper.getDisplayType(), id);
            assertEquals(expected.getProperty(id + ".helpText"), mapper.getHelpText(), id);
            assertEquals(expected.getProperty(id + ".tokens"),
                    ((ServerInfoAwareProviderFactory) mapper).getOperationalInfo().get("tokens"), id);
            List<String> keys = mapper.getConfigProperties().stream().map(ProviderConfigProperty::getName)
                    .collect(Collectors.toList());
            String ownKeysValue = expected.getProperty(id + ".configKeys");
            List<String> ownKeys = ownKeysValue.isEmpty() ? List.of() : List.of(ownKeysValue.split(","));
            assertEquals("claim.name", keys.get(0), id);
            assertEquals(ownKeys, keys.subList(1, 1 + ownKeys.size()), id);
            assertTrue(keys.subList(1 + ownKeys.size(), keys.size()).stream().allMatch(k -> k.endsWith(".claim")),
                    id + " " + keys);
            assertSame(mapper.getConfigProperties(), mapper.getConfigProperties(), id);
        }
        assertEquals(String.valueOf(AmrResolver.BUILT_IN.size()),
                new AmrClaimMapper().getOperationalInfo().get("builtInAuthenticators"));
        assertEquals(List.of("defaultClaimName", "tokens"),
                List.copyOf(new UserIdClaimMapper().getOperationalInfo().keySet()));
    }

    @Test
    void clientScopeHasOneModelPerMapperWithMatchingDefaults() throws Exception {
        List<ProtocolMapperModel> models = UssoClientScope.protocolMappers();
        Map<String, ProtocolMapper> byId = registered().stream()
                .collect(Collectors.toMap(ProtocolMapper::getId, Function.identity()));
        assertEquals(byId.keySet(), models.stream().map(ProtocolMapperModel::getProtocolMapper).collect(Collectors.toSet()));
        Set<String> names = new TreeSet<>();
        for (ProtocolMapperModel model : models) {
            assertTrue(names.add(model.getName()), "unique names");
            assertEquals("openid-connect", model.getProtocol());
            assertEquals(DEFAULT_CLAIMS.get(model.getProtocolMapper()), model.getConfig().get("claim.name"));
            assertEquals("true", model.getConfig().get("access.token.claim"), model.getName());
            assertEquals("true", model.getConfig().get("introspection.token.claim"), model.getName());
            Set<String> known = byId.get(model.getProtocolMapper()).getConfigProperties().stream()
                    .map(ProviderConfigProperty::getName).collect(Collectors.toSet());
            for (Map.Entry<String, String> entry : model.getConfig().entrySet()) {
                if ("true".equals(entry.getValue())) {
                    assertTrue(known.contains(entry.getKey()), model.getName() + " enables unknown " + entry.getKey());
                }
            }
        }
    }
}
