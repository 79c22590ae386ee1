"""Every bad package is refused with a clear reason, and nothing is stored: no package, version,
item or lesson rows, and no files under PACKAGE_ROOT."""

import io
import warnings
import zipfile

import pytest
from django.core.exceptions import ValidationError

from courses.learning.models import LessonPage
from courses.packages.importing import PackageInvalid, package_import
from courses.packages.models import Package, PackageItem, PackageVersion
from tests.courses.packages.builders import (
    Member,
    cmi5_au,
    cmi5_course,
    cmi5_package,
    page,
    sample_files,
    scorm12_manifest,
    scorm12_package,
    scorm2004_manifest,
    scorm2004_sco,
    zip_bytes,
    zip_write,
)

SYMLINK = 0o120777 << 16


def _refused(course, package_root, source) -> list[str]:
    """Imports `source` (a path), expects a refusal, checks nothing was stored; the problems."""
    lessons_before = LessonPage.objects.count()
    with pytest.raises(PackageInvalid) as refusal:
        package_import(file=source, course=course)
    assert Package.objects.count() == 0
    assert PackageVersion.objects.count() == 0
    assert PackageItem.objects.count() == 0
    assert LessonPage.objects.count() == lessons_before
    assert not package_root.exists() or not any(package_root.iterdir())
    assert refusal.value.problems, "a refusal always says why"
    return refusal.value.problems


def _one(problems: list[str], fragment: str) -> str:
    matching = [problem for problem in problems if fragment in problem]
    assert matching, f"no problem mentions {fragment!r}: {problems}"
    return matching[0]


@pytest.fixture
def refuse(course, package_root, tmp_path):
    def refuse(files: dict | bytes) -> list[str]:
        path = tmp_path / "package.zip"
        path.write_bytes(files if isinstance(files, bytes) else zip_bytes(files))
        return _refused(course, package_root, path)

    return refuse


def test_a_file_that_is_not_a_zip(refuse):
    assert refuse(b"%PDF-1.7 not a zip at all") == ["The file is not a zip archive."]


def test_an_upload_larger_than_the_limit(refuse, settings):
    settings.PACKAGE_MAX_UPLOAD_BYTES = 100
    [problem] = refuse(scorm12_package())
    assert "larger than the 100" in problem


def test_no_manifest_at_the_root(refuse):
    [problem] = refuse({"index.html": page("Hello")})
    assert "no imsmanifest.xml (SCORM) or cmi5.xml (cmi5) at the root" in problem


def test_a_manifest_in_a_folder_says_to_zip_the_folder_contents(refuse):
    files = {f"course/{name}": data for name, data in scorm12_package().items()}
    [problem] = refuse(files)
    assert "Found course/imsmanifest.xml: zip the folder's contents, not the folder." in problem


def test_both_manifests(refuse):
    [problem] = refuse({**scorm12_package(), **cmi5_package()})
    assert "both imsmanifest.xml and cmi5.xml" in problem


def test_malformed_xml(refuse):
    [problem] = refuse({"imsmanifest.xml": "<manifest><organizations></manifest>"})
    assert problem.startswith("imsmanifest.xml is not well-formed XML (mismatched tag")


def test_xml_entities_are_refused(refuse):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><manifest>&b;</manifest>'
    )
    [problem] = refuse({"imsmanifest.xml": bomb})
    assert problem == "imsmanifest.xml declares entities or a DTD, which are refused."


@pytest.mark.parametrize("version", ["1.3", "CAM 1.2", "2004 5th Edition"])
def test_a_schema_version_we_do_not_play(refuse, version):
    [problem] = refuse(scorm12_package(schemaversion=version))
    assert problem == (
        f"imsmanifest.xml: schema version “{version}” is not one we play "
        "(SCORM 1.2, or SCORM 2004 2nd, 3rd or 4th Edition)."
    )


def test_the_default_organization_does_not_exist(refuse):
    [problem] = refuse(scorm12_package(default="ORG-MISSING"))
    assert problem == "imsmanifest.xml: the default organization “ORG-MISSING” does not exist."


