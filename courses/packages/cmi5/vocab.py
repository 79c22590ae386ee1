"""The identifiers cmi5 defines (cmi5_spec.md sections 9.3, 9.4, 9.5.5, 9.6)."""

VERB_LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"  # 9.3.1
VERB_INITIALIZED = "http://adlnet.gov/expapi/verbs/initialized"  # 9.3.2
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"  # 9.3.3
VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed"  # 9.3.4
VERB_FAILED = "http://adlnet.gov/expapi/verbs/failed"  # 9.3.5
VERB_ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned"  # 9.3.6
VERB_WAIVED = "https://w3id.org/xapi/adl/verbs/waived"  # 9.3.7
VERB_TERMINATED = "http://adlnet.gov/expapi/verbs/terminated"  # 9.3.8
VERB_SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied"  # 9.3.9

# xAPI's voiding verb: an AU may not use it (6.3).
VERB_VOIDED = "http://adlnet.gov/expapi/verbs/voided"

VERB_NAMES = {
    VERB_LAUNCHED: "launched",
    VERB_INITIALIZED: "initialized",
    VERB_COMPLETED: "completed",
    VERB_PASSED: "passed",
    VERB_FAILED: "failed",
    VERB_ABANDONED: "abandoned",
    VERB_WAIVED: "waived",
    VERB_TERMINATED: "terminated",
    VERB_SATISFIED: "satisfied",
}
# The verbs only the LMS uses (9.3.1, 9.3.6, 9.3.7, 9.3.9: "AU Obligations: None").
LMS_ONLY_VERBS = {VERB_LAUNCHED, VERB_ABANDONED, VERB_WAIVED, VERB_SATISFIED}
# The verbs an AU sends as "cmi5 defined" statements (7.1.3).
AU_VERBS = {VERB_INITIALIZED, VERB_COMPLETED, VERB_PASSED, VERB_FAILED, VERB_TERMINATED}
# Verbs that carry satisfaction data, not allowed in Browse/Review launches (10.2.2).
JUDGED_VERBS = {VERB_COMPLETED, VERB_PASSED, VERB_FAILED}

CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"  # 9.6.2.1
CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"  # 9.6.2.2

EXT_SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"  # 9.6.3.1
EXT_MASTERY_SCORE = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"  # 9.6.3.2
EXT_LAUNCH_MODE = "https://w3id.org/xapi/cmi5/context/extensions/launchmode"  # 9.6.3.3
EXT_LAUNCH_URL = "https://w3id.org/xapi/cmi5/context/extensions/launchurl"  # 9.6.3.4
EXT_MOVE_ON = "https://w3id.org/xapi/cmi5/context/extensions/moveon"  # 9.6.3.6
EXT_LAUNCH_PARAMETERS = "https://w3id.org/xapi/cmi5/context/extensions/launchparameters"  # 9.6.3.7
EXT_PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"  # 9.5.5.1
EXT_REASON = "https://w3id.org/xapi/cmi5/result/extensions/reason"  # 9.5.5.2

ACTIVITY_TYPE_BLOCK = "https://w3id.org/xapi/cmi5/activitytype/block"  # 9.4
ACTIVITY_TYPE_COURSE = "https://w3id.org/xapi/cmi5/activitytype/course"  # 9.4

STATE_LAUNCH_DATA = "LMS.LaunchData"  # 10.1
PROFILE_LEARNER_PREFERENCES = "cmi5LearnerPreferences"  # 11.0

LAUNCH_NORMAL, LAUNCH_BROWSE, LAUNCH_REVIEW = "Normal", "Browse", "Review"  # 10.2.2
LAUNCH_MODES = (LAUNCH_NORMAL, LAUNCH_BROWSE, LAUNCH_REVIEW)

# 13.1.4 moveOn value space ("NotApplicable" is the default).
MOVE_ON_VALUES = ("Completed", "Passed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable")

# 9.5.5.2: the reasons the LMS gives for waiving an AU.
WAIVE_REASONS = ("Tested Out", "Equivalent AU", "Equivalent Outside Activity", "Administrative")
