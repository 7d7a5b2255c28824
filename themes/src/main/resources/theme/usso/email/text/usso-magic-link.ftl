<#ftl output_format="plainText">
${msg("ussoMagicLinkBody", link, linkExpiration, device!msg("ussoUnknownDevice"), requestTime!msg("ussoUnknownTime"), realmName)}

--
${msg("ussoEmailFooter", realmName)}
