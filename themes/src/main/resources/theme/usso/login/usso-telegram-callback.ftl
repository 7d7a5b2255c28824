<#-- USSO Telegram identity provider: Telegram's Login Widget sends the browser back here with the signed login in the
     #tgAuthResult fragment, which never reaches the server; js/usso-telegram-callback.js copies it into the form
     and posts it to the broker endpoint. Model: telegramEndpoint (the form's action), telegramState (Keycloak's
     broker state). Without a fragment the page says so (the person cancelled at Telegram). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: usso-telegram-callback.ftl -->
    <#if section = "header">
        ${msg("ussoTelegramSigningInTitle")}
    <#elseif section = "form">
        <form id="usso-tg-form" class="${properties.kcFormClass!}" method="post" action="${telegramEndpoint}">
            <input type="hidden" name="state" value="${telegramState}"/>
            <input type="hidden" id="usso-tg-result" name="tgAuthResult" value=""/>
            <p id="usso-tg-wait">${msg("ussoTelegramSigningIn")}</p>
            <noscript><p id="usso-tg-noscript">${msg("ussoTelegramNoScript")}</p></noscript>
        </form>
        <p id="usso-tg-missing" hidden>${msg("ussoTelegramNoData")}</p>
        <script src="${url.resourcesPath}/js/usso-telegram-callback.js" defer></script>
    </#if>
</@layout.registrationLayout>
