"""The demo text loader: it reads a package's YAML data file, joins `!join` lists, and refuses a
missing, empty or malformed file with a message naming the file, before the seed writes
anything."""

import sys
import uuid
from datetime import date

import pytest
from wagtail.models import Page

from content.demo import seed
from lms.demo_data import DemoDataError, demo_data

DATA_FILES = [
    ("courses.demo", "city.yaml"),
    ("courses.demo", "compliance.yaml"),
    ("courses.demo", "courses.yaml"),
    ("courses.demo", "images.yaml"),
    ("courses.demo", "learning_objectives.yaml"),
    ("courses.demo", "spanish.yaml"),
    ("courses.demo", "checks.yaml"),
    ("courses.demo", "assessment.yaml"),
    ("content.demo", "glossary.yaml"),
    ("content.demo", "glossary_es.yaml"),
    ("content.demo", "resources.yaml"),
    ("content.demo", "resources_es.yaml"),
    ("content.demo", "ta_requests.yaml"),
]


@pytest.fixture
def data_package(tmp_path, monkeypatch):
    """A new importable package (a unique name, so no import or cache is shared) and its
    folder, where a test writes data files."""
    name = f"demo_data_{uuid.uuid4().hex}"
    folder = tmp_path / name
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name, folder
    sys.modules.pop(name, None)


def test_reads_a_data_file_and_joins_join_lists(data_package):
    package, folder = data_package
    (folder / "text.yaml").write_text(
        "title: Curso\nbody: !join\n  - <p>Uno.</p>\n  - <p>Dos.</p>\n"
    )

    assert demo_data(package, "text.yaml") == {"title": "Curso", "body": "<p>Uno.</p><p>Dos.</p>"}


@pytest.mark.parametrize(("package", "name"), DATA_FILES)
def test_every_demo_data_file_loads(package, name):
    assert demo_data(package, name)


def test_a_missing_file_is_named():
    with pytest.raises(
        DemoDataError, match=r"^The demo data file courses/demo/nope\.yaml is missing$"
    ):
        demo_data("courses.demo", "nope.yaml")


def test_a_missing_package_is_named():
    with pytest.raises(DemoDataError, match=r"courses/nowhere/city\.yaml is missing"):
        demo_data("courses.nowhere", "city.yaml")


def test_a_malformed_file_is_named_with_the_place_of_the_mistake(data_package):
    package, folder = data_package
    (folder / "broken.yaml").write_text("terms:\n  - slug: racial-equity\n    title: [unclosed\n")

    with pytest.raises(DemoDataError) as raised:
        demo_data(package, "broken.yaml")

    message = str(raised.value)
    assert message.startswith(f"The demo data file {package}/broken.yaml is not valid YAML")
    assert "line 4" in message


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is empty"),
        ("# only a comment\n", "is empty"),
        ("body: !join <p>not a list</p>\n", "!join takes a list of strings"),
        ("body: !join [1, 2]\n", "!join takes a list of strings"),
        ("value: !!python/object:os.system {}\n", "is not valid YAML"),
    ],
)
def test_an_empty_file_a_bad_join_and_python_objects_are_refused(data_package, text, problem):
    package, folder = data_package
    (folder / "bad.yaml").write_text(text)

    with pytest.raises(DemoDataError, match=f"{package}/bad.yaml") as raised:
        demo_data(package, "bad.yaml")

    assert problem in str(raised.value)


def test_a_file_that_is_not_utf8_is_named(data_package):
    package, folder = data_package
    (folder / "text.yaml").write_bytes(b"title: \xff\xfe\n")

    with pytest.raises(DemoDataError, match=f"{package}/text.yaml is not UTF-8 text"):
        demo_data(package, "text.yaml")


@pytest.mark.django_db
def test_the_seed_stops_on_a_malformed_file_and_writes_nothing(data_package, monkeypatch):
    package, folder = data_package
    (folder / "glossary.yaml").write_text("title: Equity glossary\nintro: [unclosed\n")
    monkeypatch.setattr(seed, "demo_data", lambda _package, name: demo_data(package, name))
    pages = Page.objects.count()

    with pytest.raises(DemoDataError, match=f"{package}/glossary.yaml is not valid YAML"):
        seed.content_demo_seed(as_of=date(2026, 12, 5), say=lambda line: None)

    assert Page.objects.count() == pages