def test_an_item_refers_to_a_resource_that_does_not_exist(refuse):
    files = scorm12_package()
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(
        'identifierref="RES-SCO-1"', 'identifierref="RES-GONE"'
    )
    problem = _one(refuse(files), "RES-GONE")
    assert problem == (
        "imsmanifest.xml: item “SCO-1” refers to resource “RES-GONE”, which does not exist."
    )


def test_a_launch_file_missing_from_the_zip(refuse):
    files = scorm12_package()
    del files["sco1/index.html"]
    [problem] = refuse(files)
    assert problem == (
        "imsmanifest.xml: the launch file “sco1/index.html” of resource “RES-SCO-1” "
        "is missing from the zip."
    )


def test_every_problem_is_reported_at_once(refuse):
    scos = [("SCO-1", "One", "one.html"), ("SCO-2", "Two", "two.html")]
    files = scorm12_package(scos=scos)
    del files["one.html"]
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(
        'identifierref="RES-SCO-2"', 'identifierref="RES-GONE"'
    )
    problems = refuse(files)
    _one(problems, "“one.html”")
    _one(problems, "“RES-GONE”")
    assert len(problems) == 2


def test_duplicate_identifiers(refuse):
    scos = [("SCO-1", "One", "one.html"), ("SCO-1", "Again", "again.html")]
    problems = refuse(scorm12_package(scos=scos))
    assert "imsmanifest.xml: identifier “SCO-1” is used 2 times." in problems
    assert "imsmanifest.xml: identifier “RES-SCO-1” is used 2 times." in problems


def test_an_absolute_path_in_the_zip(refuse):
    problem = _one(refuse({**scorm12_package(), "/etc/cron.d/evil": "x"}), "/etc/cron.d/evil")
    assert problem == "“/etc/cron.d/evil”: a path in a package may not be absolute."


def test_a_dot_dot_path_in_the_zip(refuse):
    problem = _one(refuse({**scorm12_package(), "sco1/../../evil.html": "x"}), "evil")
    assert problem == "“sco1/../../evil.html”: a path in a package may not contain “..”."


@pytest.mark.parametrize("name", ["sco1\\..\\..\\evil.html", "C:/Windows/evil.html"])
def test_backslashes_and_drive_letters(refuse, name):
    problem = _one(refuse({**scorm12_package(), name: "x"}), "evil")
    assert "may not contain a backslash" in problem or "may not be absolute" in problem


def test_a_symlink_in_the_zip(refuse):
    files = {**scorm12_package(), "sco1/secrets": Member("/etc/passwd", external_attr=SYMLINK)}
    problem = _one(refuse(files), "secrets")
    assert problem == "“sco1/secrets”: a package may not contain symbolic links."


def test_a_name_twice_in_the_zip(refuse):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, data in scorm12_package().items():
            archive.writestr(name, data)
        archive.writestr("sco1/index.html", "another")
    problem = _one(refuse(buffer.getvalue()), "more than once")
    assert problem == "“sco1/index.html” is in the zip more than once."


def test_a_damaged_member_found_while_unpacking_leaves_nothing(refuse):
    data = zip_bytes(
        {**scorm12_package(), "sco1/data.txt": Member("x" * 500, compress_type=zipfile.ZIP_STORED)}
    )
    damaged = data.replace(b"x" * 500, b"y" * 500)
    problem = _one(refuse(damaged), "damaged")
    assert problem.startswith("The zip archive is damaged (Bad CRC-32 for file 'sco1/data.txt'")


def test_a_file_and_a_folder_of_the_same_name(refuse):
    problem = _one(
        refuse({**scorm12_package(), "sco1/x": "a file", "sco1/x/y": "in a folder"}), "x"
    )
    assert problem.startswith("“sco1/x/y” could not be unpacked (")


def test_more_files_than_allowed(refuse, settings):
    settings.PACKAGE_MAX_FILES = 3
    files = {**scorm12_package(), **{f"sco1/{n}.js": "x" for n in range(3)}}
    problem = _one(refuse(files), "files")
    assert problem == "The package has 5 files; at most 3 are allowed."


