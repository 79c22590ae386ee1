// An Excel export's page (courses/workbench/export_job.html): progressive enhancement.
// Without this script the page has a "Check again" link. With it, the page asks for itself
// every few seconds and copies what changed: the progress bar silently, the status sentence
// (a polite live region) only when the status changes, so a screen reader hears "ready" once
// rather than every count. A static file: the Content-Security-Policy refuses inline scripts.
(function () {
  "use strict";
  var EVERY_MS = 2000;
  var MAX_TRIES = 900; // half an hour; the "Check again" link stays for after that

  function start() {
    var box = document.querySelector("[data-export-job]");
    if (!box || !window.fetch || !window.DOMParser) return;
    var tries = 0;

    function apply(fresh) {
      var progress = box.querySelector("[data-export-job-progress]");
      var freshProgress = fresh.querySelector("[data-export-job-progress]");
      if (progress && freshProgress && freshProgress.hasAttribute("max")) {
        progress.setAttribute("max", freshProgress.getAttribute("max"));
        progress.setAttribute("value", freshProgress.getAttribute("value"));
        progress.textContent = freshProgress.textContent;
      }
      var count = box.querySelector("[data-export-job-count]");
      var freshCount = fresh.querySelector("[data-export-job-count]");
      if (count && freshCount) count.textContent = freshCount.textContent;
      if (fresh.getAttribute("data-status") !== box.getAttribute("data-status")) {
        box.setAttribute("data-status", fresh.getAttribute("data-status"));
        var status = box.querySelector("[data-export-job-status]");
        var freshStatus = fresh.querySelector("[data-export-job-status]");
        if (status && freshStatus) status.innerHTML = freshStatus.innerHTML;
      }
      var finished = !fresh.querySelector("[data-export-job-pending]");
      if (finished) {
        Array.prototype.forEach.call(box.querySelectorAll("[data-export-job-pending]"), function (el) {
          el.parentNode.removeChild(el);
        });
      }
      return finished;
    }

    function poll() {
      tries += 1;
      fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var fresh = page.querySelector("[data-export-job]");
          if (!fresh) return;
          if (!apply(fresh) && tries < MAX_TRIES) window.setTimeout(poll, EVERY_MS);
        })
        .catch(function () {
          // A failed check (offline, signed out): stop quietly; the link still works.
        });
    }
    window.setTimeout(poll, EVERY_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
