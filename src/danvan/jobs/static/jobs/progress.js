/* The progress of a long job, polled from its small status address (served as a static file: the
 * Content-Security-Policy allows no inline script). Without script the page refreshes itself
 * (a <meta refresh> inside <noscript>) and offers a "reload" link. */
(function () {
  "use strict";

  function start() {
    var box = document.querySelector("[data-job-status]");
    if (!box || !window.fetch) return;
    var url = box.getAttribute("data-job-status");
    var every = (parseInt(box.getAttribute("data-refresh"), 10) || 3) * 1000;
    var bar = box.querySelector("progress");
    var words = box.querySelector("[role=status]");
    var lastTenth = -1, lastStalled = false, lastSaid = 0;

    function look() {
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) { window.setTimeout(look, every * 2); return; }
          if (status.finished) { window.location.reload(); return; }
          bar.max = status.total;
          bar.value = status.done;
          bar.textContent = status.percent + "%";
          // The sentence is a live region: say it again only at each tenth of the way, when the
          // worker's state changes, or every 15 seconds, so a screen reader is not talked over.
          var tenth = Math.floor(status.percent / 10);
          var now = Date.now();
          if (words.textContent !== status.words &&
              (tenth !== lastTenth || status.stalled !== lastStalled || now - lastSaid > 15000)) {
            words.textContent = status.words;
            lastTenth = tenth; lastStalled = status.stalled; lastSaid = now;
          }
          words.classList.toggle("text-danger", status.stalled);
          words.classList.toggle("fw-semibold", status.stalled);
          window.setTimeout(look, every);
        })
        .catch(function () { window.setTimeout(look, every * 2); });
    }
    window.setTimeout(look, every);
  }

  if (document.readyState !== "loading") start(); else document.addEventListener("DOMContentLoaded", start);
})();
