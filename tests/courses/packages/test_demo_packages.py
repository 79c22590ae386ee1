"""The demo's SCORM packages (courses/demo/packages/, zipped and imported by seed_demo) are
valid packages of the kind they say."""

from pathlib import Path

import pytest

from courses.demo.packages import demo_package_zip
from courses.packages.importing import package_import

DEMO = Path(__file__).resolve().parents[3] / "courses" / "demo" / "packages"


def demo_zip(tmp_path, name) -> Path:
    """The demo package zipped as seed_demo zips it."""
    path = tmp_path / f"{name}.zip"
    path.write_bytes(demo_package_zip(DEMO / name))
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kind", "scos"), [("scorm12-demo", "scorm12", 1), ("scorm2004-demo", "scorm2004", 2)]
)
def test_demo_packages_import(tmp_path, course, name, kind, scos):
    lesson = package_import(file=demo_zip(tmp_path, name), course=course)
    version = lesson.package.current_version
    assert version.kind == kind
    assert version.items.filter(is_launchable=True).count() == scos
    assert lesson.title == "Reading an equity indicator"
