// Nothing typed is lost when the session expired meanwhile: the answers on a self-assessment step are
// kept in this browser tab (sessionStorage) as they are typed. When the page comes back (after signing
// in again) with other values than the kept ones, the kept ones are put back and a note says so; once
// the page shows exactly the kept values (they were saved), the copy is dropped. Files cannot be kept.
(function () {
  "use strict";
  var form = document.querySelector("form[data-keep-answers]");
  if (!form || !window.sessionStorage) { return; }
  var key = "keep-answers:" + form.getAttribute("data-keep-answers");

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && /^q\d+_(choice|text|number)$/.test(el.name);
    });
  }
  function read() {
    var values = {};
    fields().forEach(function (el) {
      if (el.type === "radio") {
        if (el.checked) { values[el.name] = el.value; } else if (!(el.name in values)) { values[el.name] = ""; }
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }
  function write(values) {
    fields().forEach(function (el) {
      if (!(el.name in values)) { return; }
      if (el.type === "radio") { el.checked = el.value === values[el.name]; } else { el.value = values[el.name]; }
    });
  }
  function same(a, b) {
    return Object.keys(a).every(function (name) { return (b[name] || "") === (a[name] || ""); });
  }

  var kept = null;
  try { kept = JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  // A page that shows errors already holds what was typed: the server kept it.
  var hasErrors = document.querySelector("[data-error-summary]") !== null;
  if (kept && !hasErrors) {
    if (same(kept, read())) {
      window.sessionStorage.removeItem(key);
    } else {
      write(kept);
      var note = document.getElementById("answers-restored");
      if (note) { note.hidden = false; }
    }
  }
  form.addEventListener("input", function () { window.sessionStorage.setItem(key, JSON.stringify(read())); });
  form.addEventListener("change", function () { window.sessionStorage.setItem(key, JSON.stringify(read())); });
})();
