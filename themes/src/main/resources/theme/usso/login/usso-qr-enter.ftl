<#-- USSO QR code login, the fallback short code typed on a signed-in phone (GET/POST /realms/{realm}/qr-login/enter).
     Model: ussoQr = {action, csrf, username}. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: usso-qr-enter.ftl -->
    <#if section = "header">
        ${msg("ussoQrEnterTitle")}
    <#elseif section = "form">
        <p id="usso-qr-enter-intro">${msg("ussoQrEnterIntro")}</p>
        <form id="usso-qr-enter-form" class="${properties.kcFormClass!}" action="${ussoQr.action}" method="post">
            <input type="hidden" name="csrf" value="${ussoQr.csrf}"/>
            <@field.input name="short_code" label=msg("ussoQrEnterLabel") autofocus=true autocomplete="off" />
            <@buttons.actionGroup>
                <@buttons.button id="usso-qr-enter-submit" label="ussoQrEnterSubmit" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
