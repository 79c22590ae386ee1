/* Injected first in the <head> of a package's HTML page when package files are served from a
 * separate origin (PACKAGE_FILES_ORIGIN), after scorm-again's cross-frame-api.js: gives the SCO
 * the runtime on its own window (window.API for SCORM 1.2, window.API_1484_11 for SCORM 2004,
 * as this script tag's data-scorm-kind says),
 * where the standard API discovery looks first. Each call is posted to the lesson page (the
 * site's origin, from this script tag's data-lms-origin), whose player.js answers it with the
 * real runtime (scorm-again's CrossFrameLMS). Calls answer at once from a cache the lesson page
 * keeps filled, so the cache is filled before the SCO's own scripts run, where possible.
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
  // Warm the cache with the attempt's data (entry, location, suspend data...), so that a SCO
  // reading a value right after Initialize gets the stored one.
  try {
    api._post("getFlattenedCMI", []).then(function (all) {
      if (all && typeof all === "object") {
        Object.keys(all).forEach(function (key) {
          if (!api._cacheTimestamps.has(key)) {
            api._cache.set(key, String(all[key]));
          }
        });
      }
    });
  } catch (error) {
    // a runtime without the cache: values arrive after the first calls
  }
})();
