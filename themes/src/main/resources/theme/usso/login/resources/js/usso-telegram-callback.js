// USSO Telegram login callback page (usso-telegram-callback.ftl): Telegram put the signed login into the URL
// fragment (#tgAuthResult=<base64url JSON>). Copy it into the form, drop it from the address bar and history, and
// post it; the server decodes and verifies it. No fragment (or "false": the person cancelled): say so.
(function () {
  'use strict';
  var form = document.getElementById('usso-tg-form');
  var field = document.getElementById('usso-tg-result');
  if (!form || !field) {
    return;
  }
  var hash = window.location.hash ? window.location.hash.substring(1) : '';
  var value = null;
  hash.split('&').forEach(function (pair) {
    var eq = pair.indexOf('=');
    if (eq > 0 && pair.substring(0, eq) === 'tgAuthResult') {
      value = pair.substring(eq + 1);
    }
  });
  if (window.history && window.history.replaceState) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  if (!value || value === 'false') {
    var wait = document.getElementById('usso-tg-wait');
    if (wait) {
      wait.hidden = true;
    }
    document.getElementById('usso-tg-missing').hidden = false;
    return;
  }
  try {
    field.value = decodeURIComponent(value);
  } catch (e) {
    field.value = value;
  }
  form.submit();
}());
