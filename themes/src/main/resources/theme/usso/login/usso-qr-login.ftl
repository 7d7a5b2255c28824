<#-- USSO QR code login, the waiting page (authenticator usso-qr-login). js/usso-qr-login.js long-polls
     ussoQr.statusUrl, swaps in each rotated code, and submits #usso-qr-form with qr_action=complete once a phone
     approved; on denied/cancelled/expired it shows why and offers a new code (qr_action=restart).
     Model: ussoQr = {available, svg, scanUrl, statusUrl, number, shortCode, enterUrl, expiresIn, generation};
     available=false (rate limited, refused) renders only the message and the button for a new code. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: usso-qr-login.ftl -->
    <#if section = "header">
        ${msg("ussoQrTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/usso-qr-login.css"/>
        <#if ussoQr.available>
            <div id="usso-qr" class="usso-qr"
                 data-status-url="${ussoQr.statusUrl}"
                 data-scan-url="${ussoQr.scanUrl}"
                 data-generation="${ussoQr.generation?c}"
                 data-expires-in="${ussoQr.expiresIn?c}"
                 data-msg-approved="${msg("ussoQrApproving")}"
                 data-msg-denied="${msg("ussoQrDenied")}"
                 data-msg-cancelled="${msg("ussoQrCancelled")}"
                 data-msg-expired="${msg("ussoQrExpired")}"
                 data-msg-network="${msg("ussoErrorNetwork")}">
                <p id="usso-qr-intro">${msg("ussoQrScan")}</p>
                <div id="usso-qr-image" class="usso-qr-image" role="img" aria-label="${msg("ussoQrImageLabel")}">${ussoQr.svg?no_esc}</div>
                <p id="usso-qr-number-hint" class="usso-qr-center">${msg("ussoQrNumberHint", ussoQr.number?c)}</p>
                <p id="usso-qr-number" class="usso-qr-number" dir="ltr">${ussoQr.number?c}</p>
                <#if ussoQr.shortCode?has_content>
                    <p id="usso-qr-short-hint" class="usso-qr-center">${msg("ussoQrShortCodeHint", ussoQr.enterUrl)}</p>
                    <p id="usso-qr-short-code" class="usso-qr-short-code" dir="ltr">${ussoQr.shortCode}</p>
                </#if>
                <p id="usso-qr-status" class="usso-qr-center" role="status" aria-live="polite">${msg("ussoQrWaiting")}</p>
                <noscript><p class="usso-qr-center">${msg("ussoQrScriptNeeded")}</p></noscript>
            </div>
        </#if>
        <form id="usso-qr-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" id="usso-qr-action" name="qr_action" value="restart"/>
            <div id="usso-qr-restart-group"<#if ussoQr.available> hidden</#if>>
                <@buttons.actionGroup>
                    <@buttons.button id="usso-qr-restart" label="ussoQrRefresh" type="secondary" />
                </@buttons.actionGroup>
            </div>
        </form>
        <#if ussoQr.available>
            <script src="${url.resourcesPath}/js/usso-qr-login.js" defer></script>
        </#if>
    </#if>
</@layout.registrationLayout>
