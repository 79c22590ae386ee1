// The check AU: two questions; the scaled score is right answers / 2, passed at the masteryScore
// from LMS.LaunchData (cmi5 spec 10.2.4), failed below it.
(function () {
  "use strict";
  var status = document.getElementById("status");
  var form = document.getElementById("quiz");
  var submit = document.getElementById("submit");
  var exit = document.getElementById("exit");
  var Cmi5 = window.Cmi5 && (window.Cmi5.default || window.Cmi5);
  var cmi5 = new Cmi5();
  var judged = false;
  function say(key, values) {
    status.textContent = window.DemoTexts.text(key, values);
  }
  cmi5.initialize().then(function () {
    window.DemoTexts.apply(cmi5);
    var normal = cmi5.getLaunchData().launchMode === "Normal";
    say(normal ? "ready" : "review");
    submit.disabled = !normal;
    exit.disabled = false;
  }, function () { say("error"); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (judged) {
      return;
    }
    var right = 0;
    if ((form.elements.q1.value || "") === "depends") { right += 1; }
    if ((form.elements.q2.value || "") === "people") { right += 1; }
    var scaled = right / 2;
    var mastery = cmi5.getLaunchData().masteryScore;
    var score = { scaled: scaled, raw: right, min: 0, max: 2 };
    judged = true;
    submit.disabled = true;
    var sent = (mastery === undefined || scaled >= mastery) ? cmi5.pass(score) : cmi5.fail(score);
    sent.then(function () {
      say(scaled >= (mastery === undefined ? 0 : mastery) ? "passed" : "failed", { score: right });
    }, function () { say("error"); });
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
