// The reading AU: "I have read this" sends completed; Exit sends terminated and returns to the
// LMS (the returnURL of LMS.LaunchData, cmi5 spec 10.2.6).
(function () {
  "use strict";
  var status = document.getElementById("status");
  var done = document.getElementById("done");
  var exit = document.getElementById("exit");
  var Cmi5 = window.Cmi5 && (window.Cmi5.default || window.Cmi5);
  var cmi5 = new Cmi5();
  function say(key) {
    status.textContent = window.DemoTexts.text(key);
  }
  cmi5.initialize().then(function () {
    window.DemoTexts.apply(cmi5);
    var normal = cmi5.getLaunchData().launchMode === "Normal";
    say(normal ? "ready" : "review");
    done.disabled = !normal;
    exit.disabled = false;
  }, function () { say("error"); });
  done.addEventListener("click", function () {
    done.disabled = true;
    cmi5.complete().then(function () { say("marked"); }, function () { say("error"); });
  });
  exit.addEventListener("click", function () {
    exit.disabled = true;
    cmi5.terminate().then(function () {
      var back = cmi5.getLaunchData().returnURL;
      if (back) {
        window.location.href = back;
      }
    }, function () { say("error"); });
  });
})();
