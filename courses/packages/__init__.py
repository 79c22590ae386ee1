"""Packaged courses from vendors and partner cities: SCORM 1.2, SCORM 2004 and cmi5 packages
imported as lessons of a course, played in the browser, resumed, and counted like a native
lesson (a package lesson is a `LessonPage` with a package)."""