def test_more_uncompressed_bytes_than_allowed(refuse, settings):
    settings.PACKAGE_MAX_UNCOMPRESSED_BYTES = 2000
    problem = _one(refuse({**scorm12_package(), "sco1/big.js": "x" * 4000}), "unpacks")
    assert problem.startswith("The package unpacks to 4.")
    assert problem.endswith("at most 2.0\xa0KB is allowed.")


def test_a_member_compressed_like_a_zip_bomb(refuse, settings):
    settings.PACKAGE_MAX_RATIO = 50
    problem = _one(refuse({**scorm12_package(), "sco1/zeros.bin": bytes(2 * 1024 * 1024)}), "bomb")
    assert (
        problem
        == "“sco1/zeros.bin” is compressed more than 50 to 1, as in a zip bomb; it is refused."
    )


@pytest.mark.parametrize(
    "url",
    ["ftp://files.example.org/au.html", "javascript:alert(1)", "file:///etc/passwd", "//x/y"],
)
def test_a_cmi5_au_url_neither_relative_nor_http(refuse, url):
    problem = _one(refuse(cmi5_package(cmi5_course(body=cmi5_au(url=url)), urls=[])), url)
    assert problem == (
        f"cmi5.xml: the url “{url}” of AU “https://example.org/courses/equity-basics/au/1” "
        "is neither relative nor an absolute http(s) URL."
    )


def test_a_cmi5_au_url_leaving_the_package(refuse):
    problem = _one(refuse(cmi5_package(cmi5_course(body=cmi5_au(url="../x.html")))), "x.html")
    assert "leaves the package" in problem


def test_a_cmi5_au_without_id_or_url(refuse):
    body = cmi5_au(au_id="", url=None)
    problems = refuse(cmi5_package(cmi5_course(body=body), urls=[]))
    assert "cmi5.xml: an <au> has no id." in problems
    assert "cmi5.xml: AU “(an AU without id)” has no url." in problems


def test_a_cmi5_au_launch_file_missing(refuse):
    problems = refuse(cmi5_package(cmi5_course(), urls=[]))
    assert problems == [
        "cmi5.xml: the launch file “au1/index.html” of AU "
        "“https://example.org/courses/equity-basics/au/1” is missing from the zip."
    ]


def test_cmi5_bad_move_on_mastery_score_and_launch_method(refuse):
    body = cmi5_au(move_on="Finished", mastery_score="80", launch_method="Popup")
    problems = refuse(cmi5_package(cmi5_course(body=body)))
    _one(problems, "unknown moveOn “Finished”")
    _one(problems, "masteryScore")
    _one(problems, "unknown launchMethod “Popup”")


def test_cmi5_duplicate_ids(refuse):
    body = cmi5_au(url="a.html") + cmi5_au(url="b.html")
    problems = refuse(cmi5_package(cmi5_course(body=body), urls=["a.html", "b.html"]))
    assert problems == [
        "cmi5.xml: identifier “https://example.org/courses/equity-basics/au/1” is used 2 times."
    ]


def _scorm2004_with(sequencing: str, *, collection: str = "") -> dict:
    organization = (
        '<organization identifier="ORG-1"><title>T</title>'
        '<item identifier="SCO-1" identifierref="RES-1"><title>One</title>'
        f"{sequencing}</item></organization>"
    )
    manifest = scorm2004_manifest(
        organization=organization,
        resources=scorm2004_sco("RES-1", "one.html"),
        collection=collection,
    )
    return {"imsmanifest.xml": manifest, "one.html": page("One")}


