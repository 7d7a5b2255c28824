<#ftl output_format="plainText">
${msg("ussoOtpBody", code, codeExpiration, device!msg("ussoUnknownDevice"), requestTime!msg("ussoUnknownTime"), realmName)}

--
${msg("ussoEmailFooter", realmName)}
