/*
 * Forms with an error summary (includes/error_summary.html): after a refused submission the
 * page comes back with the summary, and the focus moves to it, so keyboard and screen reader
 * users land on what went wrong. A static file because the Content-Security-Policy refuses
 * inline scripts. Only the first summary of the page takes the focus, and only once.
 */
(function () {
  "use strict";

  function focusErrorSummary() {
    if (document.documentElement.dataset.errorSummaryFocused) {
      return;
    }
    var summary = document.querySelector(".error-summary");
    if (!summary) {
      return;
    }
    document.documentElement.dataset.errorSummaryFocused = "true";
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
})();
