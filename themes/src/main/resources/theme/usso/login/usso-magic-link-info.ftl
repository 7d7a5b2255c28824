<#-- USSO magic link, result of opening or confirming a link: "return to your first window", expired, already
     used, replaced by a newer link, invalid. The message itself is the page's message; magicLinkState names the
     case (also for tests: #usso-ml-result[data-state]). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: usso-magic-link-info.ftl -->
    <#if section = "header">
        <#switch magicLinkState!"">
            <#case "return-to-first-window">${msg("ussoMagicLinkConfirmedTitle")}<#break>
            <#case "expired">${msg("ussoMagicLinkExpiredTitle")}<#break>
            <#case "already_used">${msg("ussoMagicLinkUsedTitle")}<#break>
            <#default>${msg("ussoMagicLinkInvalidTitle")}
        </#switch>
    <#elseif section = "form">
        <div id="usso-ml-result" data-state="${magicLinkState!''}"></div>
        <#if (client.baseUrl)?has_content && (magicLinkState!"") != "return-to-first-window">
            <p><a id="usso-ml-back" href="${client.baseUrl}">${msg("backToApplication")}</a></p>
        </#if>
    </#if>
</@layout.registrationLayout>
