package io.usso.keycloak.roleexpiry.store;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the role expiry entity and their Liquibase changelog to Keycloak's persistence unit. */
public final class RoleExpiryJpaEntityProvider implements JpaEntityProvider {

    /** Classpath location of the Liquibase changelog. */
    public static final String CHANGELOG = "META-INF/usso-role-expiry-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(RoleExpiryEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return RoleExpiryJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
