<#ftl output_format="plainText">
${msg("ussoImpersonationBody", impersonator, started, ends, realmName)}
<#if reason??>

${msg("ussoImpersonationReason")} ${reason}
</#if>

${msg("ussoImpersonationUnexpected", realmName)}

--
${msg("ussoEmailFooter", realmName)}
