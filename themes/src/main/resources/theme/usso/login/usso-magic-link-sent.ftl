<#-- USSO magic link, step 2: "check your e-mail". The same page whether or not the address has an account.
     js/usso-magic-link.js polls magicLinkStatusUrl (long poll, plain polling as fallback) and submits
     #usso-ml-check-form as soon as the link was confirmed on another device; without script the person presses
     the button. Model: magicLinkStatusUrl, magicLinkExpiresAt (epoch ms), magicLinkMinutes, magicLinkAddress,
     magicLinkAddressFixed ("true" when an earlier step identified the user: no "use a different address"),
     magicLinkCode (the two-digit number another device must type to confirm; empty in same-browser mode). -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: usso-magic-link-sent.ftl -->
    <#if section = "header">
        ${msg("ussoMagicLinkSentTitle")}
    <#elseif section = "form">
        <div id="usso-ml-waiting" class="usso-ml-text" data-status-url="${magicLinkStatusUrl}" data-expires-at="${magicLinkExpiresAt}">
            <p id="usso-ml-sent">${msg("ussoMagicLinkSentGeneric", magicLinkMinutes)}</p>
            <#if magicLinkAddress?has_content>
                <p id="usso-ml-address">${msg("ussoMagicLinkAddressShown", magicLinkAddress)}</p>
            </#if>
            <#if (magicLinkCode!"")?has_content>
                <p id="usso-ml-code-intro">${msg("ussoMagicLinkCodeShown")}</p>
                <p id="usso-ml-code" class="usso-ml-code" dir="ltr">${magicLinkCode}</p>
            </#if>
            <p id="usso-ml-status" aria-live="polite">${msg("ussoMagicLinkWaiting")}</p>
            <p id="usso-ml-refused" aria-live="polite" hidden>${msg("ussoMagicLinkRefusedElsewhere")}</p>
            <p id="usso-ml-continued" aria-live="polite" hidden>${msg("ussoMagicLinkContinuedElsewhere")}</p>
            <p id="usso-ml-expired" aria-live="polite" hidden>${msg("ussoMagicLinkExpired")}</p>
            <p id="usso-ml-hint">${msg("ussoMagicLinkSentHint")}</p>
        </div>
        <form id="usso-ml-check-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="check" value="true"/>
            <@buttons.actionGroup>
                <@buttons.button id="usso-ml-check" name="checkNow" label="ussoMagicLinkCheckNow" />
            </@buttons.actionGroup>
        </form>
        <form id="usso-ml-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="resend" value="true"/>
            <@buttons.actionGroup>
                <@buttons.button id="usso-ml-resend" name="resendNow" label="ussoMagicLinkResend" type="secondary" />
            </@buttons.actionGroup>
        </form>
        <#if (magicLinkAddressFixed!"false") != "true">
        <form id="usso-ml-change-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="change" value="true"/>
            <@buttons.actionGroup>
                <@buttons.button id="usso-ml-change" name="changeAddress" label="ussoMagicLinkChangeAddress" type="link" />
            </@buttons.actionGroup>
        </form>
        </#if>
        <script src="${url.resourcesPath}/js/usso-magic-link.js" defer></script>
    </#if>
</@layout.registrationLayout>
