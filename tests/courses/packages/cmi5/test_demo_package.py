"""The demo's cmi5 course (courses/demo/packages/cmi5-demo) imports and plays in both languages."""

import pytest

from courses.packages.cmi5.player import localized
from courses.packages.importing import package_import
from courses.packages.models import Cmi5Registration, PackageItem
from tests.courses.packages.cmi5.helpers import DEMO, sample_zip

pytestmark = pytest.mark.django_db

BASE = "https://lms.lacity.test/demo/cmi5/equity-in-city-services"


def test_the_demo_package_imports_with_english_and_spanish_titles(course, tmp_path):
    lesson = package_import(file=sample_zip("cmi5-demo", tmp_path, DEMO), course=course)
    items = PackageItem.objects.filter(version=lesson.package.current_version, is_launchable=True)
    by_id = {item.identifier: item for item in items}
    check = by_id[f"{BASE}/au/check"]
    assert check.data["move_on"] == "Passed"
    assert check.data["mastery_score"] == 0.5
    assert localized(check.data["title"], "") == "Check what you learned"
    assert check.data["title"]["es-US"] == "Compruebe lo que aprendió"
    assert by_id[f"{BASE}/au/read"].data["move_on"] == "Completed"


def test_the_demo_pages_have_every_text_in_both_languages():
    import re

    texts = (DEMO / "texts.js").read_text()
    english, spanish = texts.split("    es: {")
    keys_en = set(re.findall(r"^\s+(\w+):", english.split("    en: {")[1], re.M))
    keys_es = set(re.findall(r"^\s+(\w+):", spanish.split("\n    }")[0], re.M))
    used = set()
    for page in ("read.html", "check.html"):
        used |= set(re.findall(r'data-text="(\w+)"', (DEMO / page).read_text()))
    assert used <= keys_en
    assert keys_en == keys_es


def test_the_demo_course_is_done_when_both_aus_are(learner, course, tmp_path):
    from tests.courses.packages.cmi5.test_imported_sample import _launch_item

    lesson = package_import(file=sample_zip("cmi5-demo", tmp_path, DEMO), course=course)
    read = _launch_item(learner, lesson, f"{BASE}/au/read")
    read.initialized()
    read.completed()
    read.terminated()
    check = _launch_item(learner, lesson, f"{BASE}/au/check")
    check.initialized()
    check.passed(0.5)
    check.terminated()
    assert Cmi5Registration.objects.get(user=learner).satisfied_at is not None
