<#-- USSO required action usso-verify-phone, step 1: type the mobile number to verify (pre-filled with the stored
     one). Rendered by providers/otp (VerifyPhoneRequiredAction). Model: ussoOtp (OtpPageBean: identifier = number to
     pre-fill). Posts phone + usso-otp-action=send; the next page is usso-otp.ftl. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phone'); section>
<!-- template: usso-verify-phone.ftl -->
    <#if section = "header">
        ${msg("ussoVerifyPhoneTitle")}
    <#elseif section = "form">
        <p id="usso-verify-phone-intro">${msg("ussoVerifyPhoneIntro")}</p>
        <form id="usso-verify-phone-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="document.getElementById('usso-verify-phone-send').disabled = true; return true;">
            <@field.group name="phone" label=msg("ussoPhoneLabel") error=messagesPerField.get('phone')>
                <span class="${properties.kcInputClass} <#if messagesPerField.existsError('phone')>${properties.kcError}</#if>">
                    <input id="phone" name="phone" value="${ussoOtp.identifier}" type="tel" inputmode="tel"
                           autocomplete="tel" dir="ltr" autofocus maxlength="40"
                           aria-invalid="<#if messagesPerField.existsError('phone')>true</#if>"/>
                </span>
            </@field.group>
            <input type="hidden" name="usso-otp-action" value="send"/>
            <@buttons.actionGroup>
                <@buttons.button id="usso-verify-phone-send" name="send" label="ussoVerifyPhoneSend" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
