package io.usso.keycloak.workspaces.login;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.usso.keycloak.common.UssoSessionNotes;
import io.usso.keycloak.workspaces.Workspaces;
import io.usso.keycloak.workspaces.store.MemberWorkspace;

/**
 * Required action {@value ChooseWorkspaceRequiredActionFactory#ID}: page {@code usso-choose-workspace.ftl} lists the
 * user's enabled workspaces (one query); the chosen one becomes the user-session note
 * {@value UssoSessionNotes#WORKSPACE_ID} (what the token mapper reads as "chosen in this sign-in") and, when
 * "remember" is ticked, the user attribute {@value WorkspaceChoiceRule#DEFAULT_ATTRIBUTE} (unticked removes it).
 * Triggered at browser (authorization endpoint) sign-ins only, see {@link WorkspaceChoiceRule#ask}; also
 * application-initiated ({@code kc_action=usso-choose-workspace}). A posted id that is not one of the user's
 * workspaces re-shows the page with an error and a {@code LOGIN_ERROR} event {@code invalid_workspace}; the choice
 * is the detail {@code workspace_id} of the sign-in's {@code LOGIN} event.
 */
final class ChooseWorkspaceRequiredAction implements RequiredActionProvider {

    /** Event detail of the chosen workspace. */
    static final String DETAIL_WORKSPACE = "workspace_id";

    /** Event detail: whether it was remembered as the default. */
    static final String DETAIL_DEFAULT = "workspace_default";

    private static final String TEMPLATE = "usso-choose-workspace.ftl";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // browser sign-ins only: password, token-exchange and other grants have no page to show
        if (authSession == null || authSession.getClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM) == null) {
            return;
        }
        UserModel user = context.getUser();
        boolean asked = WorkspaceChoiceRule.asks(authSession.getClientNote(WorkspaceChoiceRule.PARAM_NOTE));
        boolean named = authSession.getClientNote("client_request_param_workspace_id") != null;
        if (WorkspaceChoiceRule.ask(mine(context).stream().map(MemberWorkspace::id).collect(Collectors.toList()),
                user.getFirstAttribute(WorkspaceChoiceRule.DEFAULT_ATTRIBUTE), asked, named)) {
            authSession.addRequiredAction(ChooseWorkspaceRequiredActionFactory.ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        List<MemberWorkspace> mine = mine(context);
        if (mine.size() < 2) {
            context.success();
            return;
        }
        context.challenge(page(context, mine, context.getUser().getFirstAttribute(
                WorkspaceChoiceRule.DEFAULT_ATTRIBUTE), true, false));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String chosen = form.getFirst(WorkspaceChoiceRule.FIELD_WORKSPACE);
        boolean remember = WorkspaceChoiceRule.remember(form.getFirst(WorkspaceChoiceRule.FIELD_REMEMBER));
        List<MemberWorkspace> mine = mine(context);
        List<String> ids = mine.stream().map(MemberWorkspace::id).collect(Collectors.toList());
        if (!WorkspaceChoiceRule.accepted(chosen, ids)) {
            context.getEvent().clone().event(EventType.LOGIN_ERROR)
                    .detail("usso_event", "workspace_choice_refused").error("invalid_workspace");
            context.challenge(page(context, mine, null, remember, true));
            return;
        }
        UserModel user = context.getUser();
        context.getAuthenticationSession().setUserSessionNote(UssoSessionNotes.WORKSPACE_ID, chosen);
        if (remember) {
            user.setSingleAttribute(WorkspaceChoiceRule.DEFAULT_ATTRIBUTE, chosen);
        } else {
            user.removeAttribute(WorkspaceChoiceRule.DEFAULT_ATTRIBUTE);
        }
        context.getEvent().detail(DETAIL_WORKSPACE, chosen).detail(DETAIL_DEFAULT, Boolean.toString(remember));
        context.success();
    }

    private static Response page(RequiredActionContext context, List<MemberWorkspace> mine, String selected,
            boolean remember, boolean invalid) {
        String pre = selected != null && mine.stream().anyMatch(w -> w.id().equals(selected)) ? selected
                : mine.get(0).id();
        List<WorkspaceOption> options = mine.stream().map(w -> WorkspaceOption.of(w, pre))
                .collect(Collectors.toList());
        var form = context.form().setAttribute("ussoWorkspaces", options).setAttribute("ussoRemember", remember);
        if (invalid) {
            form.setError("ussoChooseWorkspaceInvalid");
        }
        return form.createForm(TEMPLATE);
    }

    private static List<MemberWorkspace> mine(RequiredActionContext context) {
        return new Workspaces(context.getSession(), context.getRealm()).mineAtOnce(context.getUser()).stream()
                .filter(MemberWorkspace::enabled).collect(Collectors.toList());
    }

    @Override
    public void close() {
    }
}
