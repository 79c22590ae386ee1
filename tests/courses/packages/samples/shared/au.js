// A tiny AU for the tests: @xapi/cmi5 (Cmi5.umd.js, copied in when the zip is built) talks to the
// LMS; each button sends one cmi5 defined statement and says what the LMS answered.
(function () {
  "use strict";
  var status = document.getElementById("status");
  var buttons = ["complete", "pass", "fail", "exit"].map(function (id) {
    return document.getElementById(id);
  });
  function say(text) {
    status.textContent = text;
  }
  function refused(error) {
    var response = error && error.response;
    say("Refused" + (response ? " (" + response.status + ")" : "") + ": " + (error && error.message));
  }
  var Cmi5 = window.Cmi5 && (window.Cmi5.default || window.Cmi5);
  var cmi5 = new Cmi5();
  cmi5.initialize().then(function () {
    buttons.forEach(function (button) {
      button.disabled = false;
    });
    say("Ready (" + cmi5.getLaunchData().launchMode + ")");
  }, refused);
  buttons[0].addEventListener("click", function () {
    cmi5.complete().then(function () { say("Completed"); }, refused);
  });
  buttons[1].addEventListener("click", function () {
    cmi5.pass({ scaled: 1, raw: 10, min: 0, max: 10 }).then(function () { say("Passed"); }, refused);
  });
  buttons[2].addEventListener("click", function () {
    cmi5.fail({ scaled: 0, raw: 0, min: 0, max: 10 }).then(function () { say("Failed"); }, refused);
  });
  buttons[3].addEventListener("click", function () {
    cmi5.terminate().then(function () {
      var back = cmi5.getLaunchData().returnURL;
      if (back) {
        window.location.href = back;
      } else {
        say("Finished");
      }
    }, refused);
  });
})();
