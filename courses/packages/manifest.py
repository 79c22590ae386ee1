"""Reading a package's manifest: imsmanifest.xml (SCORM 1.2 and 2004) or cmi5.xml (cmi5).

`manifest_read(names=..., read=...)` takes the zip's file names and a function reading one
member, finds which manifest the package has, parses it with defusedxml (no entities, no
network) and returns a `ParsedPackage`: the kind, edition, identifier and title, the normalised
structure stored on `PackageVersion.structure`, and the items (`PackageItem` rows to be). Every
problem found is collected and raised together in `ManifestInvalid`, each naming the file and
the identifier it is about.

SCORM 2004 sequencing is normalised (defaults filled in, `sequencingCollection` references
resolved) into the "sequencing" dict described in the issue's contract; the parts the player
does not implement are refused with the reason (`UNSUPPORTED` below), never played wrong.
SCORM 1.2 has no sequencing: its items get the defaults with free choice and flow (previous and
next), which is how a SCORM 1.2 LMS lets the learner move.
"""

import copy
import posixpath
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element  # only to build an empty element; parsing is defusedxml's

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

from courses.packages.models import PackageKind
from courses.packages.sequencing import DEFAULT_SEQUENCING, SCORM12_SEQUENCING

SCORM_MANIFEST = "imsmanifest.xml"
CMI5_MANIFEST = "cmi5.xml"

EDITION_SCORM12 = "1.2"
EDITION_2004_2ND = "2004 2nd Edition"
EDITION_2004_3RD = "2004 3rd Edition"
EDITION_2004_4TH = "2004 4th Edition"
EDITION_CMI5 = "cmi5"
# <schemaversion> as written -> the edition we store.
SCHEMA_VERSIONS = {
    "1.2": EDITION_SCORM12,
    "cam 1.3": EDITION_2004_2ND,
    "2004 3rd edition": EDITION_2004_3RD,
    "2004 4th edition": EDITION_2004_4TH,
}
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCORM12_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
TITLE_MAX = 300

MOVE_ON = ("Completed", "Passed", "CompletedOrPassed", "CompletedAndPassed", "NotApplicable")
LAUNCH_METHODS = ("AnyWindow", "OwnWindow")

PRECONDITION_ACTIONS = ("disabled", "skip", "hiddenFromChoice", "stopForwardTraversal")
PRECONDITIONS = (
    "satisfied",
    "completed",
    "attempted",
    "objectiveStatusKnown",
    "activityProgressKnown",
    "always",
)
ROLLUP_CONDITIONS = ("satisfied", "completed", "attempted", "always")
ROLLUP_ACTIONS = ("satisfied", "notSatisfied", "completed", "incomplete")
CHILD_SETS = ("all", "any", "none", "atLeastCount", "atLeastPercent")
ROLLUP_CONSIDERATION_DEFAULTS = {
    "requiredForSatisfied": "always",
    "requiredForNotSatisfied": "always",
    "requiredForCompleted": "always",
    "requiredForIncomplete": "always",
    "measureSatisfactionIfActive": "true",
}


class ManifestInvalid(Exception):
    """The manifest is refused; `problems` lists every reason (translated sentences)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ParsedItem:
    identifier: str
    title: str
    parent_identifier: str
    depth: int
    is_launchable: bool
    launch_url: str
    data: dict

    def as_dict(self) -> dict:
        return {
            "identifier": self.identifier,
            "title": self.title,
            "parent_identifier": self.parent_identifier,
            "depth": self.depth,
            "is_launchable": self.is_launchable,
            "launch_url": self.launch_url,
        }


@dataclass
class ParsedPackage:
    kind: str
    edition: str
    identifier: str
    title: str
    items: list[ParsedItem]
    structure: dict = field(default_factory=dict)


# --- XML helpers: SCORM manifests come with several namespace URIs, so match local names ---


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((child for child in element if _local(child.tag) == name), None)


def _child_or_empty(element: Element, name: str) -> Element:
    found = _child(element, name)
    return found if found is not None else Element("none")


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _attr(element: Element, name: str, default: str | None = None) -> str | None:
    """The attribute by local name, in any namespace (case-insensitive, for scormtype)."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if _local(key).lower() == wanted:
            return value.strip()
    return default


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("true", "1")


