<#-- Test stand-in for base/email/html/template.ftl, which Keycloak provides at runtime through the
     theme chain (usso -> keycloak -> base). Only the macro our templates call. -->
<#macro emailLayout><!DOCTYPE html>
<html><body>
<#nested>
</body></html>
</#macro>
