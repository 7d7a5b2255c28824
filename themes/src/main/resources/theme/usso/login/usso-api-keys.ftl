<#--
  The signed-in user's API keys (GET/POST /realms/{realm}/api-keys/account, providers/api-keys ApiKeyAccountPage).
  Model: ussoApiKeysUrl (page path), ussoApiKeysLocaleQuery ("" or "?kc_locale=xx"), ussoApiKeysUser,
  ussoApiKeys (list: id, name, masked, scopes, createdAt, expiresAt?, expired, expiresInDays?, lastUsedAt?),
  ussoApiKeyHeldScopes (strings), ussoApiKeyNew? (id, name, key, masked: shown once), ussoApiKeyCsrf,
  ussoApiKeyDefaultDays, ussoApiKeyMaxDays (0 = none), ussoApiKeyMaxLimitDays.
  No inline event handlers: the script at the end wires the confirmations and the copy button.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<#if section = "header">
    ${msg("ussoApiKeysTitle")}
<#elseif section = "form">
<style>
  body[data-page-id="login-usso-api-keys"] .pf-v5-c-login__container { max-width: 56rem; width: 100%; grid-template-columns: minmax(0, 1fr); }
  body[data-page-id="login-usso-api-keys"] .pf-v5-c-login__main { max-width: none; width: 100%; }
  .usso-api-keys h2 { font-size: 1.125rem; font-weight: 600; margin: 1.5rem 0 .75rem; }
  .usso-api-key-list { list-style: none; padding: 0; margin: 0; }
  .usso-api-key { border: 1px solid var(--pf-v5-global--BorderColor--100, #d2d2d2); border-radius: 8px; padding: .75rem 1rem; margin-bottom: .75rem; }
  .usso-api-key-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
  .usso-api-key dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0; }
  .usso-api-key dt { font-weight: 600; }
  .usso-api-key dd { margin: 0; overflow-wrap: anywhere; }
  .usso-api-key code, .usso-api-key-new-value input { direction: ltr; unicode-bidi: isolate; }
  .usso-api-key-actions { display: flex; gap: .5rem; }
  .usso-api-key-new-value { display: flex; gap: .5rem; margin-top: .5rem; }
  .usso-api-key-new-value input { flex: 1; font-family: monospace; }
  .usso-api-key-scope-options label { display: block; margin: .25rem 0; }
</style>
<div id="usso-api-keys-page" class="usso-api-keys" data-page-url="${ussoApiKeysUrl}${ussoApiKeysLocaleQuery}">
  <p class="usso-api-keys-intro">${msg("ussoApiKeysIntro")}</p>
  <p id="usso-api-keys-user" class="usso-api-keys-user">${msg("ussoApiKeysSignedInAs", ussoApiKeysUser)}</p>

  <#if ussoApiKeyNew??>
    <section id="usso-api-key-new" class="pf-v5-c-alert pf-m-success pf-m-inline" aria-live="polite">
      <p class="pf-v5-c-alert__title"><span>${msg("ussoApiKeyCreated")}</span>: <strong id="usso-api-key-new-name">${ussoApiKeyNew.name}</strong></p>
      <div class="pf-v5-c-alert__description">
        <p>${msg("ussoApiKeyCopyNow")}</p>
        <div class="usso-api-key-new-value">
          <input id="usso-api-key-value" class="pf-v5-c-form-control" type="text" readonly autocomplete="off"
                 spellcheck="false" value="${ussoApiKeyNew.key}" aria-label="${msg("ussoApiKeyKey")}">
          <button type="button" id="usso-api-key-copy" class="pf-v5-c-button pf-m-secondary"
                  data-copied="${msg("ussoApiKeyCopied")}">${msg("ussoApiKeyCopy")}</button>
        </div>
      </div>
    </section>
  </#if>

  <h2>${msg("ussoApiKeysYourKeys")}</h2>
  <#if ussoApiKeys?has_content>
    <ul id="usso-api-keys" class="usso-api-key-list">
      <#list ussoApiKeys as k>
        <li class="usso-api-key" data-key-id="${k.id}">
          <div class="usso-api-key-head">
            <strong class="usso-api-key-name">${k.name}</strong>
            <code class="usso-api-key-masked">${k.masked}</code>
          </div>
          <dl>
            <dt>${msg("ussoApiKeyScopes")}</dt>
            <dd class="usso-api-key-scopes"><#list k.scopes as s><code>${s}</code><#sep> </#sep></#list></dd>
            <dt>${msg("ussoApiKeyCreatedAt")}</dt>
            <dd class="usso-api-key-created">${k.createdAt}</dd>
            <dt>${msg("ussoApiKeyExpires")}</dt>
            <dd class="usso-api-key-expires"><#if k.expired>${msg("ussoApiKeyExpired")} (${k.expiresAt})<#elseif k.expiresAt??>${k.expiresAt} (${msg("ussoApiKeyExpiresInDays", k.expiresInDays)})<#else>${msg("ussoApiKeyNeverExpires")}</#if></dd>
            <dt>${msg("ussoApiKeyLastUsed")}</dt>
            <dd class="usso-api-key-last-used"><#if k.lastUsedAt??>${k.lastUsedAt}<#else>${msg("ussoApiKeyNeverUsed")}</#if></dd>
          </dl>
          <div class="usso-api-key-actions">
            <#if !k.expired>
              <form class="usso-api-key-rotate" method="post"
                    action="${ussoApiKeysUrl}/keys/${k.id}/rotate${ussoApiKeysLocaleQuery}"
                    data-confirm="${msg("ussoApiKeyRotateConfirm", k.name)}">
                <input type="hidden" name="csrf" value="${ussoApiKeyCsrf}">
                <button type="submit" class="pf-v5-c-button pf-m-secondary">${msg("ussoApiKeyRotate")}</button>
              </form>
            </#if>
            <form class="usso-api-key-revoke" method="post"
                  action="${ussoApiKeysUrl}/keys/${k.id}/revoke${ussoApiKeysLocaleQuery}"
                  data-confirm="${msg("ussoApiKeyRevokeConfirm", k.name)}">
              <input type="hidden" name="csrf" value="${ussoApiKeyCsrf}">
              <button type="submit" class="pf-v5-c-button pf-m-danger">${msg("ussoApiKeyRevoke")}</button>
            </form>
          </div>
        </li>
      </#list>
    </ul>
  <#else>
    <p id="usso-api-keys-empty">${msg("ussoApiKeysEmpty")}</p>
  </#if>

  <h2>${msg("ussoApiKeyCreate")}</h2>
  <#if ussoApiKeyHeldScopes?has_content>
    <form id="usso-api-key-create" class="${properties.kcFormClass!}" method="post"
          action="${ussoApiKeysUrl}/create${ussoApiKeysLocaleQuery}">
      <input type="hidden" name="csrf" value="${ussoApiKeyCsrf}">
      <div class="${properties.kcFormGroupClass!}">
        <label for="usso-api-key-name" class="${properties.kcLabelClass!}">${msg("ussoApiKeyName")}</label>
        <span class="${properties.kcInputClass!}">
          <input id="usso-api-key-name" name="name" type="text" required maxlength="255" autocomplete="off">
        </span>
        <p class="usso-help">${msg("ussoApiKeyNameHelp")}</p>
      </div>
      <fieldset class="${properties.kcFormGroupClass!} usso-api-key-scope-options">
        <legend class="${properties.kcLabelClass!}">${msg("ussoApiKeyScopes")}</legend>
        <#list ussoApiKeyHeldScopes as s>
          <label><input type="checkbox" name="scopes" value="${s}" id="usso-api-key-scope-${s?index}"> <code>${s}</code></label>
        </#list>
        <p class="usso-help">${msg("ussoApiKeyScopesHelp")}</p>
      </fieldset>
      <div class="${properties.kcFormGroupClass!}">
        <label for="usso-api-key-days" class="${properties.kcLabelClass!}">${msg("ussoApiKeyExpiresInDaysLabel")}</label>
        <span class="${properties.kcInputClass!}">
          <input id="usso-api-key-days" name="expires_in_days" type="number" min="1" max="${ussoApiKeyMaxLimitDays?c}"
                 placeholder="${ussoApiKeyDefaultDays?c}" inputmode="numeric">
        </span>
        <p class="usso-help"><#if ussoApiKeyMaxDays gt 0>${msg("ussoApiKeyExpiresInDaysHelp", ussoApiKeyMaxDays?c, ussoApiKeyDefaultDays?c)}<#else>${msg("ussoApiKeyExpiresInDaysHelpNoMax", ussoApiKeyDefaultDays?c)}</#if></p>
      </div>
      <div class="${properties.kcFormGroupClass!}">
        <button id="usso-api-key-create-submit" type="submit"
                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("ussoApiKeyCreate")}</button>
      </div>
    </form>
  <#else>
    <p id="usso-api-keys-no-scopes">${msg("ussoApiKeyNoScopes")}</p>
  </#if>
</div>
<script>
  (function () {
    var page = document.getElementById("usso-api-keys-page");
    // an answer to a POST: make a reload a plain GET of the page, so it neither re-sends the form nor shows a key again
    if (page && window.history && window.history.replaceState) {
      window.history.replaceState(null, "", page.getAttribute("data-page-url"));
    }
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
    var copy = document.getElementById("usso-api-key-copy");
    if (copy) {
      copy.addEventListener("click", function () {
        var field = document.getElementById("usso-api-key-value");
        field.focus();
        field.select();
        var done = function () { copy.textContent = copy.getAttribute("data-copied"); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
        } else {
          document.execCommand("copy");
          done();
        }
      });
    }
  })();
</script>
</#if>
</@layout.registrationLayout>
