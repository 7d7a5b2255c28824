package io.usso.keycloak.workspaces.store;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the workspace entities and their Liquibase changelog to Keycloak's persistence unit. */
public final class WorkspaceJpaEntityProvider implements JpaEntityProvider {

    /** Classpath location of the Liquibase changelog. */
    public static final String CHANGELOG = "META-INF/usso-workspaces-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(WorkspaceRoleEntity.class, WorkspaceMemberRoleEntity.class, ScopeCatalogEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return WorkspaceJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
