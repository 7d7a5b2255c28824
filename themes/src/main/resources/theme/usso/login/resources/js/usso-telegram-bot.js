// USSO "Confirm in Telegram", the waiting page (usso-telegram-bot.ftl). Long-polls the status URL: the server
// answers as soon as the chat decided (the bot's webhook may run on another node). When approved, submits
// #usso-tg-form with tg_action=complete, so this window continues by itself. When long polls are refused or fail,
// it polls every retry_ms / second. No dependencies, no external resources.
(function () {
  "use strict";

  var root = document.getElementById("usso-tg");
  var form = document.getElementById("usso-tg-form");
  if (!root || !form || !window.fetch) {
    return;
  }
  var statusUrl = root.getAttribute("data-status-url");
  var deadline = Date.now() + (Number(root.getAttribute("data-expires-in")) || 0) * 1000;
  var WAIT_SECONDS = 10;
  var FALLBACK_MS = 1000;
  var failures = 0;
  var done = false;

  function say(key) {
    var status = document.getElementById("usso-tg-status");
    if (status) {
      status.textContent = root.getAttribute("data-msg-" + key) || "";
    }
  }

  function finish(key, restart) {
    done = true;
    say(key);
    root.setAttribute("data-state", key);
    var image = document.getElementById("usso-tg-image");
    if (image && restart) {
      image.classList.add("usso-qr-image-spent");
    }
    var group = document.getElementById("usso-tg-restart-group");
    if (group && restart) {
      group.hidden = false;
    }
  }

  function complete() {
    finish("approved", false);
    document.getElementById("usso-tg-action").value = "complete";
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

  function handle(body) {
    switch (body.status) {
      case "approved":
        complete();
        return;
      case "denied":
        finish(body.reason === "not_linked" ? "not_linked" : "denied", true);
        return;
      case "expired":
        finish("expired", true);
        return;
      default:
        later(Number(body.retry_ms) || 0);
    }
  }

  function poll() {
    if (done) {
      return;
    }
    if (Date.now() > deadline + 5000) {
      finish("expired", true);
      return;
    }
    fetch(statusUrl + "?wait=" + WAIT_SECONDS,
        { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 404) {
          return { status: "expired" };
        }
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (body) {
        failures = 0;
        handle(body || {});
      })
      .catch(function () {
        failures++;
        if (failures >= 3) {
          say("network");
        }
        later(Math.min(10000, FALLBACK_MS * failures));
      });
  }

  poll();
})();
