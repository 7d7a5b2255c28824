<#-- USSO magic-link email (HTML). Model from the sending provider: link, linkExpiration (minutes),
     device and requestTime (optional, plain text); realmName and locale come from Keycloak.
     ussoTextDirection is "rtl" in messages_fa, so Persian mail reads right to left even in clients
     that ignore the dir of the <html> element written by base/email/html/template.ftl. -->
<#import "template.ftl" as layout>
<#assign textDirection = msg("ussoTextDirection")>
<@layout.emailLayout>
<div dir="${textDirection}" style="text-align: ${(textDirection == "rtl")?then("right", "left")}; font-family: Vazirmatn, Tahoma, Arial, sans-serif; line-height: 1.6;">
${kcSanitize(msg("ussoMagicLinkBodyHtml", link, linkExpiration, device!msg("ussoUnknownDevice"), requestTime!msg("ussoUnknownTime"), realmName))?no_esc}
<p style="color: #6a6e73; font-size: 12px;">${msg("ussoEmailFooter", realmName)}</p>
</div>
</@layout.emailLayout>
