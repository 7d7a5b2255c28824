<#ftl output_format="plainText">
<#-- The workspace invitation (Keycloak's organization invitation), plain-text part. Keycloak 26.7's own template
     runs this text through kcSanitize, an HTML sanitiser, so the plain-text mail showed "key&#61;" in the link (a
     broken link in text-only mail clients) and "&#34;" for quotes. Plain text needs no HTML escaping. -->
<#if firstName?? && lastName??>
${msg("orgInviteBodyPersonalized", link, linkExpiration, realmName, organization.name, linkExpirationFormatter(linkExpiration), firstName, lastName)}
<#else>
${msg("orgInviteBody", link, linkExpiration, realmName, organization.name, linkExpirationFormatter(linkExpiration))}
</#if>
