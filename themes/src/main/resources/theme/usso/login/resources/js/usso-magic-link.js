// USSO magic link waiting page (usso-magic-link-sent.ftl): waits for the link to be confirmed and then submits
// #usso-ml-check-form, so the first window continues by itself. Long-polls the status URL (the server answers as soon
// as the state changes); when long polls fail or are refused it falls back to plain polling once a second. No
// dependencies, no external resources.
(function () {
  "use strict";

  var root = document.getElementById("usso-ml-waiting");
  var form = document.getElementById("usso-ml-check-form");
  if (!root || !form || !window.fetch) {
    return; // the "I opened the link" button still works
  }
  var statusUrl = root.getAttribute("data-status-url");
  var expiresAt = Number(root.getAttribute("data-expires-at")) || 0;
  var LONG_POLL_SECONDS = 20;
  var PLAIN_INTERVAL = 1000;
  var longPoll = true;
  var failures = 0;
  var done = false;

  function reveal(id) {
    var status = document.getElementById("usso-ml-status");
    if (status) {
      status.hidden = true;
    }
    var element = document.getElementById(id);
    if (element) {
      element.hidden = false;
    }
  }

  function submit() {
    done = true;
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function later(delay) {
    if (!done) {
      window.setTimeout(poll, Math.max(0, delay));
    }
  }

  function poll() {
    if (done) {
      return;
    }
    if (expiresAt && Date.now() >= expiresAt) {
      done = true;
      reveal("usso-ml-expired");
      return;
    }
    var started = Date.now();
    var url = statusUrl + (longPoll ? "&wait=" + LONG_POLL_SECONDS : "");
    window.fetch(url, { cache: "no-store", credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (body) {
        failures = 0;
        if (body.status === "confirmed") {
          submit();
        } else if (body.status === "continued") {
          done = true;
          reveal("usso-ml-continued");
        } else if (body.status === "refused") {
          done = true;
          reveal("usso-ml-refused");
        } else {
          // a long poll answered early (server busy) must not turn into a busy loop
          later(PLAIN_INTERVAL - (Date.now() - started));
        }
      })
      .catch(function () {
        failures += 1;
        if (failures >= 2) {
          longPoll = false;
        }
        later(Math.min(PLAIN_INTERVAL * failures, 5000));
      });
  }

  poll();
})();
