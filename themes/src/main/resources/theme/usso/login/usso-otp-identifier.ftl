<#-- USSO one-time code, first factor, step 1: ask for the e-mail address (usso-email-otp) or the mobile number
     (usso-sms-otp). Rendered by providers/otp (OtpAuthenticator). Model: ussoOtp (OtpPageBean: channel, identifier
     = value to pre-fill). Posts identifier + usso-otp-action=send. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#assign sms = (ussoOtp.channel == "sms")>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('identifier'); section>
<!-- template: usso-otp-identifier.ftl -->
    <#if section = "header">
        ${msg(sms?then("ussoOtpSmsTitle", "ussoOtpEmailTitle"))}
    <#elseif section = "form">
        <p id="usso-otp-intro">${msg(sms?then("ussoOtpSmsIntro", "ussoOtpEmailIntro"))}</p>
        <form id="usso-otp-identifier-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="document.getElementById('usso-otp-send').disabled = true; return true;">
            <@field.group name="identifier" label=msg(sms?then("ussoPhoneLabel", "ussoEmailLabel")) error=messagesPerField.get('identifier')>
                <span class="${properties.kcInputClass} <#if messagesPerField.existsError('identifier')>${properties.kcError}</#if>">
                    <input id="identifier" name="identifier" value="${ussoOtp.identifier}" dir="ltr" autofocus
                           type="${sms?then('tel', 'email')}" inputmode="${sms?then('tel', 'email')}"
                           autocomplete="${sms?then('tel', 'email')}" maxlength="${sms?then('40', '254')}"
                           aria-invalid="<#if messagesPerField.existsError('identifier')>true</#if>"/>
                </span>
            </@field.group>
            <input type="hidden" name="usso-otp-action" value="send"/>
            <@buttons.actionGroup>
                <@buttons.button id="usso-otp-send" name="send" label="ussoOtpSendCode" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
