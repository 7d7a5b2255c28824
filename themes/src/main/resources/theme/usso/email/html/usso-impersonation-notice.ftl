<#-- USSO impersonation notice (HTML). Model from ImpersonationNoticeListener: impersonator, started, ends (plain
     text) and reason (optional, plain text, escaped here); realmName and locale come from Keycloak. -->
<#import "template.ftl" as layout>
<#assign textDirection = msg("ussoTextDirection")>
<@layout.emailLayout>
<div dir="${textDirection}" style="text-align: ${(textDirection == "rtl")?then("right", "left")}; font-family: Vazirmatn, Tahoma, Arial, sans-serif; line-height: 1.6;">
${kcSanitize(msg("ussoImpersonationBodyHtml", impersonator, started, ends, realmName))?no_esc}
<#if reason??><p><b>${msg("ussoImpersonationReason")}</b> ${reason}</p></#if>
<p><small>${msg("ussoImpersonationUnexpected", realmName)}</small></p>
<p style="color: #6a6e73; font-size: 12px;">${msg("ussoEmailFooter", realmName)}</p>
</div>
</@layout.emailLayout>
