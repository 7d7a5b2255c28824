<#-- USSO magic link, the link itself (GET /realms/{realm}/magic-link/open): opening it changes nothing, so e-mail
     link scanners cannot use it up; only this form's POST uses the link. Model: magicLinkToken,
     magicLinkConfirmId (echo of the page's cookie), magicLinkDevice, magicLinkRequestTime, magicLinkCodeRequired
     ("true" in another browser than the one that asked: the person types the number that window shows). -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: usso-magic-link-confirm.ftl -->
    <#if section = "header">
        ${msg("ussoMagicLinkConfirmTitle")}
    <#elseif section = "form">
        <div class="usso-ml-text">
            <p id="usso-ml-confirm-intro">${msg("ussoMagicLinkConfirmIntro", realm.displayName!realm.name)}</p>
            <#if magicLinkDevice?has_content>
                <p id="usso-ml-requested-from">${msg("ussoMagicLinkRequestedFrom", magicLinkDevice, magicLinkRequestTime!'')}</p>
            </#if>
            <p id="usso-ml-confirm-hint">${msg("ussoMagicLinkConfirmHint")}</p>
        </div>
        <form id="usso-ml-confirm-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="token" value="${magicLinkToken}"/>
            <input type="hidden" name="confirm_id" value="${magicLinkConfirmId}"/>
            <#if (magicLinkCodeRequired!"false") == "true">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="usso-ml-code-input" class="${properties.kcLabelClass!}">${msg("ussoMagicLinkCodeLabel")}</label>
                    <input id="usso-ml-code-input" name="code" type="text" inputmode="numeric" autocomplete="off"
                           maxlength="2" required dir="ltr" class="${properties.kcInputClass!}"
                           aria-describedby="usso-ml-code-hint"/>
                    <p id="usso-ml-code-hint">${msg("ussoMagicLinkCodeHint")}</p>
                </div>
            </#if>
            <@buttons.actionGroup>
                <@buttons.button id="usso-ml-confirm" name="confirm" label="ussoMagicLinkConfirmButton" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
