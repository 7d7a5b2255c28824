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
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.usso.keycloak.common.UssoSessionNotes;
import io.usso.keycloak.workspaces.Workspaces;
import io.usso.keycloak.workspaces.store.MemberWorkspace;
import io.usso.keycloak.workspaces.token.WorkspaceSelection;
import io.usso.keycloak.workspaces.token.WorkspaceTokenMapper;

/**
 * Required action {@value ChooseWorkspaceRequiredActionFactory#ID}: page {@code usso-choose-workspace.ftl} lists the
 * user's enabled workspaces (one query). It triggers itself ({@link #evaluateTriggers}, no per-user set-up) as
 * {@link WorkspaceChoiceRule#ask} says, and can be asked for by the application ({@code kc_action}).
 *
 * <p>The chosen workspace binds this sign-in: client note {@value WorkspaceTokenMapper#CLIENT_NOTE} (copied into the
 * client session, which the token mapper reads first after an explicit {@code workspace_id}) and user-session note
 * {@value UssoSessionNotes#WORKSPACE_ID} (the default for the sign-in session's other clients). With "remember"
 * ticked it becomes the user attribute {@value WorkspaceSelection#DEFAULT_ATTRIBUTE}; unticked removes it. A
 * posted id that is not one of the user's enabled workspaces re-shows the page with an error and a
 * {@code LOGIN_ERROR} event (error {@code invalid_workspace}); nothing is bound or stored. The form posts to
 * Keycloak's required-action URL, which carries the sign-in's one-time code and needs the browser's
 * authentication-session cookie, so another site cannot submit it.
 */
final class ChooseWorkspaceRequiredAction implements RequiredActionProvider {

    /** Event detail of the chosen workspace. */
    static final String DETAIL_WORKSPACE = "workspace_id";

    /** Event detail: whether it was remembered as the default. */
    static final String DETAIL_DEFAULT = "workspace_default";

    /** Authentication-session note: the user chose in this sign-in (the page is shown once). */
    static final String CHOSEN_NOTE = "usso.workspace.chosen";

    private static final String TEMPLATE = "usso-choose-workspace.ftl";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession == null || context.getUser() == null) {
            return;
        }
        ChoiceRequest request = request(authSession);
        // cheap checks first: most sign-ins (direct grants, silent renewals, second pass) read no workspace
        if (!request.browser() || request.silent() || request.names() || request.chosen()) {
            return;
        }
        List<String> ids = mine(context).stream().map(MemberWorkspace::id).collect(Collectors.toList());
        if (WorkspaceChoiceRule.ask(ids, context.getUser().getFirstAttribute(WorkspaceSelection.DEFAULT_ATTRIBUTE),
                request)) {
            authSession.addRequiredAction(ChooseWorkspaceRequiredActionFactory.ID);
        }
    }

    private static ChoiceRequest request(AuthenticationSessionModel authSession) {
        String prefix = AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX;
        return ChoiceRequest.of(authSession.getClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM),
                authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM),
                authSession.getClientNote(prefix + WorkspaceChoiceRule.PARAM),
                authSession.getClientNote(prefix + WorkspaceTokenMapper.PARAM),
                authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM),
                authSession.getAuthNote(CHOSEN_NOTE) != null);
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        List<MemberWorkspace> mine = mine(context);
        if (mine.size() < 2) {
            context.success();
            return;
        }
        context.challenge(page(context, mine, context.getUser().getFirstAttribute(
                WorkspaceSelection.DEFAULT_ATTRIBUTE), true, false));
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
            if (mine.isEmpty()) {
                context.success(); // left every workspace meanwhile: nothing to choose
                return;
            }
            context.challenge(page(context, mine, null, remember, true));
            return;
        }
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(CHOSEN_NOTE, chosen);
        authSession.setClientNote(WorkspaceTokenMapper.CLIENT_NOTE, chosen);
        // Keycloak lays this sign-in's client notes over an existing client session without clearing it: a
        // workspace_id an earlier authorization of this client asked for would still win at the code exchange
        // (the page is not shown when this request names one, so only such a stale value is replaced)
        authSession.setClientNote(AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX
                + WorkspaceTokenMapper.PARAM, chosen);
        authSession.setUserSessionNote(UssoSessionNotes.WORKSPACE_ID, chosen);
        String stored = user.getFirstAttribute(WorkspaceSelection.DEFAULT_ATTRIBUTE);
        if (remember && !chosen.equals(stored)) {
            user.setSingleAttribute(WorkspaceSelection.DEFAULT_ATTRIBUTE, chosen);
        } else if (!remember && stored != null) {
            user.removeAttribute(WorkspaceSelection.DEFAULT_ATTRIBUTE);
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

    /** The user's enabled workspaces, by name; none where the tenant has organizations off (no workspace claim). */
    private static List<MemberWorkspace> mine(RequiredActionContext context) {
        Workspaces workspaces = new Workspaces(context.getSession(), context.getRealm());
        if (!workspaces.enabled()) {
            return List.of();
        }
        return workspaces.mineAtOnce(context.getUser()).stream().filter(MemberWorkspace::enabled)
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
    }
}
