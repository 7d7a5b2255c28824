package io.usso.keycloak.workspaces.rest;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import io.usso.keycloak.workspaces.WorkspaceTemplateDocument;
import io.usso.keycloak.workspaces.WorkspaceTemplateInput;

/** Realm resource {@value #ID} ({@code /realms/{realm}/workspace-templates}), see {@link WorkspaceTemplateResource}. */
public final class WorkspaceTemplateResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "workspace-templates";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new Provider(session);
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
        return Map.of("attribute", WorkspaceTemplateDocument.ATTRIBUTE,
                "maxTemplates", Integer.toString(WorkspaceTemplateDocument.MAX_TEMPLATES),
                "maxRolesPerTemplate", Integer.toString(WorkspaceTemplateInput.MAX_ROLES),
                "maxChars", Integer.toString(WorkspaceTemplateDocument.MAX_CHARS));
    }

    /** Hands the per-request {@link WorkspaceTemplateResource} to Keycloak. */
    private static final class Provider implements RealmResourceProvider {

        private final KeycloakSession session;

        Provider(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public Object getResource() {
            return new WorkspaceTemplateResource(session);
        }

        @Override
        public void close() {
        }
    }
}
