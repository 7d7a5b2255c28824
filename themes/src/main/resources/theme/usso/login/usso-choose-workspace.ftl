<#-- USSO required action usso-choose-workspace: a member of several workspaces picks the active one. Rendered by
     providers/workspaces (ChooseWorkspaceRequiredAction). Model: ussoWorkspaces (WorkspaceOption: id, name, slug,
     logo, selected), ussoRemember. Posts workspace_id (+ remember=on) to the action URL of the sign-in. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout; section>
<!-- template: usso-choose-workspace.ftl -->
    <#if section = "header">
        ${msg("ussoChooseWorkspaceTitle")}
    <#elseif section = "form">
        <p id="usso-choose-workspace-intro">${msg("ussoChooseWorkspaceIntro")}</p>
        <form id="usso-choose-workspace-form" class="${properties.kcFormClass!}" action="${url.loginAction}"
              method="post">
            <fieldset id="usso-workspaces" style="border: 0; padding: 0; margin: 0 0 1rem 0;">
                <legend class="pf-v5-screen-reader">${msg("ussoChooseWorkspaceTitle")}</legend>
                <#list ussoWorkspaces as ws>
                    <div class="pf-v5-c-radio" style="display: flex; align-items: center; gap: .75rem; padding: .5rem 0;">
                        <input class="pf-v5-c-radio__input" type="radio" name="workspace_id" id="usso-ws-${ws?index}"
                               value="${ws.id}" <#if ws.selected>checked</#if>/>
                        <label class="pf-v5-c-radio__label" for="usso-ws-${ws?index}"
                               style="display: flex; align-items: center; gap: .5rem;">
                            <#if ws.logo?has_content>
                                <img src="${ws.logo}" alt="" width="32" height="32" referrerpolicy="no-referrer" style="object-fit: contain;"/>
                            </#if>
                            <span class="usso-ws-name">${ws.name}</span>
                            <span class="usso-ws-slug" dir="ltr" style="opacity: .7;">${ws.slug}</span>
                        </label>
                    </div>
                </#list>
            </fieldset>
            <div class="pf-v5-c-check" style="margin-bottom: 1rem;">
                <input class="pf-v5-c-check__input" type="checkbox" id="usso-remember" name="remember" value="on"
                       <#if ussoRemember>checked</#if>/>
                <label class="pf-v5-c-check__label" for="usso-remember">${msg("ussoChooseWorkspaceRemember")}</label>
            </div>
            <@buttons.actionGroup>
                <@buttons.button id="usso-choose-workspace-continue" name="continue" label="ussoChooseWorkspaceContinue" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
