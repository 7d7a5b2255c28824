package io.usso.keycloak.workspaces.login;

import java.util.Locale;

import io.usso.keycloak.workspaces.token.WorkspaceTokenMapper;

/**
 * What the authorization request behind a sign-in says about choosing a workspace. Pure.
 *
 * @param browser whether it is an OpenID Connect authorization request (a page can be shown; not a password or
 *        other direct grant, not SAML)
 * @param silent whether it asked for no interaction ({@code prompt=none}): a page would fail it
 * @param asks whether it asks for the page even with a valid default ({@code prompt=select_account} or
 *        {@value WorkspaceChoiceRule#PARAM}{@code =true})
 * @param names whether it already names a workspace ({@code workspace_id=<id>} or scope {@code workspace:<id>})
 * @param chosen whether the user already chose in this sign-in (the page is shown once per sign-in)
 */
public record ChoiceRequest(boolean browser, boolean silent, boolean asks, boolean names, boolean chosen) {

    /**
     * @param responseType the {@code response_type} of the authorization request, null for none
     * @param prompt its {@code prompt}, or null
     * @param chooseParam its {@value WorkspaceChoiceRule#PARAM}, or null
     * @param workspaceParam its {@code workspace_id}, or null
     * @param scope its {@code scope}, or null
     * @param chosen whether the user already chose in this sign-in
     * @return the request
     */
    public static ChoiceRequest of(String responseType, String prompt, String chooseParam, String workspaceParam,
            String scope, boolean chosen) {
        return new ChoiceRequest(responseType != null, promptHas(prompt, "none"),
                promptHas(prompt, "select_account") || WorkspaceChoiceRule.asks(chooseParam),
                (workspaceParam != null && !workspaceParam.isBlank()) || scopeNamesWorkspace(scope), chosen);
    }

    private static boolean promptHas(String prompt, String value) {
        if (prompt == null) {
            return false;
        }
        for (String p : prompt.toLowerCase(Locale.ROOT).split(" +")) {
            if (p.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean scopeNamesWorkspace(String scope) {
        if (scope == null) {
            return false;
        }
        for (String s : scope.split(" +")) {
            if (s.startsWith(WorkspaceTokenMapper.SCOPE_PREFIX)
                    && s.length() > WorkspaceTokenMapper.SCOPE_PREFIX.length()) {
                return true;
            }
        }
        return false;
    }
}