def _float(value: str | None, default: float | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else default
    except ValueError:
        return default


def _parse(data: bytes, filename: str) -> tuple[Element | None, str | None]:
    try:
        return fromstring(data), None
    except ParseError as error:
        return None, _("%(file)s is not well-formed XML (%(error)s).") % {
            "file": filename,
            "error": error,
        }
    except DefusedXmlException:
        return None, _("%(file)s declares entities or a DTD, which are refused.") % {
            "file": filename
        }


def manifest_read(*, names: set[str], read: Callable[[str], bytes]) -> ParsedPackage:
    """Parses the package's manifest. `names` are the zip's file names, `read(name)` a member's
    bytes. Raises ManifestInvalid with every problem found."""
    has_scorm = SCORM_MANIFEST in names
    has_cmi5 = CMI5_MANIFEST in names
    if has_scorm and has_cmi5:
        raise ManifestInvalid(
            [
                _(
                    "The package has both imsmanifest.xml and cmi5.xml at its root; "
                    "a package is either SCORM or cmi5."
                )
            ]
        )
    if not has_scorm and not has_cmi5:
        nested = sorted(
            n for n in names if posixpath.basename(n) in (SCORM_MANIFEST, CMI5_MANIFEST)
        )
        problem = _(
            "The package has no imsmanifest.xml (SCORM) or cmi5.xml (cmi5) at the root of the zip."
        )
        if nested:
            problem += " " + _("Found %(path)s: zip the folder's contents, not the folder.") % {
                "path": nested[0]
            }
        raise ManifestInvalid([problem])
    filename = SCORM_MANIFEST if has_scorm else CMI5_MANIFEST
    root, problem = _parse(read(filename), filename)
    if problem:
        raise ManifestInvalid([problem])
    problems: list[str] = []
    read_manifest = _scorm_read if has_scorm else _cmi5_read
    parsed = read_manifest(root, names, problems)
    if problems or parsed is None:
        raise ManifestInvalid(problems)
    return parsed


def _in_package(path: str, names: set[str]) -> bool:
    """Whether the relative URL `path` (query and fragment ignored) names a file of the zip."""
    bare = urllib.parse.unquote(path.split("#", 1)[0].split("?", 1)[0])
    return posixpath.normpath(bare) in names


def _unsafe_relative(url: str) -> bool:
    bare = url.split("#", 1)[0].split("?", 1)[0]
    return bare.startswith("/") or ".." in bare.split("/") or "\\" in bare


# --- SCORM ---


def _scorm_edition(root: Element, problems: list[str]) -> str | None:
    version = _text(_child(_child(root, "metadata"), "schemaversion"))
    if not version:
        # Many SCORM 1.2 packages leave out the metadata; their namespace says what they are.
        if SCORM12_ADLCP in (root.tag + " " + " ".join(_all_namespaces(root))):
            return EDITION_SCORM12
        problems.append(
            _("imsmanifest.xml declares no schema version (<schemaversion> in <metadata>).")
        )
        return None
    edition = SCHEMA_VERSIONS.get(" ".join(version.lower().split()))
    if edition is None:
        problems.append(
            _(
                "imsmanifest.xml: schema version “%(version)s” is not one we play "
                "(SCORM 1.2, or SCORM 2004 2nd, 3rd or 4th Edition)."
            )
            % {"version": version}
        )
    return edition


def _all_namespaces(root: Element) -> set[str]:
    found: set[str] = set()
    for element in root.iter():
        for name in (element.tag, *element.attrib):
            if isinstance(name, str) and name.startswith("{"):
                found.add(name[1:].split("}", 1)[0])
    return found


def _join_base(*parts: str) -> str:
    """xml:base values and the href joined as relative URLs (an absolute one restarts)."""
    url = ""
    for part in parts:
        if not part:
            continue
        if urllib.parse.urlsplit(part).scheme or part.startswith("/"):
            url = part
        else:
            url = urllib.parse.urljoin(url or "", part) if url else part
    return url


def _with_parameters(url: str, parameters: str) -> str:
    """The item's `parameters` appended to the launch URL (SCORM CAM's rules for ? and #)."""
    if not parameters:
        return url
    if parameters.startswith("#"):
        return url if "#" in url else url + parameters
    parameters = parameters.lstrip("?&")
    if not parameters:
        return url
    return url + ("&" if "?" in url else "?") + parameters


def _scorm_read(root: Element, names: set[str], problems: list[str]) -> ParsedPackage | None:
    if _local(root.tag) != "manifest":
        problems.append(_("imsmanifest.xml: the root element is not <manifest>."))
        return None
    edition = _scorm_edition(root, problems)
    kind = PackageKind.SCORM12 if edition == EDITION_SCORM12 else PackageKind.SCORM2004
    identifier = _attr(root, "identifier") or ""

    # Identifiers are XML IDs: unique in the manifest.
    seen: dict[str, int] = {}
    for element in root.iter():
        if _local(element.tag) in ("manifest", "organization", "item", "resource"):
            value = _attr(element, "identifier")
            if value:
                seen[value] = seen.get(value, 0) + 1
            elif _local(element.tag) != "manifest":
                problems.append(
                    _("imsmanifest.xml: an <%(element)s> has no identifier.")
                    % {"element": _local(element.tag)}
                )
    for value, count in seen.items():
        if count > 1:
            problems.append(
                _("imsmanifest.xml: identifier “%(identifier)s” is used %(count)s times.")
                % {"identifier": value, "count": count}
            )

    manifest_base = root.get(XML_BASE, "")
    resources_element = _child(root, "resources")
    resources_base = resources_element.get(XML_BASE, "") if resources_element is not None else ""
    resources = {
        _attr(resource, "identifier") or "": resource
        for resource in (
            _children(resources_element, "resource") if resources_element is not None else []
        )
    }
    collection = {}
    collection_element = _child(root, "sequencingCollection")
    if collection_element is not None:
        for sequencing in _children(collection_element, "sequencing"):
            collection[_attr(sequencing, "ID") or ""] = sequencing

    organizations = _child(root, "organizations")
    orgs = _children(organizations, "organization") if organizations is not None else []
    if not orgs:
        problems.append(_("imsmanifest.xml has no <organization>: there is nothing to play."))
        return None
    default = _attr(organizations, "default")
    if default:
        organization = next((o for o in orgs if _attr(o, "identifier") == default), None)
        if organization is None:
            problems.append(
                _("imsmanifest.xml: the default organization “%(identifier)s” does not exist.")
                % {"identifier": default}
            )
            return None
    else:
        organization = orgs[0]
    org_id = _attr(organization, "identifier") or ""
    title = _text(_child(organization, "title")) or identifier or _("Untitled package")

    is_2004 = kind == PackageKind.SCORM2004
    items: list[ParsedItem] = []

    def sequencing_of(element: Element, label: str) -> dict:
        if not is_2004:
            return _sequencing_defaults(scorm12=True)
        return _sequencing_read(_child(element, "sequencing"), collection, label, problems)

    def walk(parent: Element, parent_id: str, depth: int) -> None:
        for item in _children(parent, "item"):
            item_id = _attr(item, "identifier") or ""
            item_title = _text(_child(item, "title")) or item_id
            children = _children(item, "item")
            ref = _attr(item, "identifierref")
            data: dict = {
                "is_visible": _bool(_attr(item, "isvisible"), True),
                "sequencing": sequencing_of(item, item_id),
            }
            launch_url = ""
            launchable = False
            if ref:
                resource = resources.get(ref)
                if resource is None:
                    problems.append(
                        _(
                            "imsmanifest.xml: item “%(item)s” refers to resource “%(resource)s”, "
                            "which does not exist."
                        )
                        % {"item": item_id, "resource": ref}
                    )
                else:
                    launch_url, scorm_type = _resource_launch(
                        item, resource, ref, manifest_base, resources_base, names, problems
                    )
                    launchable = not children
                    data.update(_item_data(item, resource, scorm_type, is_2004))
            elif not children:
                problems.append(
                    _("imsmanifest.xml: item “%(item)s” has neither a resource nor child items.")
                    % {"item": item_id}
                )
            items.append(
                ParsedItem(
                    identifier=item_id,
                    title=item_title[:TITLE_MAX],
                    parent_identifier=parent_id,
                    depth=depth,
                    is_launchable=launchable,
                    launch_url=launch_url,
                    data=data,
                )
            )
            walk(item, item_id, depth + 1)

    walk(organization, "", 0)
    if not any(item.is_launchable for item in items) and not problems:
        problems.append(_("imsmanifest.xml: the default organization has nothing to launch."))
    organization_data = {
        "identifier": org_id,
        "title": title[:TITLE_MAX],
        "sequencing": sequencing_of(organization, org_id),
    }
    if edition is None:
        return None
    return ParsedPackage(
        kind=kind,
        edition=edition,
        identifier=identifier,
        title=title[:TITLE_MAX],
        items=items,
        structure={
            "kind": kind.value,
            "edition": edition,
            "identifier": identifier,
            "title": title[:TITLE_MAX],
            "organization": organization_data,
            "items": [item.as_dict() for item in items],
        },
    )


def _resource_launch(
    item: Element,
    resource: Element,
    ref: str,
    manifest_base: str,
    resources_base: str,
    names: set[str],
    problems: list[str],
) -> tuple[str, str]:
    """The launch URL of the item's resource (bases and parameters applied) and its SCORM type;
    a problem when the launch file is not in the zip."""
    item_id = _attr(item, "identifier") or ""
    scorm_type = (_attr(resource, "scormtype") or "asset").lower()
    href = _attr(resource, "href") or ""
    if not href:
        problems.append(
            _(
                "imsmanifest.xml: resource “%(resource)s” (of item “%(item)s”) has no href "
                "to launch."
            )
            % {"resource": ref, "item": item_id}
        )
        return "", scorm_type
    url = _join_base(manifest_base, resources_base, resource.get(XML_BASE, ""), href)
    if urllib.parse.urlsplit(url).scheme or _unsafe_relative(url):
        problems.append(
            _(
                "imsmanifest.xml: resource “%(resource)s” launches “%(href)s”, which is not a "
                "file inside the package."
            )
            % {"resource": ref, "href": url}
        )
        return "", scorm_type
    if not _in_package(url, names):
        problems.append(
            _(
                "imsmanifest.xml: the launch file “%(href)s” of resource “%(resource)s” "
                "is missing from the zip."
            )
            % {"href": url.split("?")[0].split("#")[0], "resource": ref}
        )
    return _with_parameters(url, _attr(item, "parameters") or ""), scorm_type


def _item_data(item: Element, resource: Element, scorm_type: str, is_2004: bool) -> dict:
    data: dict = {
        "scorm_type": "sco" if scorm_type == "sco" else "asset",
        "resource_identifier": _attr(resource, "identifier") or "",
        "mastery_score": None,
        "data_from_lms": "",
        "max_time_allowed": "",
        "time_limit_action": "",
        "completion_threshold": None,
        "hide_lms_ui": [],
    }
    if not is_2004:
        data["mastery_score"] = _float(_text(_child(item, "masteryscore")), None)
        data["data_from_lms"] = _text(_child(item, "datafromlms"))
        data["max_time_allowed"] = _text(_child(item, "maxtimeallowed"))
        data["time_limit_action"] = _text(_child(item, "timelimitaction"))
        data["prerequisites"] = _text(_child(item, "prerequisites"))
        return data
    data["data_from_lms"] = _text(_child(item, "dataFromLMS"))
    data["time_limit_action"] = _text(_child(item, "timeLimitAction"))
    threshold = _child(item, "completionThreshold")
    if threshold is not None:
        # 2nd/3rd Edition: the threshold is the element's text; 4th: minProgressMeasure, used
        # when completedByMeasure is true.
        if _text(threshold):
            data["completion_threshold"] = _float(_text(threshold), None)
        elif _bool(_attr(threshold, "completedByMeasure"), False):
            data["completion_threshold"] = _float(_attr(threshold, "minProgressMeasure"), 1.0)
    presentation = _child(item, "presentation")
    interface = _child(presentation, "navigationInterface")
    if interface is not None:
        data["hide_lms_ui"] = [_text(hide) for hide in _children(interface, "hideLMSUI")]
    return data


# --- SCORM 2004 sequencing ---


def _sequencing_defaults(*, scorm12: bool = False) -> dict:
    """The sequencing an item has when its manifest says nothing (a fresh copy to fill in)."""
    return copy.deepcopy(SCORM12_SEQUENCING if scorm12 else DEFAULT_SEQUENCING)


def _refuse(problems: list[str], label: str, what: str) -> None:
    problems.append(
        _(
            "imsmanifest.xml: “%(identifier)s” uses sequencing we do not play (%(what)s); "
            "the package is refused rather than played wrong."
        )
        % {"identifier": label, "what": what}
    )


def _sequencing_read(
    element: Element | None, collection: dict[str, Element], label: str, problems: list[str]
) -> dict:
    """The normalised sequencing of an item or organization (collection reference merged)."""
    result = _sequencing_defaults()
    if element is None:
        return result

    def key(child: Element) -> str:
        # adlseq:objectives (4th Edition: completion and progress shared through global
        # objectives) has the local name of imsss:objectives; keep them apart.
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag.startswith("{" + ADLSEQ) and _local(tag) == "objectives":
            return "adlseq:objectives"
        return _local(tag)

    parts: dict[str, Element] = {}
    reference = _attr(element, "IDRef")
    if reference:
        shared = collection.get(reference)
        if shared is None:
            problems.append(
                _(
                    "imsmanifest.xml: “%(identifier)s” refers to sequencing “%(reference)s”, "
                    "which is not in the sequencingCollection."
                )
                % {"identifier": label, "reference": reference}
            )
        else:
            parts.update({key(child): child for child in shared if isinstance(child.tag, str)})
    # The item's own elements take the place of the shared ones of the same kind.
    parts.update({key(child): child for child in element if isinstance(child.tag, str)})

    for name in parts:
        if name not in (
            "controlMode",
            "sequencingRules",
            "limitConditions",
            "rollupRules",
            "objectives",
            "randomizationControls",
            "deliveryControls",
            "rollupConsiderations",
        ):
            _refuse(problems, label, name)

    control = parts.get("controlMode")
    if control is not None:
        result["control_mode"] = {
            "choice": _bool(_attr(control, "choice"), True),
            "choice_exit": _bool(_attr(control, "choiceExit"), True),
            "flow": _bool(_attr(control, "flow"), False),
            "forward_only": _bool(_attr(control, "forwardOnly"), False),
        }
    rules = parts.get("sequencingRules")
    if rules is not None:
        for rule in rules:
            name = _local(rule.tag)
            if name != "preConditionRule":
                _refuse(problems, label, name)
                continue
            result["precondition_rules"].append(_precondition_read(rule, label, problems))
    limits = parts.get("limitConditions")
    if limits is not None:
        for attribute in ("attemptLimit", "attemptAbsoluteDurationLimit"):
            if _attr(limits, attribute) not in (None, "", "0"):
                _refuse(problems, label, f"limitConditions {attribute}")
    randomization = parts.get("randomizationControls")
    if randomization is not None:
        if _bool(_attr(randomization, "reorderChildren"), False):
            _refuse(problems, label, "randomizationControls reorderChildren")
        if _attr(randomization, "selectCount") not in (None, ""):
            _refuse(problems, label, "randomizationControls selectCount")
    considerations = parts.get("rollupConsiderations")
    if considerations is not None:
        for attribute, default in ROLLUP_CONSIDERATION_DEFAULTS.items():
            value = _attr(considerations, attribute)
            if value is not None and value.lower() != default.lower():
                _refuse(problems, label, f"rollupConsiderations {attribute}={value}")
    delivery = parts.get("deliveryControls")
    if delivery is not None:
        result["delivery"] = {
            "tracked": _bool(_attr(delivery, "tracked"), True),
            "completion_set_by_content": _bool(_attr(delivery, "completionSetByContent"), False),
            "objective_set_by_content": _bool(_attr(delivery, "objectiveSetByContent"), False),
        }
    objectives = parts.get("objectives")
    if objectives is not None:
        result["objectives"] = _objectives_read(objectives, label, problems)
    rollup = parts.get("rollupRules")
    if rollup is not None:
        result["rollup"] = _rollup_read(rollup, label, problems)
    return result


def _condition_operator(condition: Element) -> str:
    return "not" if (_attr(condition, "operator") or "noOp") == "not" else "noOp"


def _precondition_read(rule: Element, label: str, problems: list[str]) -> dict:
    conditions_element = _child(rule, "ruleConditions")
    combination = (
        _attr(conditions_element, "conditionCombination")
        if conditions_element is not None
        else None
    ) or "all"
    conditions = []
    for condition in (
        _children(conditions_element, "ruleCondition") if conditions_element is not None else []
    ):
        name = _attr(condition, "condition") or ""
        if name not in PRECONDITIONS:
            _refuse(problems, label, f"precondition “{name}”")
        conditions.append(
            {
                "condition": name,
                "operator": _condition_operator(condition),
                "objective": _attr(condition, "referencedObjective") or None,
            }
        )
    action_element = _child(rule, "ruleAction")
    action = _attr(action_element, "action") if action_element is not None else ""
    if action not in PRECONDITION_ACTIONS:
        _refuse(problems, label, f"precondition action “{action}”")
    return {"action": action, "combination": combination, "conditions": conditions}


def _objectives_read(element: Element, label: str, problems: list[str]) -> list[dict]:
    found = []
    for objective in element:
        name = _local(objective.tag)
        if name not in ("primaryObjective", "objective"):
            continue
        measure = _float(_text(_child(objective, "minNormalizedMeasure")), 1.0)
        found.append(
            {
                "id": _attr(objective, "objectiveID") or "",
                "primary": name == "primaryObjective",
                "satisfied_by_measure": _bool(_attr(objective, "satisfiedByMeasure"), False),
                "min_normalized_measure": measure,
                "map": [
                    {
                        "target": _attr(info, "targetObjectiveID") or "",
                        "read_satisfied": _bool(_attr(info, "readSatisfiedStatus"), True),
                        "write_satisfied": _bool(_attr(info, "writeSatisfiedStatus"), False),
                        "read_measure": _bool(_attr(info, "readNormalizedMeasure"), True),
                        "write_measure": _bool(_attr(info, "writeNormalizedMeasure"), False),
                    }
                    for info in _children(objective, "mapInfo")
                ],
            }
        )
        if name == "objective" and not found[-1]["id"]:
            problems.append(
                _("imsmanifest.xml: an objective of “%(identifier)s” has no objectiveID.")
                % {"identifier": label}
            )
    return found


def _rollup_read(element: Element, label: str, problems: list[str]) -> dict:
    rollup = {
        "objective_satisfied": _bool(_attr(element, "rollupObjectiveSatisfied"), True),
        "progress_completion": _bool(_attr(element, "rollupProgressCompletion"), True),
        "measure_weight": _float(_attr(element, "objectiveMeasureWeight"), 1.0),
        "rules": [],
    }
    for rule in _children(element, "rollupRule"):
        child_set = _attr(rule, "childActivitySet") or "all"
        if child_set not in CHILD_SETS:
            _refuse(problems, label, f"rollup child set “{child_set}”")
        conditions_element = _child(rule, "rollupConditions")
        conditions = []
        for condition in (
            _children(conditions_element, "rollupCondition")
            if conditions_element is not None
            else []
        ):
            name = _attr(condition, "condition") or ""
            if name not in ROLLUP_CONDITIONS:
                _refuse(problems, label, f"rollup condition “{name}”")
            conditions.append({"condition": name, "operator": _condition_operator(condition)})
        action_element = _child(rule, "rollupAction")
        action = _attr(action_element, "action") if action_element is not None else ""
        if action not in ROLLUP_ACTIONS:
            _refuse(problems, label, f"rollup action “{action}”")
        rollup["rules"].append(
            {
                "child_set": child_set,
                "min_count": int(_float(_attr(rule, "minimumCount"), 0) or 0),
                "min_percent": _float(_attr(rule, "minimumPercent"), 0.0),
                "combination": (
                    _attr(conditions_element, "conditionCombination")
                    if conditions_element is not None
                    else None
                )
                or "any",
                "conditions": conditions,
                "action": action,
            }
        )
    return rollup


# --- cmi5 ---


def _langstrings(element: Element | None) -> dict[str, str]:
    if element is None:
        return {}
    return {
        (_attr(string, "lang") or "und"): _text(string)
        for string in _children(element, "langstring")
    }


def _pick(strings: dict[str, str], fallback: str) -> str:
    for lang, text in strings.items():
        if lang.lower().startswith("en") and text:
            return text
    return next((text for text in strings.values() if text), fallback)


def _objective_refs(element: Element) -> list[str]:
    return [
        _attr(reference, "idref") or ""
        for reference in _children(_child_or_empty(element, "objectives"), "objectiveReference")
    ]


def _cmi5_read(root: Element, names: set[str], problems: list[str]) -> ParsedPackage | None:
    if _local(root.tag) != "courseStructure":
        problems.append(_("cmi5.xml: the root element is not <courseStructure>."))
        return None
    course = _child(root, "course")
    if course is None:
        problems.append(_("cmi5.xml has no <course>."))
        return None
    course_id = _attr(course, "id") or ""
    if not course_id:
        problems.append(_("cmi5.xml: the <course> has no id."))
    course_title = _langstrings(_child(course, "title"))
    title = _pick(course_title, course_id or _("Untitled package"))[:TITLE_MAX]
    ids: dict[str, int] = {}
    if course_id:
        ids[course_id] = 1

    def count(identifier: str) -> None:
        if identifier:
            ids[identifier] = ids.get(identifier, 0) + 1

    objectives = []
    for objective in _children(_child_or_empty(root, "objectives"), "objective"):
        objective_id = _attr(objective, "id") or ""
        count(objective_id)
        objectives.append(
            {
                "id": objective_id,
                "title": _langstrings(_child(objective, "title")),
                "description": _langstrings(_child(objective, "description")),
            }
        )
    known_objectives = {objective["id"] for objective in objectives}
    items: list[ParsedItem] = []

    def check_references(element: Element, label: str) -> list[str]:
        references = _objective_refs(element)
        for reference in references:
            if reference not in known_objectives:
                problems.append(
                    _(
                        "cmi5.xml: “%(identifier)s” refers to objective “%(objective)s”, "
                        "which is not defined."
                    )
                    % {"identifier": label, "objective": reference}
                )
        return references

    def walk(parent: Element, parent_id: str, depth: int) -> None:
        for element in parent:
            name = _local(element.tag)
            if name == "block":
                block_id = _attr(element, "id") or ""
                count(block_id)
                if not block_id:
                    problems.append(_("cmi5.xml: a <block> has no id."))
                block_title = _langstrings(_child(element, "title"))
                items.append(
                    ParsedItem(
                        identifier=block_id,
                        title=_pick(block_title, block_id)[:TITLE_MAX],
                        parent_identifier=parent_id,
                        depth=depth,
                        is_launchable=False,
                        launch_url="",
                        data={
                            "kind": "block",
                            "activity_id": block_id,
                            "objectives": check_references(element, block_id),
                            "title": block_title,
                            "description": _langstrings(_child(element, "description")),
                        },
                    )
                )
                walk(element, block_id, depth + 1)
            elif name == "au":
                items.append(_au_read(element, parent_id, depth, names, problems, count))
                items[-1].data["objectives"] = check_references(element, items[-1].identifier)

    walk(root, "", 0)
    if not any(item.is_launchable for item in items):
        problems.append(_("cmi5.xml has no <au>: there is nothing to launch."))
    for identifier, times in ids.items():
        if times > 1:
            problems.append(
                _("cmi5.xml: identifier “%(identifier)s” is used %(count)s times.")
                % {"identifier": identifier, "count": times}
            )
    return ParsedPackage(
        kind=PackageKind.CMI5,
        edition=EDITION_CMI5,
        identifier=course_id,
        title=title,
        items=items,
        structure={
            "kind": PackageKind.CMI5.value,
            "edition": EDITION_CMI5,
            "identifier": course_id,
            "title": title,
            "course": {
                "id": course_id,
                "title": course_title,
                "description": _langstrings(_child(course, "description")),
                "objectives": objectives,
            },
            "items": [item.as_dict() for item in items],
        },
    )


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _au_read(
    element: Element,
    parent_id: str,
    depth: int,
    names: set[str],
    problems: list[str],
    count: Callable[[str], None],
) -> ParsedItem:
    au_id = _attr(element, "id") or ""
    count(au_id)
    label = au_id or _("(an AU without id)")
    if not au_id:
        problems.append(_("cmi5.xml: an <au> has no id."))
    url = _text(_child(element, "url"))
    if not url:
        problems.append(_("cmi5.xml: AU “%(identifier)s” has no url.") % {"identifier": label})
    elif _SCHEME.match(url) or url.startswith("//"):
        if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https") or not (
            urllib.parse.urlsplit(url).netloc
        ):
            problems.append(
                _(
                    "cmi5.xml: the url “%(url)s” of AU “%(identifier)s” is neither relative "
                    "nor an absolute http(s) URL."
                )
                % {"url": url, "identifier": label}
            )
    elif _unsafe_relative(url):
        problems.append(
            _(
                "cmi5.xml: the url “%(url)s” of AU “%(identifier)s” leaves the package "
                "(it starts with “/” or contains “..”)."
            )
            % {"url": url, "identifier": label}
        )
    elif not _in_package(url, names):
        problems.append(
            _("cmi5.xml: the launch file “%(url)s” of AU “%(identifier)s” is missing from the zip.")
            % {"url": url.split("?")[0].split("#")[0], "identifier": label}
        )
    move_on = _attr(element, "moveOn") or "NotApplicable"
    if move_on not in MOVE_ON:
        problems.append(
            _("cmi5.xml: AU “%(identifier)s” has an unknown moveOn “%(value)s”.")
            % {"identifier": label, "value": move_on}
        )
    mastery = _attr(element, "masteryScore")
    mastery_score = _float(mastery, None)
    if mastery not in (None, "") and (mastery_score is None or not 0 <= mastery_score <= 1):
        problems.append(
            _("cmi5.xml: the masteryScore of AU “%(identifier)s” must be between 0 and 1.")
            % {"identifier": label}
        )
        mastery_score = None
    launch_method = _attr(element, "launchMethod") or "AnyWindow"
    if launch_method not in LAUNCH_METHODS:
        problems.append(
            _("cmi5.xml: AU “%(identifier)s” has an unknown launchMethod “%(value)s”.")
            % {"identifier": label, "value": launch_method}
        )
    title = _langstrings(_child(element, "title"))
    return ParsedItem(
        identifier=au_id,
        title=_pick(title, au_id)[:TITLE_MAX],
        parent_identifier=parent_id,
        depth=depth,
        is_launchable=True,
        launch_url=url,
        data={
            "kind": "au",
            "activity_id": au_id,
            "move_on": move_on,
            "mastery_score": mastery_score,
            "launch_method": launch_method,
            "launch_parameters": _text(_child(element, "launchParameters")),
            "entitlement_key": _text(_child(element, "entitlementKey")),
            "activity_type": _attr(element, "activityType") or "",
            "objectives": [],
            "title": title,
            "description": _langstrings(_child(element, "description")),
        },
    )
