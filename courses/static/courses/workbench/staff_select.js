// "Select everyone on this page" on the liaison's staff list: progressive enhancement.
// Without this script the checkbox stays hidden and each person is ticked on their own.
(function () {
  "use strict";
  function enhance(form) {
    var wrapper = form.querySelector("[data-select-all]");
    if (!wrapper) return;
    var all = wrapper.querySelector("input[type=checkbox]");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name=user]"));
    if (!all || boxes.length === 0) return;
    var fallback = form.querySelector("[data-select-all-fallback]");
    if (fallback) fallback.hidden = true;
    wrapper.hidden = false;
    function sync() {
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
      all.indeterminate = false;
    });
    boxes.forEach(function (box) { box.addEventListener("change", sync); });
    sync();
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.staff-reminders"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
