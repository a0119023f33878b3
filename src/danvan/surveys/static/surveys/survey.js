/* Conditional questions of a survey, at once in the browser. The server applies the same rule
 * without a script: a question shows when the question it depends on is shown and its answer is one
 * of the condition's values. The hidden "shown" field tells the server which questions the person saw. */
(function () {
  "use strict";
  function answersOf(form, id) {
    var out = [];
    form.querySelectorAll('[name="q' + id + '"]').forEach(function (input) {
      if (input.disabled) { return; }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      if (input.value.trim()) { out.push(input.value.trim().toLowerCase()); }
    });
    return out;
  }
  function update(form) {
    var shown = [];
    form.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
      var depends = fieldset.getAttribute("data-condition-question");
      var visible = true;
      if (depends) {
        var parent = form.querySelector('fieldset[data-question="' + depends + '"]');
        var wanted = (fieldset.getAttribute("data-condition-values") || "").split("\n").map(function (v) {
          return v.trim().toLowerCase();
        });
        var given = parent && !parent.hidden ? answersOf(form, depends) : [];
        visible = given.some(function (g) { return wanted.indexOf(g) >= 0; });
      }
      fieldset.hidden = !visible;
      fieldset.disabled = !visible;
      if (visible) { shown.push(fieldset.getAttribute("data-question")); }
    });
    var field = form.querySelector("[data-survey-shown]");
    if (field) { field.value = shown.join(","); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.dv-survey").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();
