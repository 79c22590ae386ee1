"""Statement validation, xAPI 1.0.3 (Data, part two, section 2): every rule the store enforces,
each refusal an XapiError(400) whose message names the property at fault ("statement 2:
result.score.scaled must be between -1 and 1"). Nothing is stored when one statement is bad."""

import re
import uuid
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from courses.xapi.errors import XapiError

VOIDED = "http://adlnet.gov/expapi/verbs/voided"

STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
SUBSTATEMENT_KEYS = {
    "objectType",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "attachments",
}
AGENT_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}
GROUP_KEYS = AGENT_KEYS | {"member"}
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")
ACTIVITY_KEYS = {"objectType", "id", "definition"}
DEFINITION_KEYS = {
    "name",
    "description",
    "type",
    "moreInfo",
    "extensions",
    "interactionType",
    "correctResponsesPattern",
    "choices",
    "scale",
    "source",
    "target",
    "steps",
}
INTERACTION_TYPES = {
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}
INTERACTION_COMPONENT_KEYS = {"id", "description"}
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
SCORE_KEYS = {"scaled", "raw", "min", "max"}
CONTEXT_KEYS = {
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
}
CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}
ATTACHMENT_KEYS = {
    "usageType",
    "display",
    "description",
    "contentType",
    "length",
    "sha2",
    "fileUrl",
}

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_DURATION = re.compile(
    r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?"
    r"(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"
)
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$")


def _fail(where: str, problem: str):
    raise XapiError(f"{where}: {problem}", 400)


def _object(value, where: str) -> dict:
    if not isinstance(value, dict):
        _fail(where, _("must be a JSON object"))
    return value


def _keys(value: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(value) - allowed)
    if unknown:
        _fail(where, _("unknown properties: %(names)s") % {"names": ", ".join(unknown)})


def _string(value, where: str) -> str:
    if not isinstance(value, str):
        _fail(where, _("must be a string"))
    return value


def _iri(value, where: str) -> str:
    if not isinstance(value, str) or not _IRI.match(value):
        _fail(where, _("must be an IRI (an absolute identifier such as https://…)"))
    return value


def _uuid(value, where: str) -> str:
    if not isinstance(value, str):
        _fail(where, _("must be a UUID string"))
    try:
        uuid.UUID(value)
    except ValueError:
        _fail(where, _("must be a UUID"))
    return value


def _bool(value, where: str) -> None:
    if not isinstance(value, bool):
        _fail(where, _("must be true or false"))


def _number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(where, _("must be a number"))
    return value


def _language_map(value, where: str) -> None:
    _object(value, where)
    for tag, text in value.items():
        if not _LANGUAGE_TAG.match(tag):
            _fail(where, _("%(tag)s is not a language tag") % {"tag": tag})
        _string(text, f"{where}.{tag}")


def _extensions(value, where: str) -> None:
    _object(value, where)
    for key in value:
        _iri(key, f"{where} key {key}")


