/* The demo package's SCO (Equity LMS demo, written for it): finds the LMS's SCORM runtime
 * (SCORM 2004's API_1484_11 or SCORM 1.2's API, on a parent window or the opener), shows its
 * text in the learner's language (English or Spanish, from the learner preference), keeps the
 * learner's place and answers, and reports completion and the score. */
(function () {
  "use strict";

  var TEXT = {
    en: {
      next: "Next", back: "Back", check: "Check my answer", finish: "Finish",
      correct: "Correct: the gap is 28 percentage points.",
      wrong: "Not quite. Subtract the lower rate from the higher one: 82 − 54 = 28 percentage points. Try again.",
      choose: "Choose an answer first.",
      finished: "Done. You can close this part.",
      resumed: "Welcome back: you are where you left off.",
      noLms: "This page needs the learning system to save your progress.",
    },
    es: {
      next: "Siguiente", back: "Atrás", check: "Comprobar mi respuesta", finish: "Terminar",
      correct: "Correcto: la diferencia es de 28 puntos porcentuales.",
      wrong: "Todavía no. Reste la tasa más baja de la más alta: 82 − 54 = 28 puntos porcentuales. Inténtelo de nuevo.",
      choose: "Elija primero una respuesta.",
      finished: "Listo. Puede cerrar esta parte.",
      resumed: "Bienvenido de nuevo: está donde lo dejó.",
      noLms: "Esta página necesita el sistema de aprendizaje para guardar su progreso.",
    },
  };

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
  var is2004 = Boolean(api2004);
  var started = Date.now();
  var finished = false;
  var answered = false;
  var status = document.getElementById("status");
  var K = is2004
    ? { location: "cmi.location", entry: "cmi.entry", exit: "cmi.exit", session: "cmi.session_time",
        raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max",
        language: "cmi.learner_preference.language", response: "learner_response" }
    : { location: "cmi.core.lesson_location", entry: "cmi.core.entry", exit: "cmi.core.exit",
        session: "cmi.core.session_time", raw: "cmi.core.score.raw", min: "cmi.core.score.min",
        max: "cmi.core.score.max", language: "cmi.student_preference.language",
        response: "student_response" };

  function get(key) {
    return is2004 ? api2004.GetValue(key) : api12.LMSGetValue(key);
  }
  function set(key, value) {
    return is2004 ? api2004.SetValue(key, String(value)) : api12.LMSSetValue(key, String(value));
  }
  function commit() {
    return is2004 ? api2004.Commit("") : api12.LMSCommit("");
  }
  function terminate() {
    finished = true;
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

  var connected = Boolean(api2004 || api12) &&
    String(is2004 ? api2004.Initialize("") : api12.LMSInitialize("")) === "true";
  var language = connected && /^es/i.test(get(K.language) || "") ? "es" : "en";
  var text = TEXT[language];
  document.documentElement.lang = language;
  document.querySelectorAll("[data-lang]").forEach(function (element) {
    element.hidden = element.getAttribute("data-lang") !== language;
  });
  document.querySelectorAll("[data-text]").forEach(function (element) {
    element.textContent = text[element.getAttribute("data-text")];
  });
  document.title = document.querySelector("[data-lang='" + language + "'] h1, h1").textContent;

  function say(message) {
    status.textContent = message;
  }
  if (!connected) {
    say(text.noLms);
  }

  var pages = Array.prototype.slice.call(document.querySelectorAll(".page"));
  function show(id) {
    pages.forEach(function (page) {
      page.hidden = page.id !== id;
    });
    var heading = document.querySelector("#" + id + " [data-lang='" + language + "'] h2");
    if (heading) {
      heading.focus();
    }
    if (connected) {
      set(K.location, id);
      set("cmi.suspend_data", "page=" + id);
      commit();
    }
  }
  var place = connected ? get(K.location) : "";
  if (place && document.getElementById(place)) {
    pages.forEach(function (page) {
      page.hidden = page.id !== place;
    });
    if (connected && get(K.entry) === "resume") {
      say(text.resumed);
    }
  }
  answered = connected && get(K.raw) !== "";
  if (connected && !is2004 && get("cmi.core.lesson_status") === "not attempted") {
    set("cmi.core.lesson_status", "incomplete");
  }
  if (connected && is2004 && get("cmi.completion_status") === "unknown") {
    set("cmi.completion_status", "incomplete");
  }

  document.querySelectorAll("[data-go]").forEach(function (button) {
    button.addEventListener("click", function () {
      say("");
      show(button.getAttribute("data-go"));
    });
  });

  var checkButton = document.getElementById("check");
  if (checkButton) {
    checkButton.addEventListener("click", function () {
      var chosen = document.querySelector("input[name='gap']:checked");
      if (!chosen) {
        say(text.choose);
        return;
      }
      var isCorrect = chosen.value === "28-points";
      if (connected) {
        set("cmi.interactions.0.id", "park-access-gap");
        set("cmi.interactions.0.type", "choice");
        set("cmi.interactions.0." + K.response, chosen.value);
        set("cmi.interactions.0.result", isCorrect ? "correct" : (is2004 ? "incorrect" : "wrong"));
        set(K.min, 0);
        set(K.max, 100);
        set(K.raw, isCorrect ? 100 : 0);
        if (is2004) {
          set("cmi.score.scaled", isCorrect ? 1 : 0);
        }
        commit();
      }
      answered = true;
      say(isCorrect ? text.correct : text.wrong);
    });
  }

  document.getElementById("finish").addEventListener("click", function () {
    if (!connected || finished) {
      return;
    }
    if (checkButton && !answered) {
      say(text.choose);
      return;
    }
    if (is2004) {
      set("cmi.completion_status", "completed");
      set(K.exit, "normal");
      var nav = document.body.getAttribute("data-nav");
      if (nav) {
        set("adl.nav.request", nav);
      }
    } else {
      set("cmi.core.lesson_status", "completed");
      set(K.exit, "");
    }
    set(K.session, sessionTime());
    commit();
    say(text.finished);
    terminate();
  });

  // Leaving without finishing keeps the place for next time.
  window.addEventListener("pagehide", function () {
    if (connected && !finished) {
      set(K.exit, "suspend");
      set(K.session, sessionTime());
      terminate();
    }
  });
})();
