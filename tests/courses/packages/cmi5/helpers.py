"""Helpers for the cmi5 tests: a cmi5 package lesson (rows as the importer makes them), the
sample zips (with the real @xapi/cmi5 library copied in), and a scripted AU that launches, redeems
its fetch URL and sends statements with its credential, as an AU in a browser would."""

import json
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.utils import timezone

from courses.packages.cmi5 import vocab
from courses.packages.cmi5.launch import au_launch_url
from courses.packages.models import Package, PackageItem, PackageVersion

ROOT = Path(__file__).resolve().parents[4]
SAMPLES = Path(__file__).resolve().parents[1] / "samples"  # cmi5_play_single, cmi5_play_multi
CMI5_JS = ROOT / "node_modules" / "@xapi" / "cmi5" / "dist" / "Cmi5.umd.js"


DEMO = ROOT / "courses" / "demo" / "packages" / "cmi5-demo"


def sample_zip(name: str, dest: Path, source: Path | None = None) -> Path:
    """Zips tests/courses/packages/samples/<name>/ (or `source`) with Cmi5.umd.js (from npm)
    beside its pages, as the demo's build does."""
    source = source or SAMPLES / name
    target = dest / f"{name}.zip"
    members = {path.relative_to(source).as_posix(): path for path in source.rglob("*")}
    if source.parent == SAMPLES:
        # The playable samples share their AU page and script (samples/shared/).
        for shared in ("au.html", "au.js"):
            members.setdefault(shared, SAMPLES / "shared" / shared)
    members["Cmi5.umd.js"] = CMI5_JS
    with zipfile.ZipFile(target, "w") as archive:
        for name, path in sorted(members.items()):
            if path.is_file():
                archive.write(path, name)
    return target


# The multi sample's structure, as courses.packages.importing stores it (contracts.md).
MULTI = [
    {"id": "completed", "move_on": "Completed"},
    {
        "id": "passed",
        "move_on": "Passed",
        "mastery_score": 0.8,
        "launch_method": "AnyWindow",
        "launch_parameters": '{"level": 2}',
        "entitlement_key": "sample-key-123",
    },
    {
        "block": "block",
        "aus": [
            {"id": "completed-or-passed", "move_on": "CompletedOrPassed"},
            {"id": "completed-and-passed", "move_on": "CompletedAndPassed", "mastery_score": 0.5},
        ],
    },
    {"id": "not-applicable", "move_on": "NotApplicable"},
]
BASE = "https://samples.equity-lms.test/cmi5/multi"


def cmi5_package(*, structure=None, title="cmi5 sample") -> Package:
    """A cmi5 package with one version whose items follow `structure` (see MULTI)."""
    structure = MULTI if structure is None else structure
    now = timezone.now()
    package = Package.objects.create(title=title, created_at=now)
    version = PackageVersion.objects.create(
        package=package,
        number=1,
        kind="cmi5",
        edition="cmi5",
        identifier=f"{BASE}/course",
        title=title,
        sha256="0" * 64,
        file_count=3,
        size_bytes=1000,
        structure={"kind": "cmi5", "course": {"id": f"{BASE}/course", "title": {"en-US": title}}},
        imported_at=now,
    )
    order = 0

    def add(entry, parent="", depth=0):
        nonlocal order
        order += 1
        if "block" in entry:
            block_id = f"{BASE}/{entry['block']}"
            PackageItem.objects.create(
                version=version,
                identifier=block_id,
                title=entry["block"],
                order=order,
                parent_identifier=parent,
                depth=depth,
                is_launchable=False,
                data={"kind": "block", "activity_id": block_id, "objectives": []},
            )
            for child in entry["aus"]:
                add(child, block_id, depth + 1)
            return
        au_id = f"{BASE}/{entry['id']}"
        PackageItem.objects.create(
            version=version,
            identifier=au_id,
            title=entry["id"],
            order=order,
            parent_identifier=parent,
            depth=depth,
            is_launchable=True,
            launch_url=entry.get("url", f"au.html?au={entry['id']}"),
            data={
                "kind": "au",
                "activity_id": au_id,
                "move_on": entry["move_on"],
                "mastery_score": entry.get("mastery_score"),
                "launch_method": entry.get("launch_method", "AnyWindow"),
                "launch_parameters": entry.get("launch_parameters", ""),
                "entitlement_key": entry.get("entitlement_key", ""),
                "objectives": [],
                "title": {"en-US": entry["id"], "es-US": f"{entry['id']} (es)"},
                "description": {},
            },
        )

    for entry in structure:
        add(entry)
    package.current_version = version
    package.save(update_fields=["current_version"])
    return package


