"""The demo city's courses: `city` seeds the roster, sign-ins, courses, requirements and
history, `compliance` the exemptions, live sessions and reminders.

Their text is in the YAML files of this package, read with `lms.demo_data.demo_data(
"courses.demo", name)`; this package imports nothing, so the text loads without Django.
"""
