/* Injected first in the <head> of a package's HTML page when package files are served from a
 * separate origin (PACKAGE_FILES_ORIGIN), after scorm-again's cross-frame-api.js: gives the SCO
 * the runtime on its own window (window.API for SCORM 1.2, window.API_1484_11 for SCORM 2004,
 * as this script tag's data-scorm-kind says),
 * where the standard API discovery looks first. Each call is posted to the lesson page (the
 * site's origin, from this script tag's data-lms-origin), whose player.js answers it with the
 * real runtime (scorm-again's CrossFrameLMS). Calls answer at once from a cache that messages
 * keep filled; its first contents come from the frame's name (see player.js).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var origin = script ? script.getAttribute("data-lms-origin") : "";
  var kind = script ? script.getAttribute("data-scorm-kind") : "";
  if (!origin || typeof window.CrossFrameAPI !== "function" || window.parent === window) {
    return;
  }
  var api = new window.CrossFrameAPI(origin, window.parent);
  if (kind === "scorm2004") {
    window.API_1484_11 = api;
  } else {
    window.API = api;
  }

  function fill(all) {
    if (all && typeof all === "object") {
      Object.keys(all).forEach(function (key) {
        if (!api._cacheTimestamps.has(key)) {
          api._cache.set(key, String(all[key]));
        }
      });
    }
  }

  // The attempt's values (entry, location, suspend data...), so that a SCO reading a value
  // right after Initialize gets the stored one: first from this frame's name, which the lesson
  // page set to them (read synchronously, then cleared), then from the runtime itself.
  var prefix = "equity-lms-cmi:";
  if (window.name.indexOf(prefix) === 0) {
    try {
      fill(JSON.parse(window.name.slice(prefix.length)));
    } catch (error) {
      // not ours after all
    }
    window.name = "";
  }
  try {
    api._post("getFlattenedCMI", []).then(fill, function () {});
  } catch (error) {
    // a runtime without the cache: values arrive after the first calls
  }
})();
