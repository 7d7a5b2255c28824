<#-- USSO QR code login, the phone's confirm page (GET /realms/{realm}/qr-login/scan/{code} or confirm?state=):
     what is asking, the three numbers (number matching) and Approve / Deny. Posts ticket + CSRF token (bound to the
     phone's user session) to ussoQr.action. Model: ussoQr = {action, ticket, csrf, choices, browser, os, ip,
     requestedAt (ISO-8601 UTC), clientName, username, place (the computer's city/country from the server's GeoIP
     file, or empty), warning (none | different_network | different_country), desktopCountry, phoneCountry}. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: usso-qr-confirm.ftl -->
    <#if section = "header">
        ${msg("ussoQrApproveTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/usso-qr-login.css"/>
        <#if (ussoQr.warning!"none") == "different_country">
            <div id="usso-qr-warning" class="${properties.kcAlertClass!} pf-m-danger" role="alert" data-warning="different_country">
                <p>${msg("ussoQrWarnCountry", ussoQr.desktopCountry, ussoQr.phoneCountry)}</p>
            </div>
        <#elseif (ussoQr.warning!"none") == "different_network">
            <div id="usso-qr-warning" class="${properties.kcAlertClass!} pf-m-warning" role="alert" data-warning="different_network">
                <p>${msg("ussoQrWarnNetwork")}</p>
            </div>
        </#if>
        <p id="usso-qr-approve-intro">${msg("ussoQrApproveIntro", (realm.displayName!realm.name), msg("ussoQrDeviceValue", ussoQr.browser, ussoQr.os), ussoQr.ip)}</p>
        <dl id="usso-qr-details" class="usso-qr-details">
            <dt>${msg("ussoQrApplication")}</dt>
            <dd id="usso-qr-client">${advancedMsg(ussoQr.clientName)}</dd>
            <dt>${msg("ussoQrDevice")}</dt>
            <dd id="usso-qr-device">${msg("ussoQrDeviceValue", ussoQr.browser, ussoQr.os)}</dd>
            <dt>${msg("ussoQrAddress")}</dt>
            <dd id="usso-qr-ip" dir="ltr">${ussoQr.ip}</dd>
            <#if (ussoQr.place!"")?has_content>
                <dt>${msg("ussoQrPlace")}</dt>
                <dd id="usso-qr-place">${ussoQr.place}</dd>
            </#if>
            <dt>${msg("ussoQrTime")}</dt>
            <dd><time id="usso-qr-time" datetime="${ussoQr.requestedAt}" dir="ltr">${ussoQr.requestedAt}</time></dd>
            <dt>${msg("ussoQrSignedInAs")}</dt>
            <dd id="usso-qr-user">${ussoQr.username}</dd>
        </dl>
        <form id="usso-qr-confirm-form" class="${properties.kcFormClass!}" action="${ussoQr.action}" method="post">
            <input type="hidden" name="ticket" value="${ussoQr.ticket}"/>
            <input type="hidden" name="csrf" value="${ussoQr.csrf}"/>
            <fieldset class="usso-qr-choices">
                <legend>${msg("ussoQrPickNumber")}</legend>
                <#list ussoQr.choices as choice>
                    <label class="usso-qr-choice" for="usso-qr-choice-${choice?c}">
                        <input type="radio" name="number" id="usso-qr-choice-${choice?c}" value="${choice?c}"/>
                        <span dir="ltr">${choice?c}</span>
                    </label>
                </#list>
            </fieldset>
            <@buttons.actionGroup horizontal=true>
                <@buttons.button id="usso-qr-approve" name="decision" value="approve" label="ussoQrApprove" />
                <@buttons.button id="usso-qr-deny" name="decision" value="deny" label="ussoQrDeny" type="secondary" />
            </@buttons.actionGroup>
        </form>
        <script src="${url.resourcesPath}/js/usso-qr-confirm.js" defer></script>
    </#if>
</@layout.registrationLayout>
