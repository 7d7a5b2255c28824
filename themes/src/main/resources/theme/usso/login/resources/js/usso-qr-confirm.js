// USSO QR code login, the phone's confirm page (usso-qr-confirm.ftl): shows the request time in the phone's own
// time zone and language (the server renders it in UTC). Nothing else depends on script.
(function () {
  "use strict";

  var time = document.getElementById("usso-qr-time");
  if (!time) {
    return;
  }
  var when = new Date(time.getAttribute("datetime"));
  if (isNaN(when.getTime())) {
    return;
  }
  var language = document.documentElement.getAttribute("lang") || undefined;
  try {
    time.textContent = when.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  } catch (e) {
    time.textContent = when.toLocaleTimeString();
  }
})();
