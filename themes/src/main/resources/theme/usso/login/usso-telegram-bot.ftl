<#-- USSO "Confirm in Telegram", the waiting page (authenticator usso-telegram-bot). js/usso-telegram-bot.js
     long-polls ussoTgBot.statusUrl and submits #usso-tg-form with tg_action=complete once the chat approved; on
     denied/expired it shows why and offers a new link (tg_action=restart).
     Model: ussoTgBot = {available, svg, deepLink, bot, statusUrl, number, expiresIn}; number is empty when number
     matching is off; available=false renders only the message and the button for a new link. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: usso-telegram-bot.ftl -->
    <#if section = "header">
        ${msg("ussoTgBotTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/usso-qr-login.css"/>
        <#if ussoTgBot.available>
            <div id="usso-tg" class="usso-qr"
                 data-status-url="${ussoTgBot.statusUrl}"
                 data-deep-link="${ussoTgBot.deepLink}"
                 data-expires-in="${ussoTgBot.expiresIn?c}"
                 data-msg-approved="${msg("ussoTgBotApproving")}"
                 data-msg-denied="${msg("ussoTgBotDenied")}"
                 data-msg-not_linked="${msg("ussoTgBotNotLinked")}"
                 data-msg-expired="${msg("ussoTgBotExpired")}"
                 data-msg-network="${msg("ussoErrorNetwork")}">
                <p id="usso-tg-intro">${msg("ussoTgBotIntro", ussoTgBot.bot)}</p>
                <p class="usso-qr-center"><a id="usso-tg-link" href="${ussoTgBot.deepLink}" target="_blank" rel="noopener noreferrer">${msg("ussoTgBotOpen")}</a></p>
                <div id="usso-tg-image" class="usso-qr-image" role="img" aria-label="${msg("ussoTgBotImageLabel")}">${ussoTgBot.svg?no_esc}</div>
                <#if ussoTgBot.number?has_content>
                    <p id="usso-tg-number-hint" class="usso-qr-center">${msg("ussoTgBotNumberHint", ussoTgBot.number)}</p>
                    <p id="usso-tg-number" class="usso-qr-number" dir="ltr">${ussoTgBot.number}</p>
                </#if>
                <p id="usso-tg-status" class="usso-qr-center" role="status" aria-live="polite">${msg("ussoTgBotWaiting")}</p>
                <noscript><p class="usso-qr-center">${msg("ussoQrScriptNeeded")}</p></noscript>
            </div>
        </#if>
        <form id="usso-tg-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" id="usso-tg-action" name="tg_action" value="restart"/>
            <div id="usso-tg-restart-group"<#if ussoTgBot.available> hidden</#if>>
                <@buttons.actionGroup>
                    <@buttons.button id="usso-tg-restart" label="ussoTgBotRefresh" type="secondary" />
                </@buttons.actionGroup>
            </div>
        </form>
        <#if ussoTgBot.available>
            <script src="${url.resourcesPath}/js/usso-telegram-bot.js" defer></script>
        </#if>
    </#if>
</@layout.registrationLayout>