def timestamp_parse(value, where: str) -> datetime:
    """An ISO 8601 date and time; without a time zone it is taken as UTC. "-00:00" (which
    RFC 3339 reserves for an unknown offset) is refused, as xAPI requires."""
    if not isinstance(value, str) or not _TIMESTAMP.match(value) or value.endswith("-00:00"):
        _fail(where, _("must be an ISO 8601 timestamp such as 2026-05-01T09:30:00Z"))
    parsed = parse_datetime(value)
    if parsed is None:
        _fail(where, _("must be an ISO 8601 timestamp such as 2026-05-01T09:30:00Z"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def validate_agent(value, where: str, *, group_allowed: bool = True) -> None:
    agent = _object(value, where)
    object_type = agent.get("objectType", "Agent")
    if object_type == "Group":
        if not group_allowed:
            _fail(where, _("a Group may not be a member of a Group"))
        _keys(agent, GROUP_KEYS, where)
    elif object_type == "Agent":
        _keys(agent, AGENT_KEYS, where)
    else:
        _fail(where, _("objectType must be Agent or Group"))
    ifis = [key for key in IFI_KEYS if key in agent]
    if len(ifis) > 1:
        _fail(where, _("must have exactly one identifier (mbox, mbox_sha1sum, openid or account)"))
    if not ifis and object_type == "Agent":
        _fail(where, _("must have exactly one identifier (mbox, mbox_sha1sum, openid or account)"))
    if "name" in agent:
        _string(agent["name"], f"{where}.name")
    if "mbox" in agent:
        mbox = _string(agent["mbox"], f"{where}.mbox")
        if not mbox.startswith("mailto:") or "@" not in mbox:
            _fail(f"{where}.mbox", _("must be a mailto: IRI"))
    sha1 = agent.get("mbox_sha1sum")
    if "mbox_sha1sum" in agent and (not isinstance(sha1, str) or not _SHA1.match(sha1)):
        _fail(f"{where}.mbox_sha1sum", _("must be a SHA-1 hex digest"))
    if "openid" in agent:
        _iri(agent["openid"], f"{where}.openid")
    if "account" in agent:
        account = _object(agent["account"], f"{where}.account")
        _keys(account, {"homePage", "name"}, f"{where}.account")
        if "homePage" not in account or "name" not in account:
            _fail(f"{where}.account", _("needs homePage and name"))
        _iri(account["homePage"], f"{where}.account.homePage")
        _string(account["name"], f"{where}.account.name")
    if object_type == "Group":
        if not ifis and "member" not in agent:
            _fail(where, _("an anonymous Group must list its members"))
        if "member" in agent:
            if not isinstance(agent["member"], list):
                _fail(f"{where}.member", _("must be an array of Agents"))
            for index, member in enumerate(agent["member"]):
                validate_agent(member, f"{where}.member[{index}]", group_allowed=False)


def _interaction_components(value, where: str) -> None:
    if not isinstance(value, list):
        _fail(where, _("must be an array"))
    seen = set()
    for index, component in enumerate(value):
        here = f"{where}[{index}]"
        _object(component, here)
        _keys(component, INTERACTION_COMPONENT_KEYS, here)
        ident = _string(component.get("id"), f"{here}.id")
        if ident in seen:
            _fail(here, _("duplicate id %(id)s") % {"id": ident})
        seen.add(ident)
        if "description" in component:
            _language_map(component["description"], f"{here}.description")


def validate_activity(value, where: str) -> None:
    activity = _object(value, where)
    _keys(activity, ACTIVITY_KEYS, where)
    if activity.get("objectType", "Activity") != "Activity":
        _fail(where, _("objectType must be Activity"))
    if "id" not in activity:
        _fail(where, _("an Activity needs an id"))
    _iri(activity["id"], f"{where}.id")
    if "definition" in activity:
        definition = _object(activity["definition"], f"{where}.definition")
        here = f"{where}.definition"
        _keys(definition, DEFINITION_KEYS, here)
        for key in ("name", "description"):
            if key in definition:
                _language_map(definition[key], f"{here}.{key}")
        for key in ("type", "moreInfo"):
            if key in definition:
                _iri(definition[key], f"{here}.{key}")
        if "extensions" in definition:
            _extensions(definition["extensions"], f"{here}.extensions")
        interaction_type = definition.get("interactionType", "other")
        if not isinstance(interaction_type, str) or interaction_type not in INTERACTION_TYPES:
            _fail(f"{here}.interactionType", _("is not an xAPI interaction type"))
        if "correctResponsesPattern" in definition and "interactionType" not in definition:
            _fail(here, _("correctResponsesPattern needs an interactionType"))
        if "correctResponsesPattern" in definition:
            pattern = definition["correctResponsesPattern"]
            if not isinstance(pattern, list) or not all(isinstance(p, str) for p in pattern):
                _fail(f"{here}.correctResponsesPattern", _("must be an array of strings"))
        for key in ("choices", "scale", "source", "target", "steps"):
            if key in definition:
                if "interactionType" not in definition:
                    _fail(here, _("%(key)s needs an interactionType") % {"key": key})
                _interaction_components(definition[key], f"{here}.{key}")


def validate_object(value, where: str, *, sub: bool = False) -> str:
    """Validates a statement's object; returns its objectType."""
    obj = _object(value, where)
    object_type = obj.get("objectType", "Activity")
    if object_type == "Activity":
        validate_activity(obj, where)
    elif object_type in ("Agent", "Group"):
        validate_agent(obj, where)
    elif object_type == "StatementRef":
        _keys(obj, {"objectType", "id"}, where)
        _uuid(obj.get("id"), f"{where}.id")
    elif object_type == "SubStatement":
        if sub:
            _fail(where, _("a SubStatement may not contain a SubStatement"))
        _keys(obj, SUBSTATEMENT_KEYS, where)
        _statement_body(obj, where, sub=True)
    else:
        _fail(f"{where}.objectType", _("is not a known object type"))
    return object_type


def _result(value, where: str) -> None:
    result = _object(value, where)
    _keys(result, RESULT_KEYS, where)
    if "score" in result:
        score = _object(result["score"], f"{where}.score")
        _keys(score, SCORE_KEYS, f"{where}.score")
        for key in SCORE_KEYS & set(score):
            _number(score[key], f"{where}.score.{key}")
        if "scaled" in score and not -1 <= score["scaled"] <= 1:
            _fail(f"{where}.score.scaled", _("must be between -1 and 1"))
        if "min" in score and "max" in score and score["min"] >= score["max"]:
            _fail(f"{where}.score", _("min must be less than max"))
        if "raw" in score:
            if "min" in score and score["raw"] < score["min"]:
                _fail(f"{where}.score.raw", _("must not be less than min"))
            if "max" in score and score["raw"] > score["max"]:
                _fail(f"{where}.score.raw", _("must not be more than max"))
    for key in ("success", "completion"):
        if key in result:
            _bool(result[key], f"{where}.{key}")
    if "response" in result:
        _string(result["response"], f"{where}.response")
    if "duration" in result:
        duration = result["duration"]
        if not isinstance(duration, str) or not _DURATION.match(duration):
            _fail(f"{where}.duration", _("must be an ISO 8601 duration such as PT1M30S"))
    if "extensions" in result:
        _extensions(result["extensions"], f"{where}.extensions")


def _context(value, where: str, object_type: str) -> None:
    context = _object(value, where)
    _keys(context, CONTEXT_KEYS, where)
    if "registration" in context:
        _uuid(context["registration"], f"{where}.registration")
    if "instructor" in context:
        validate_agent(context["instructor"], f"{where}.instructor")
    if "team" in context:
        team = _object(context["team"], f"{where}.team")
        if team.get("objectType") != "Group":
            _fail(f"{where}.team", _("must be a Group"))
        validate_agent(team, f"{where}.team")
    if "contextActivities" in context:
        activities = _object(context["contextActivities"], f"{where}.contextActivities")
        _keys(activities, CONTEXT_ACTIVITY_KEYS, f"{where}.contextActivities")
        for key, listed in activities.items():
            here = f"{where}.contextActivities.{key}"
            for index, activity in enumerate(listed if isinstance(listed, list) else [listed]):
                validate_activity(activity, f"{here}[{index}]")
    for key in ("revision", "platform"):
        if key in context:
            _string(context[key], f"{where}.{key}")
            if object_type != "Activity":
                _fail(f"{where}.{key}", _("is only allowed when the object is an Activity"))
    if "language" in context:
        language = _string(context["language"], f"{where}.language")
        if not _LANGUAGE_TAG.match(language):
            _fail(f"{where}.language", _("must be a language tag"))
    if "statement" in context:
        ref = _object(context["statement"], f"{where}.statement")
        if ref.get("objectType") != "StatementRef":
            _fail(f"{where}.statement", _("must be a StatementRef"))
        validate_object(ref, f"{where}.statement")
    if "extensions" in context:
        _extensions(context["extensions"], f"{where}.extensions")


def _attachments(value, where: str) -> None:
    if not isinstance(value, list):
        _fail(where, _("must be an array"))
    for index, attachment in enumerate(value):
        here = f"{where}[{index}]"
        _object(attachment, here)
        _keys(attachment, ATTACHMENT_KEYS, here)
        for key in ("usageType", "display", "contentType", "length", "sha2"):
            if key not in attachment:
                _fail(here, _("needs %(key)s") % {"key": key})
        _iri(attachment["usageType"], f"{here}.usageType")
        _language_map(attachment["display"], f"{here}.display")
        if "description" in attachment:
            _language_map(attachment["description"], f"{here}.description")
        _string(attachment["contentType"], f"{here}.contentType")
        if isinstance(attachment["length"], bool) or not isinstance(attachment["length"], int):
            _fail(f"{here}.length", _("must be an integer"))
        _string(attachment["sha2"], f"{here}.sha2")
        if "fileUrl" not in attachment:
            # The raw data would come in a multipart/mixed request, which this store does not take.
            _fail(here, _("attachments must give a fileUrl (multipart uploads are not accepted)"))
        _iri(attachment["fileUrl"], f"{here}.fileUrl")


def _statement_body(statement: dict, where: str, *, sub: bool = False) -> None:
    for key in ("actor", "verb", "object"):
        if key not in statement:
            _fail(where, _("%(key)s is required") % {"key": key})
    validate_agent(statement["actor"], f"{where}.actor")
    verb = _object(statement["verb"], f"{where}.verb")
    _keys(verb, {"id", "display"}, f"{where}.verb")
    if "id" not in verb:
        _fail(f"{where}.verb", _("id is required"))
    _iri(verb["id"], f"{where}.verb.id")
    if "display" in verb:
        _language_map(verb["display"], f"{where}.verb.display")
    object_type = validate_object(statement["object"], f"{where}.object", sub=sub)
    if verb["id"] == VOIDED and object_type != "StatementRef":
        _fail(f"{where}.object", _("a voiding statement's object must be a StatementRef"))
    if "result" in statement:
        _result(statement["result"], f"{where}.result")
    if "context" in statement:
        _context(statement["context"], f"{where}.context", object_type)
    if "timestamp" in statement:
        timestamp_parse(statement["timestamp"], f"{where}.timestamp")
    if "attachments" in statement:
        _attachments(statement["attachments"], f"{where}.attachments")


def statement_validate(statement, where: str = "statement") -> None:
    """Raises XapiError(400) naming the first problem of `statement`; returns when it is valid."""
    statement = _object(statement, where)
    _keys(statement, STATEMENT_KEYS, where)
    if "id" in statement:
        _uuid(statement["id"], f"{where}.id")
    if "version" in statement:
        version = statement["version"]
        if not isinstance(version, str) or not re.match(r"^1\.0(\.\d+)?$", version):
            _fail(f"{where}.version", _("must be a 1.0.x version"))
    if "authority" in statement:
        authority = statement["authority"]
        validate_agent(authority, f"{where}.authority")
        # a Group authority is the OAuth pair: exactly two Agents
        if authority.get("objectType") == "Group" and (
            len(authority.get("member") or []) != 2 or any(key in authority for key in IFI_KEYS)
        ):
            _fail(
                f"{where}.authority",
                _("a Group authority must be anonymous with exactly two Agent members"),
            )
    if "stored" in statement:
        timestamp_parse(statement["stored"], f"{where}.stored")
    _statement_body(statement, where)
