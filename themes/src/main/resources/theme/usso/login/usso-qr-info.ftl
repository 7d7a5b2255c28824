<#-- USSO QR code login, result and error pages on the phone (approved, denied, wrong number, expired, ...).
     Model: ussoQr = {kind (success | info | error), title, message, hint (message keys; hint may be empty)}. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: usso-qr-info.ftl -->
    <#if section = "header">
        ${msg(ussoQr.title)}
    <#elseif section = "form">
        <div id="usso-qr-result" class="usso-qr-result" data-kind="${ussoQr.kind}">
            <p id="usso-qr-result-message">${msg(ussoQr.message)}</p>
            <#if ussoQr.hint?has_content>
                <p id="usso-qr-result-hint">${msg(ussoQr.hint)}</p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
