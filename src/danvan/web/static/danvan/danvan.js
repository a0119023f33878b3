/* danvan's page behaviour, served as a static file (no inline scripts: a strict Content-Security-Policy
 * allows scripts from the application's own origin only). Everything here is an enhancement: every
 * page works without it. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // Selects marked data-autosubmit (the language menu) submit their form when changed.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });

    // htmx requests carry the CSRF token (kept in a data attribute, not an inline script).
    var token = document.body.getAttribute("data-csrf-token");
    document.body.addEventListener("htmx:configRequest", function (event) {
      if (token) event.detail.headers["X-CSRFToken"] = token;
    });

    // Date fields: typed as dd/mm/yyyy, with a calendar from the installed date picker when present.
    if (window.Datepicker) {
      var lang = (document.documentElement.getAttribute("lang") || "vi").slice(0, 2);
      document.querySelectorAll("input[data-date-input]").forEach(function (input) {
        new window.Datepicker(input, {
          format: "dd/mm/yyyy",
          language: lang === "vi" && window.Datepicker.locales.vi ? "vi" : "en",
          weekStart: 1,
          autohide: true,
          showOnFocus: false,
          showOnClick: true,
          todayBtn: true,
          todayBtnMode: 1,
          clearBtn: true,
          updateOnBlur: false,
          buttonClass: "btn"
        });
      });
    }

    // A form returned with errors: move focus to its error summary so that it is read out first.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();

  });
})();