def cmi5_lesson(course, *, structure=None, title="Packaged lesson"):
    """A published package lesson of `course` playing a new cmi5 package."""
    from courses.learning.models import LessonPage

    lesson = LessonPage(
        title=title, slug=f"cmi5-{uuid.uuid4().hex[:8]}", package=cmi5_package(structure=structure)
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def au_item(lesson, name: str) -> PackageItem:
    return PackageItem.objects.get(
        version=lesson.package.current_version, identifier=f"{BASE}/{name}"
    )


def now_iso() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


@dataclass
class Au:
    """An AU launched for a learner: what its launch URL said, its LMS.LaunchData and its
    credential header (after `fetch`)."""

    url: str
    params: dict
    launch_data: dict = field(default_factory=dict)
    authorization: str = ""
    credential: object = None

    @property
    def session_id(self) -> str:
        return self.launch_data["contextTemplate"]["extensions"][vocab.EXT_SESSION_ID]

    def fetch(self, client: Client | None = None) -> dict:
        """POSTs the fetch URL as the AU does (8.2) and keeps the token it returns."""
        fetch = urlsplit(self.params["fetch"])
        response = (client or Client()).post(f"{fetch.path}?{fetch.query}")
        body = response.json()
        if "auth-token" in body:
            from courses.xapi.credentials import credential_authenticate

            self.authorization = f"Basic {body['auth-token']}"
            self.credential = credential_authenticate(self.authorization)
        return body

    def statement(self, verb: str, *, result=None, defined=True, moveon=None, **overrides):
        """A statement as a conforming AU sends it: the contextTemplate, the registration, the
        cmi5 category for a defined statement, the moveOn category for completed/passed/failed."""
        context = json.loads(json.dumps(self.launch_data["contextTemplate"]))
        context["registration"] = self.params["registration"]
        categories = []
        if defined:
            categories.append({"id": vocab.CATEGORY_CMI5})
        if moveon if moveon is not None else verb in vocab.JUDGED_VERBS:
            categories.append({"id": vocab.CATEGORY_MOVEON})
        if categories:
            context["contextActivities"]["category"] = categories
        statement = {
            "id": str(uuid.uuid4()),
            "actor": json.loads(self.params["actor"]),
            "verb": {"id": verb},
            "object": {"objectType": "Activity", "id": self.params["activityId"]},
            "context": context,
            "timestamp": now_iso(),
        }
        if result is not None:
            statement["result"] = result
        statement.update(overrides)
        return statement

    def send(self, *statements):
        """Stores statements with the AU's credential (what POST /xapi/statements does)."""
        from courses.xapi.store import statements_store

        return statements_store(statements=list(statements), credential=self.credential)

    # The usual statements of a conforming AU.
    def initialized(self):
        return self.send(self.statement(vocab.VERB_INITIALIZED))

    def completed(self):
        return self.send(
            self.statement(vocab.VERB_COMPLETED, result={"completion": True, "duration": "PT5S"})
        )

    def passed(self, scaled=1.0):
        return self.send(
            self.statement(
                vocab.VERB_PASSED,
                result={"success": True, "duration": "PT5S", "score": {"scaled": scaled}},
            )
        )

    def failed(self, scaled=0.0):
        return self.send(
            self.statement(
                vocab.VERB_FAILED,
                result={"success": False, "duration": "PT5S", "score": {"scaled": scaled}},
            )
        )

    def terminated(self):
        return self.send(self.statement(vocab.VERB_TERMINATED, result={"duration": "PT9S"}))


def launch(user, lesson, name: str, *, fetch=True, **kwargs) -> Au:
    """Launches AU `name` of `lesson` for `user` and, unless told not to, redeems its fetch URL."""
    from courses.xapi.agents import actor_for_user
    from courses.xapi.store import document_get

    url = au_launch_url(
        user=user, lesson=lesson, item=au_item(lesson, name), base_url="http://testserver", **kwargs
    )
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    document = document_get(
        kind="state",
        activity_id=params["activityId"],
        agent=actor_for_user(user),
        registration=params["registration"],
        document_id=vocab.STATE_LAUNCH_DATA,
    )
    au = Au(url=url, params=params, launch_data=json.loads(bytes(document.content)))
    if fetch:
        au.fetch()
    return au
