<#-- USSO magic link, step 1: ask for the e-mail address (or user name). Rendered by the usso-magic-link
     authenticator (providers/magic-link). Model: magicLinkAddress (pre-filled value). -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username'); section>
<!-- template: usso-magic-link.ftl -->
    <#if section = "header">
        ${msg("ussoMagicLinkTitle")}
    <#elseif section = "form">
        <p id="usso-ml-intro" class="usso-ml-text">${msg("ussoMagicLinkIntro")}</p>
        <form id="usso-ml-request-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@field.input name="username" label=msg("ussoEmailLabel") value=magicLinkAddress!'' autofocus=true autocomplete="email" />
            <@buttons.actionGroup>
                <@buttons.button id="usso-ml-send" name="send" label="ussoMagicLinkSend" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
