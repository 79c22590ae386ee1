"""The playable sample (tests/courses/packages/samples/cmi5_play_multi), imported by
courses.packages.importing, launched and played AU by AU through to the course being done."""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from courses.learning.models import LessonProgress
from courses.packages.cmi5 import vocab
from courses.packages.cmi5.launch import au_launch_url
from courses.packages.importing import package_import
from courses.packages.models import Cmi5Registration, PackageItem
from courses.xapi.models import Statement
from tests.courses.packages.cmi5.helpers import Au, sample_zip

pytestmark = pytest.mark.django_db

MULTI = "https://samples.equity-lms.test/cmi5/multi"


def _launch(user, lesson, name) -> Au:
    return _launch_item(user, lesson, f"{MULTI}/{name}")


def _launch_item(user, lesson, identifier) -> Au:
    import json
    from urllib.parse import parse_qs

    from courses.xapi.agents import actor_for_user
    from courses.xapi.store import document_get

    item = PackageItem.objects.get(version=lesson.package.current_version, identifier=identifier)
    url = au_launch_url(user=user, lesson=lesson, item=item, base_url="http://testserver")
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    document = document_get(
        kind="state",
        activity_id=params["activityId"],
        agent=actor_for_user(user),
        registration=params["registration"],
        document_id=vocab.STATE_LAUNCH_DATA,
    )
    au = Au(url=url, params=params, launch_data=json.loads(bytes(document.content)))
    au.fetch()
    return au


def test_the_playable_sample_imports_and_plays_to_the_end(learner, course, tmp_path):
    lesson = package_import(file=sample_zip("cmi5_play_multi", tmp_path), course=course)
    passed = _launch(learner, lesson, "passed")
    assert passed.launch_data["masteryScore"] == 0.8
    assert passed.launch_data["launchParameters"] == '{"level": 2}'
    assert passed.launch_data["entitlementKey"] == {"courseStructure": "sample-key-123"}
    # the AU file is where the launch URL points
    path = urlsplit(passed.url).path
    client = Client()
    client.force_login(learner)
    page = client.get(path)
    assert page.status_code == 200, path
    assert b"cmi5 sample AU" in b"".join(page.streaming_content) if page.streaming else page.content
    passed.initialized()
    passed.passed(0.9)
    passed.terminated()
    for name, steps in [
        ("completed", ["completed"]),
        ("completed-or-passed", ["passed"]),
        ("completed-and-passed", ["completed", "passed"]),
    ]:
        au = _launch(learner, lesson, name)
        au.initialized()
        for step in steps:
            getattr(au, step)()
        au.terminated()
    registration = Cmi5Registration.objects.get(user=learner)
    assert registration.satisfied_at is not None
    kinds = [
        s.payload["object"]["definition"]["type"]
        for s in Statement.objects.filter(verb_id=vocab.VERB_SATISFIED).order_by("pk")
    ]
    assert kinds == [vocab.ACTIVITY_TYPE_BLOCK, vocab.ACTIVITY_TYPE_COURSE]
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()
