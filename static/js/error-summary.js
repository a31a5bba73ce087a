/* Error summary: move the focus to the summary when a form comes back with errors, and let each of its
   links put the focus in its field (the browser would only scroll there). Without JavaScript the
   summary and its links still work. */
(function () {
  "use strict";

  function focusField(link, event) {
    var id = decodeURIComponent(link.hash.slice(1));
    var input = id && document.getElementById(id);
    if (!input) {
      return;
    }
    event.preventDefault();
    var group = input.closest("fieldset") || input.closest(".field");
    (group || input).scrollIntoView();
    input.focus({ preventScroll: true });
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", link.hash);
    }
  }

  function init() {
    var summaries = document.querySelectorAll("[data-error-summary]");
    summaries.forEach(function (summary) {
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (link) {
          focusField(link, event);
        }
      });
    });
    if (summaries.length) {
      summaries[0].focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
