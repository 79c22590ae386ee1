"""The LMS side of cmi5 (the AICC/ADL "cmi5" specification, quartz edition, cmi5_spec.md):
registrations, launch (section 8), the fetch URL (8.2), the LMS.LaunchData state document (10),
learner preferences (11), the rules for the statements an AU sends (9.3, 9.5, 9.6), moveOn
(13.1.4) and the LMS's own statements (launched, satisfied, abandoned, waived)."""