@pytest.mark.parametrize(
    ("sequencing", "what"),
    [
        (
            '<imsss:randomizationControls reorderChildren="true"/>',
            "randomizationControls reorderChildren",
        ),
        ('<imsss:randomizationControls selectCount="2"/>', "randomizationControls selectCount"),
        ('<imsss:limitConditions attemptLimit="2"/>', "limitConditions attemptLimit"),
        (
            '<imsss:limitConditions attemptAbsoluteDurationLimit="PT1H"/>',
            "limitConditions attemptAbsoluteDurationLimit",
        ),
        (
            "<imsss:sequencingRules><imsss:exitConditionRule><imsss:ruleConditions>"
            '<imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>'
            '<imsss:ruleAction action="exit"/></imsss:exitConditionRule></imsss:sequencingRules>',
            "exitConditionRule",
        ),
        (
            "<imsss:sequencingRules><imsss:postConditionRule><imsss:ruleConditions>"
            '<imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>'
            '<imsss:ruleAction action="retry"/></imsss:postConditionRule></imsss:sequencingRules>',
            "postConditionRule",
        ),
        (
            '<adlseq:constrainedChoiceConsiderations preventActivation="true"/>',
            "constrainedChoiceConsiderations",
        ),
        (
            '<adlseq:rollupConsiderations requiredForSatisfied="ifAttempted"/>',
            "rollupConsiderations requiredForSatisfied=ifAttempted",
        ),
        (
            "<imsss:auxiliaryResources/>",
            "auxiliaryResources",
        ),
        (
            '<adlseq:objectives><adlseq:objective objectiveID="x"><adlseq:mapInfo '
            'targetObjectiveID="g" readCompletionStatus="true"/></adlseq:objective>'
            "</adlseq:objectives>",
            "adlseq:objectives",
        ),
        (
            "<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>"
            '<imsss:ruleCondition condition="timeLimitExceeded"/></imsss:ruleConditions>'
            '<imsss:ruleAction action="disabled"/></imsss:preConditionRule>'
            "</imsss:sequencingRules>",
            "precondition “timeLimitExceeded”",
        ),
        (
            "<imsss:rollupRules><imsss:rollupRule><imsss:rollupConditions>"
            '<imsss:rollupCondition condition="objectiveMeasureKnown"/></imsss:rollupConditions>'
            '<imsss:rollupAction action="satisfied"/></imsss:rollupRule></imsss:rollupRules>',
            "rollup condition “objectiveMeasureKnown”",
        ),
    ],
)
def test_sequencing_we_do_not_play(refuse, sequencing, what):
    problems = refuse(_scorm2004_with(f"<imsss:sequencing>{sequencing}</imsss:sequencing>"))
    assert problems == [
        f"imsmanifest.xml: “SCO-1” uses sequencing we do not play ({what}); "
        "the package is refused rather than played wrong."
    ]


def test_unsupported_sequencing_shared_through_the_collection_is_refused_too(refuse):
    files = _scorm2004_with(
        '<imsss:sequencing IDRef="SHARED"/>',
        collection='<imsss:sequencing ID="SHARED"><imsss:limitConditions attemptLimit="1"/>'
        "</imsss:sequencing>",
    )
    _one(refuse(files), "limitConditions attemptLimit")


def test_a_sequencing_reference_to_nothing(refuse):
    problems = refuse(_scorm2004_with('<imsss:sequencing IDRef="NOWHERE"/>'))
    assert problems == [
        "imsmanifest.xml: “SCO-1” refers to sequencing “NOWHERE”, which is not in the "
        "sequencingCollection."
    ]


def test_the_plain_sample_packages_are_not_refused(course, tmp_path):
    """The refusals above are about the flaw each adds, not about the samples."""
    path = zip_write(tmp_path / "fine.zip", sample_files("scorm2004_3rd_sequential"))
    assert package_import(file=path, course=course).package_id
    assert scorm12_manifest()


def test_a_failed_database_write_removes_the_unpacked_files(
    course, package_root, tmp_path, monkeypatch
):
    """When the rows cannot be written (here: a slug another lesson already has), the files
    unpacked for them go too."""
    taken = LessonPage.objects.child_of(course).first().slug
    monkeypatch.setattr("courses.packages.importing._lesson_slug", lambda course, title: taken)
    path = zip_write(tmp_path / "one.zip", scorm12_package())

    with pytest.raises(ValidationError, match="slug"):
        package_import(file=path, course=course)

    assert Package.objects.count() == 0
    assert not any(package_root.iterdir())
