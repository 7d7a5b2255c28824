package io.usso.keycloak.workspaces.login;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import io.usso.keycloak.workspaces.token.WorkspaceSelection;

/**
 * Required action {@value #ID}: at a browser sign-in, a member of two or more workspaces chooses the active one
 * (remembered as the default unless unticked). Enabled in the realm templates; it triggers itself, so no user needs
 * it set.
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
        info.put("trigger", "browser sign-in of a member of 2+ workspaces without a valid default, or with "
                + "prompt=select_account or " + WorkspaceChoiceRule.PARAM + "=true; never with prompt=none or "
                + "workspace_id");
        info.put("default-attribute", WorkspaceSelection.DEFAULT_ATTRIBUTE);
        return info;
    }
}
