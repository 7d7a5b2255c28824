package io.usso.keycloak.apikeys.store;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds {@link ApiKeyEntity} and its Liquibase changelog to Keycloak's persistence unit. */
public final class ApiKeyJpaEntityProvider implements JpaEntityProvider {

    /** Classpath location of the Liquibase changelog. */
    public static final String CHANGELOG = "META-INF/usso-api-keys-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(ApiKeyEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return ApiKeyJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
