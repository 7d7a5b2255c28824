package io.usso.keycloak.workspaces.login;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Required action {@value #ID}: at a browser sign-in, a member of two or more workspaces chooses the active one
 * (remembered as the default unless unticked).
 */
public final class ChooseWorkspaceRequiredActionFactory implements RequiredActionFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id (also the alias to register and the {@code kc_action} value). */
    public static final String ID = "usso-choose-workspace";

    private static final ChooseWorkspaceRequiredAction INSTANCE = new ChooseWorkspaceRequiredAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public String getDisplayText() {
        return "Choose workspace";
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
        info.put("trigger", "2+ workspaces and no valid default, or " + WorkspaceChoiceRule.PARAM + "=true");
        info.put("default-attribute", WorkspaceChoiceRule.DEFAULT_ATTRIBUTE);
        return info;
    }
}
