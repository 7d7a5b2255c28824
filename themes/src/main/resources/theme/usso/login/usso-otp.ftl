<#-- USSO one-time code: type the code sent by e-mail or SMS. Rendered by providers/otp (OtpAuthenticator for
     usso-email-otp / usso-sms-otp, VerifyPhoneRequiredAction for usso-verify-phone). Model: ussoOtp (OtpPageBean:
     channel, destination as shown, length, cooldown seconds until a new code may be sent, attemptsLeft,
     firstFactor = offer "use another address" (restart), changeable = offer "use another number" (form action)).
     Posts otp + usso-otp-action=verify; the resend form posts usso-otp-action=resend. The resend button counts the
     cool-down down in the page (no request needed); without script it simply stays enabled and the server
     answers with the remaining seconds. -->
<#-- digits as people of the page's language read them (Persian digits in Persian) -->
<#function ussoDigits text>
    <#if ((locale.currentLanguageTag)!"")?starts_with("fa")>
        <#return text?replace("0", "۰")?replace("1", "۱")?replace("2", "۲")?replace("3", "۳")?replace("4", "۴")?replace("5", "۵")?replace("6", "۶")?replace("7", "۷")?replace("8", "۸")?replace("9", "۹")>
    </#if>
    <#return text>
</#function>
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('otp'); section>
<!-- template: usso-otp.ftl -->
    <#if section = "header">
        ${msg("ussoOtpTitle")}
    <#elseif section = "form">
        <p id="usso-otp-intro"><#if ussoOtp.length == 6>${msg("ussoOtpIntro", ussoOtp.destination)}<#else>${msg("ussoOtpIntroLength", ussoOtp.destination, ussoOtp.length?c)}</#if></p>
        <form id="usso-otp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="document.getElementById('usso-otp-submit').disabled = true; return true;">
            <@field.group name="otp" label=msg((ussoOtp.length == 6)?then("ussoOtpLabel", "ussoOtpLabelGeneric")) error=messagesPerField.get('otp')>
                <span class="${properties.kcInputClass} <#if messagesPerField.existsError('otp')>${properties.kcError}</#if>">
                    <input id="otp" name="otp" value="" type="text" inputmode="numeric" autocomplete="one-time-code"
                           dir="ltr" autofocus maxlength="${(ussoOtp.length * 2 + 4)?c}" spellcheck="false"
                           aria-invalid="<#if messagesPerField.existsError('otp')>true</#if>"/>
                </span>
            </@field.group>
            <input type="hidden" name="usso-otp-action" value="verify"/>
            <@buttons.actionGroup>
                <@buttons.button id="usso-otp-submit" name="verify" label="ussoOtpSubmit" />
            </@buttons.actionGroup>
        </form>
        <form id="usso-otp-resend-form" action="${url.loginAction}" method="post">
            <input type="hidden" name="usso-otp-action" value="resend"/>
            <#-- while cooling down only the countdown shows (not a greyed button beside it); numbers in the
                 page's script (Persian digits in Persian) -->
            <button id="usso-otp-resend" type="submit" class="${properties.kcButtonLinkClass!}"
                    data-cooldown="${ussoOtp.cooldown?c}"<#if ussoOtp.cooldown gt 0> disabled</#if>>${msg("ussoOtpResend")}</button>
            <span id="usso-otp-resend-in" aria-live="polite" data-template="${msg("ussoOtpResendIn", "__S__")}"><#if ussoOtp.cooldown gt 0>${msg("ussoOtpResendIn", ussoDigits(ussoOtp.cooldown?c))}</#if></span>
        </form>
        <#if ussoOtp.changeable>
            <form id="usso-otp-change-form" action="${url.loginAction}" method="post">
                <input type="hidden" name="usso-otp-action" value="change"/>
                <button id="usso-otp-change" type="submit" class="${properties.kcButtonLinkClass!}">${msg("ussoVerifyPhoneChange")}</button>
            </form>
        <#elseif ussoOtp.firstFactor>
            <p><a id="usso-otp-use-another" href="${url.loginRestartFlowUrl}">${msg("ussoOtpUseAnother")}</a></p>
        </#if>
        <script>
            (function () {
                var button = document.getElementById("usso-otp-resend");
                var label = document.getElementById("usso-otp-resend-in");
                var left = parseInt(button.getAttribute("data-cooldown"), 10) || 0;
                if (left <= 0) { return; }
                // only the countdown while cooling down (PatternFly's button display beats the hidden attribute)
                button.style.display = "none";
                var template = label.getAttribute("data-template");
                var timer = setInterval(function () {
                    left -= 1;
                    if (left <= 0) {
                        clearInterval(timer);
                        button.disabled = false;
                        button.style.display = "";
                        label.textContent = "";
                    } else {
                        label.textContent = template.replace("__S__",
                                left.toLocaleString(document.documentElement.lang || undefined));
                    }
                }, 1000);
            })();
        </script>
    </#if>
</@layout.registrationLayout>
