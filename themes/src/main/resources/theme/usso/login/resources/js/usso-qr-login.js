// USSO QR code login, the waiting page (usso-qr-login.ftl). Long-polls the status URL: the server answers as soon
// as a phone decided, or when the next QR code is due (it then sends the new code as inline SVG, rendered on the
// server from its own markup). When approved, submits #usso-qr-form with qr_action=complete, so this window
// continues by itself. When long polls are refused (the server caps them) or fail, it polls every retry_ms / second.
// No dependencies, no external resources.
(function () {
  "use strict";

  var root = document.getElementById("usso-qr");
  var form = document.getElementById("usso-qr-form");
  if (!root || !form || !window.fetch) {
    return;
  }
  var statusUrl = root.getAttribute("data-status-url");
  var generation = Number(root.getAttribute("data-generation")) || 0;
  var deadline = Date.now() + (Number(root.getAttribute("data-expires-in")) || 0) * 1000;
  var WAIT_SECONDS = 10;
  var FALLBACK_MS = 1000;
  var failures = 0;
  var done = false;

  function say(key) {
    var status = document.getElementById("usso-qr-status");
    if (status) {
      status.textContent = root.getAttribute("data-msg-" + key) || "";
    }
  }

  function finish(key, restart) {
    done = true;
    say(key);
    root.setAttribute("data-state", key);
    var image = document.getElementById("usso-qr-image");
    if (image && restart) {
      image.classList.add("usso-qr-image-spent");
    }
    var group = document.getElementById("usso-qr-restart-group");
    if (group && restart) {
      group.hidden = false;
    }
  }

  function complete() {
    finish("approved", false);
    document.getElementById("usso-qr-action").value = "complete";
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function showCode(svg, scanUrl, next) {
    var image = document.getElementById("usso-qr-image");
    if (image && svg) {
      // the markup comes from our own server (a white rect and one path); parse it as SVG, never as HTML
      var parsed = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
      if (parsed && parsed.nodeName.toLowerCase() === "svg") {
        image.replaceChildren(document.importNode(parsed, true));
      }
    }
    if (scanUrl) {
      root.setAttribute("data-scan-url", scanUrl);
    }
    generation = next;
    root.setAttribute("data-generation", String(next));
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
        finish("denied", true);
        return;
      case "cancelled":
        finish("cancelled", true);
        return;
      case "expired":
        finish("expired", true);
        return;
      default:
        if (body.svg) {
          showCode(body.svg, body.scan_url, Number(body.generation) || generation);
        }
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
    var url = statusUrl + "?generation=" + generation + "&wait=" + WAIT_SECONDS;
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 404) {
          return { status: "expired" };
        }
        if (response.status === 429) {
          var retry = Number(response.headers.get("Retry-After")) || 2;
          return { status: "pending", retry_ms: retry * 1000 };
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
