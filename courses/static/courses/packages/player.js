/* The package player: the SCORM runtime (scorm-again) for the SCO in the lesson page's frame.
 *
 * Creates window.API (SCORM 1.2) or window.API_1484_11 (SCORM 2004) from the settings the page
 * gives in #package-config, starts it with the attempt's stored data (resume), and commits to
 * the LMS on every Commit/LMSCommit and on Terminate/LMSFinish, sending only the values changed
 * since the last commit (so two tabs merge key by key on the server). After Terminate the page
 * follows the server's navigation (the next SCO, or the lesson page). The player's own links
 * (table of contents, Previous, Continue, Suspend, Exit) first end the SCO's session.
 */
(function () {
  "use strict";

  var configElement = document.getElementById("package-config");
  if (!configElement) {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var CACHE_NAME_PREFIX = "equity-lms-cmi:";
  var is12 = config.kind === "scorm12";
  var revision = config.revision;
  var lastSent = {};
  var nextUrl = "";
  var leaving = false;
  var initialized = false;
  var finished = false;
  var errorBox = document.getElementById("package-error");
  var keys = is12
    ? { exit: "cmi.core.exit", session: "cmi.core.session_time" }
    : { exit: "cmi.exit", session: "cmi.session_time" };

  Object.keys(config.values).forEach(function (key) {
    lastSent[key] = String(config.values[key]);
  });

  function showError(show) {
    if (!errorBox) {
      return;
    }
    errorBox.hidden = !show;
    errorBox.textContent = show ? config.messages.commitFailed : "";
  }

  function changedValues(flat, isFinish) {
    var values = {};
    Object.keys(flat).forEach(function (key) {
      var value = flat[key];
      if (value !== null && typeof value === "object") {
        return; // an empty collection
      }
      value = value === undefined || value === null ? "" : String(value);
      var before = Object.prototype.hasOwnProperty.call(lastSent, key) ? lastSent[key] : "";
      if (value !== before) {
        values[key] = value;
      }
    });
    if (isFinish) {
      values[keys.exit] = flat[keys.exit] === undefined ? "" : String(flat[keys.exit]);
      values[keys.session] = flat[keys.session] === undefined ? "" : String(flat[keys.session]);
    }
    if (!is12 && api.adl && api.adl.nav && api.adl.nav.request && api.adl.nav.request !== "_none_") {
      values["adl.nav.request"] = api.adl.nav.request;
    }
    return values;
  }

  // Our own HTTP service for scorm-again: a synchronous request (the SCORM calls are
  // synchronous) with the CSRF header, for Terminate too (scorm-again's own service sends the
  // final commit with sendBeacon, which cannot carry the header).
  function send(url, flat, isFinish) {
    var values = changedValues(flat, isFinish);
    var xhr = new XMLHttpRequest();
    var body = {};
    try {
      xhr.open("POST", url, false);
      xhr.setRequestHeader("Content-Type", "application/json");
      xhr.setRequestHeader("X-CSRFToken", config.csrfToken);
      xhr.send(JSON.stringify({ revision: revision, finish: isFinish, values: values }));
      body = JSON.parse(xhr.responseText);
    } catch (error) {
      body = {};
    }
    if (xhr.status === 200 && body.result) {
      Object.keys(values).forEach(function (key) {
        lastSent[key] = values[key];
      });
      revision = body.revision;
      if (body.next_url) {
        nextUrl = body.next_url;
      }
      showError(false);
      return { result: "true", errorCode: 0 };
    }
    showError(true);
    return { result: "false", errorCode: 101 };
  }

  var settings = {
    lmsCommitUrl: config.commitUrl,
    dataCommitFormat: "flattened",
    autocommit: true,
    autocommitSeconds: 30,
    sendFullCommit: true,
    selfReportSessionTime: false,
    logLevel: 4,
    httpService: {
      processHttpRequest: function (url, params, immediate, apiLog, listeners, metadata) {
        var isFinish = Boolean(immediate || (metadata && metadata.isTerminateCommit));
        return send(url, params, isFinish);
      },
      updateSettings: function () {},
    },
  };

  var api = is12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  api.loadFromFlattenedJSON(config.values, "");
  if (!is12 && config.navValid) {
    // Whether Continue/Previous would deliver something: the server's sequencing decided.
    try {
      api.adl.nav.request_valid.continue = config.navValid.continue;
      api.adl.nav.request_valid.previous = config.navValid.previous;
    } catch (error) {
      // an older runtime without these: the SCO reads "unknown"
    }
  }
  if (is12) {
    window.API = api;
  } else {
    window.API_1484_11 = api;
  }

  api.on(is12 ? "LMSInitialize" : "Initialize", function () {
    initialized = true;
  });
  api.on(is12 ? "LMSFinish" : "Terminate", function () {
    finished = true;
    if (!leaving && nextUrl) {
      window.setTimeout(function () {
        window.location.assign(nextUrl);
      }, 0);
    }
  });

  function finish(exitValue) {
    if (!initialized || finished) {
      return;
    }
    if (exitValue) {
      if (is12) {
        api.LMSSetValue(keys.exit, exitValue);
      } else {
        api.SetValue(keys.exit, exitValue);
      }
    }
    if (is12) {
      api.LMSFinish("");
    } else {
      api.Terminate("");
    }
  }

  document.querySelectorAll("[data-package-leave]").forEach(function (link) {
    link.addEventListener("click", function () {
      leaving = true;
      // Leaving for another part or with Suspend keeps the place; Exit ends the session as
      // the SCO left it.
      finish(link.getAttribute("data-package-leave") === "suspend" ? "suspend" : "");
    });
  });

  // Package files on a separate origin (PACKAGE_FILES_ORIGIN): the SCO cannot reach
  // window.API here; its page has scorm-again's CrossFrameAPI, whose calls arrive as messages
  // from that origin only and are answered by this runtime.
  if (config.filesOrigin && typeof window.CrossFrameLMS === "function") {
    // A SCO may set many values at once (every interaction): refused calls would be lost, so
    // the rate limit is far above scorm-again's default of 100 a second.
    new window.CrossFrameLMS(api, config.filesOrigin, { rateLimit: 5000 }); // eslint-disable-line no-new
  }

  var frame = document.getElementById("package-frame");
  if (frame) {
    if (config.filesOrigin) {
      // The cross-frame API in the SCO answers GetValue from a cache filled by messages, which
      // may arrive after a SCO's first calls: the frame's name carries the attempt's values
      // (only what the SCO may read anyway), so sco-api.js fills the cache before the SCO runs.
      // (A new frame element, named before it is in the page: the name of a frame that
      // already exists does not reach a document of another origin.)
      var named = frame.cloneNode(false);
      named.name = CACHE_NAME_PREFIX + JSON.stringify(api.getFlattenedCMI());
      named.src = config.launchUrl;
      frame.replaceWith(named);
      frame = named;
    } else {
      frame.src = config.launchUrl;
    }
  }
  var windowLink = document.getElementById("package-new-window");
  if (windowLink) {
    windowLink.addEventListener("click", function () {
      var note = document.getElementById("package-window-note");
      if (note) {
        note.hidden = false;
        note.textContent = config.messages.newWindowOpen;
      }
    });
  }
})();
