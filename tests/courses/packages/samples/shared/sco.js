/* A tiny SCO for Equity LMS's tests: finds the LMS's runtime the standard way (the API object
 * on this window's parents, then on its opener's), and records what the learner's clicks say:
 * a place and suspend data, an answer and a score, completion, a suspend. The <body>'s data
 * attributes say what this SCO reports: data-score (0-100), data-success ("passed"/"failed"),
 * data-objective (an objective id set passed), data-nav (the navigation request on finish). */
(function () {
  "use strict";

  function search(win, name) {
    for (var hops = 0; win && hops < 10; hops += 1) {
      try {
        if (win[name]) {
          return win[name];
        }
      } catch (error) {
        return null;
      }
      if (!win.parent || win.parent === win) {
        break;
      }
      win = win.parent;
    }
    return null;
  }

  function locate(name) {
    return search(window, name) || (window.opener ? search(window.opener, name) : null);
  }

  var api2004 = locate("API_1484_11");
  var api12 = api2004 ? null : locate("API");
  var state = document.getElementById("state");
  var data = document.body.dataset;
  var started = Date.now();
  var is2004 = Boolean(api2004);
  var K = is2004
    ? {
        entry: "cmi.entry", location: "cmi.location", status: "cmi.completion_status",
        exit: "cmi.exit", session: "cmi.session_time", response: "learner_response",
        raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max",
        language: "cmi.learner_preference.language", name: "cmi.learner_name",
      }
    : {
        entry: "cmi.core.entry", location: "cmi.core.lesson_location",
        status: "cmi.core.lesson_status", exit: "cmi.core.exit",
        session: "cmi.core.session_time", response: "student_response",
        raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max",
        language: "cmi.student_preference.language", name: "cmi.core.student_name",
      };

  function get(key) {
    return is2004 ? api2004.GetValue(key) : api12.LMSGetValue(key);
  }
  function set(key, value) {
    return is2004 ? api2004.SetValue(key, String(value)) : api12.LMSSetValue(key, String(value));
  }
  function commit() {
    return is2004 ? api2004.Commit("") : api12.LMSCommit("");
  }
  function finish() {
    return is2004 ? api2004.Terminate("") : api12.LMSFinish("");
  }
  function two(number) {
    return (number < 10 ? "0" : "") + number;
  }
  function sessionTime() {
    var seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
    if (is2004) {
      return "PT" + seconds + "S";
    }
    return "00" + two(Math.floor(seconds / 3600)) + ":" + two(Math.floor(seconds / 60) % 60) +
      ":" + two(seconds % 60);
  }
  function say(text) {
    state.textContent = text;
  }

  if (!api2004 && !api12) {
    say("No learning system found.");
    return;
  }
  if (String(is2004 ? api2004.Initialize("") : api12.LMSInitialize("")) !== "true") {
    say("The learning system did not start this part.");
    return;
  }
  var place = get(K.location);
  say(
    "Entry: " + (get(K.entry) || "(none)") + ". Place: " + (place || "start") +
    ". Saved: " + (get("cmi.suspend_data") || "(nothing)") + "."
  );
  if (!is2004 && get(K.status) === "not attempted") {
    set(K.status, "incomplete");
  }

  document.getElementById("next-page").addEventListener("click", function () {
    set(K.location, "page-2");
    set("cmi.suspend_data", "visited=1,2");
    commit();
    say("Place: page-2. Saved: visited=1,2.");
  });
  document.getElementById("answer").addEventListener("click", function () {
    var score = Number(data.score || 100);
    set("cmi.interactions.0.id", "q1");
    set("cmi.interactions.0.type", "choice");
    set("cmi.interactions.0." + K.response, "b");
    set("cmi.interactions.0.result", "correct");
    set(K.min, 0);
    set(K.max, 100);
    set(K.raw, score);
    if (is2004) {
      set("cmi.score.scaled", score / 100);
    }
    commit();
    say("Answer recorded. Score: " + score + ".");
  });
  document.getElementById("complete").addEventListener("click", function () {
    if (is2004) {
      set("cmi.completion_status", "completed");
      if (data.success) {
        set("cmi.success_status", data.success);
      }
      if (data.objective) {
        set("cmi.objectives.0.id", data.objective);
        set("cmi.objectives.0.success_status", "passed");
      }
      set(K.exit, "normal");
      if (data.nav) {
        set("adl.nav.request", data.nav);
      }
    } else {
      set(K.status, "completed");
      set(K.exit, "");
    }
    set(K.session, sessionTime());
    commit();
    say("Finished.");
    finish();
  });
  document.getElementById("suspend").addEventListener("click", function () {
    set(K.exit, "suspend");
    set(K.session, sessionTime());
    finish();
    say("Suspended.");
  });
})();
