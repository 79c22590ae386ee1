// A framed cmi5 AU returned here (its returnURL): take the whole window back to the lesson.
(function () {
  "use strict";
  var link = document.getElementById("cmi5-return");
  if (link) {
    window.top.location.href = link.href;
  }
})();
