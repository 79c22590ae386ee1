"""Importing the sample packages: what each kind's manifest becomes (items, launch URLs, data,
SCORM 2004 sequencing, the cmi5 course structure)."""

from courses.packages.importing import package_files_root, package_import
from tests.courses.packages.builders import sample_zip


def _items(lesson):
    return {item.identifier: item for item in lesson.package.current_version.items.all()}


def test_scorm12_multi_sco_items_keep_their_order_data_and_parameters(course, tmp_path):
    lesson = package_import(file=sample_zip(tmp_path, "scorm12_multi"), course=course)

    version = lesson.package.current_version
    assert (version.kind, version.edition) == ("scorm12", "1.2")
    assert version.identifier == "org.lacity.ore.data-equity"
    items = list(version.items.order_by("order"))
    assert [(i.identifier, i.parent_identifier, i.depth, i.is_launchable) for i in items] == [
        ("CHAPTER-1", "", 0, False),
        ("INTRO", "CHAPTER-1", 1, True),
        ("PRACTICE", "CHAPTER-1", 1, True),
        ("QUIZ", "", 0, True),
        ("HANDOUT", "", 0, True),
    ]
    practice, quiz, handout = items[2], items[3], items[4]
    assert practice.launch_url == "practice/index.html?level=1"
    assert practice.data["data_from_lms"] == "start=3"
    assert practice.data["max_time_allowed"] == "00:30:00"
    assert practice.data["time_limit_action"] == "continue,message"
    assert quiz.data["mastery_score"] == 75.0
    assert handout.data["scorm_type"] == "asset"
    assert handout.data["is_visible"] is False
    # SCORM 1.2 has no sequencing: free choice, previous and next.
    assert quiz.data["sequencing"]["control_mode"]["choice"] is True
    assert quiz.data["sequencing"]["control_mode"]["flow"] is True


def test_scorm2004_3rd_edition_forced_order_and_post_test_rollup(course, tmp_path):
    lesson = package_import(file=sample_zip(tmp_path, "scorm2004_3rd_sequential"), course=course)

    version = lesson.package.current_version
    assert (version.kind, version.edition) == ("scorm2004", "2004 3rd Edition")
    organization = version.structure["organization"]
    assert organization["identifier"] == "FAIR-HIRING"
    sequencing = organization["sequencing"]
    assert sequencing["control_mode"] == {
        "choice": False,
        "choice_exit": True,
        "flow": True,
        "forward_only": False,
    }
    assert sequencing["rollup"]["rules"] == [
        {
            "child_set": "all",
            "min_count": 0,
            "min_percent": 0.0,
            "combination": "any",
            "conditions": [{"condition": "satisfied", "operator": "noOp"}],
            "action": "satisfied",
        },
        {
            "child_set": "any",
            "min_count": 0,
            "min_percent": 0.0,
            "combination": "any",
            "conditions": [{"condition": "satisfied", "operator": "not"}],
            "action": "notSatisfied",
        },
    ]
    items = _items(lesson)
    module1, module2, post_test = items["MODULE-1"], items["MODULE-2"], items["POST-TEST"]
    # The shared sequencing of the collection is merged into the modules...
    for module in (module1, module2):
        assert module.data["sequencing"]["rollup"]["objective_satisfied"] is False
        assert module.data["sequencing"]["delivery"]["completion_set_by_content"] is True
    assert module1.data["sequencing"]["objectives"] == [
        {
            "id": "module1",
            "primary": True,
            "satisfied_by_measure": False,
            "min_normalized_measure": 1.0,
            "map": [
                {
                    "target": "org.lacity.ore.fair-hiring.module1",
                    "read_satisfied": False,
                    "write_satisfied": True,
                    "read_measure": True,
                    "write_measure": False,
                }
            ],
        }
    ]
    # ...and module 2 is disabled until module 1's objective is satisfied.
    assert module2.data["sequencing"]["precondition_rules"] == [
        {
            "action": "disabled",
            "combination": "all",
            "conditions": [
                {"condition": "satisfied", "operator": "not", "objective": "module1-done"}
            ],
        }
    ]
    post = post_test.data["sequencing"]
    assert post["rollup"]["objective_satisfied"] is True
    assert post["objectives"][0]["satisfied_by_measure"] is True
    assert post["objectives"][0]["min_normalized_measure"] == 0.8
    assert post["precondition_rules"][0]["combination"] == "any"
    assert post_test.data["scorm_type"] == "sco"
    assert post_test.launch_url == "posttest/index.html"


def test_scorm2004_4th_edition_bases_parameters_thresholds_and_clusters(course, tmp_path):
    lesson = package_import(file=sample_zip(tmp_path, "scorm2004_4th_sequential"), course=course)

    version = lesson.package.current_version
    assert version.edition == "2004 4th Edition"
    items = _items(lesson)
    lessons, intro, practice, test = (
        items["LESSONS"],
        items["INTRO"],
        items["PRACTICE"],
        items["TEST"],
    )
    assert not lessons.is_launchable
    assert lessons.data["sequencing"]["control_mode"]["forward_only"] is True
    assert intro.launch_url == "content/intro/index.html?part=1"
    assert intro.data["completion_threshold"] == 0.75
    assert intro.data["hide_lms_ui"] == ["continue", "previous"]
    assert practice.launch_url == "content/practice/index.html"
    assert practice.data["data_from_lms"] == "level=2"
    assert [rule["action"] for rule in test.data["sequencing"]["precondition_rules"]] == [
        "disabled",
        "hiddenFromChoice",
    ]
    assert test.data["sequencing"]["delivery"] == {
        "tracked": True,
        "completion_set_by_content": True,
        "objective_set_by_content": True,
    }
    assert (package_files_root(version) / "content" / "intro" / "index.html").is_file()


def test_cmi5_single_au(course, tmp_path):
    lesson = package_import(file=sample_zip(tmp_path, "cmi5_single"), course=course)

    version = lesson.package.current_version
    assert (version.kind, version.edition) == ("cmi5", "cmi5")
    assert lesson.title == "The equity glossary in practice"
    assert version.structure["course"]["title"] == {
        "en-US": "The equity glossary in practice",
        "es-US": "El glosario de equidad en la práctica",
    }
    [au] = version.items.all()
    assert au.is_launchable
    assert au.launch_url == "au/index.html"
    assert au.data["kind"] == "au"
    assert au.data["activity_id"] == "https://lms.lacity.test/packages/equity-glossary/au/1"
    assert au.data["move_on"] == "Completed"
    assert au.data["launch_method"] == "AnyWindow"
    assert au.data["mastery_score"] is None
    assert au.data["title"]["es-US"] == "Términos que compartimos"


def test_cmi5_multi_au_blocks_objectives_and_every_move_on(course, tmp_path):
    lesson = package_import(file=sample_zip(tmp_path, "cmi5_multi"), course=course)

    version = lesson.package.current_version
    items = list(version.items.order_by("order"))
    base = "https://lms.lacity.test/packages/budget-equity/"
    assert [(i.identifier.removeprefix(base), i.depth, i.is_launchable) for i in items] == [
        ("block/basics", 0, False),
        ("au/cycle", 1, True),
        ("au/quiz", 1, True),
        ("block/practice", 0, False),
        ("au/case", 1, True),
        ("au/explain", 1, True),
        ("au/survey", 0, True),
    ]
    aus = [item for item in items if item.is_launchable]
    assert [au.data["move_on"] for au in aus] == [
        "Completed",
        "Passed",
        "CompletedOrPassed",
        "CompletedAndPassed",
        "NotApplicable",
    ]
    basics, cycle, quiz, _practice, case, explain, survey = items
    assert basics.data["kind"] == "block"
    assert basics.data["objectives"] == [base + "objectives/analyse"]
    assert cycle.parent_identifier == base + "block/basics"
    assert quiz.data["mastery_score"] == 0.8
    assert quiz.data["launch_parameters"] == '{"questions": 8}'
    assert quiz.launch_url == "unit2/index.html?mode=quiz"
    assert quiz.data["objectives"] == [base + "objectives/analyse"]
    assert case.data["launch_method"] == "OwnWindow"
    assert case.data["entitlement_key"] == "ore-licence-2026"
    assert explain.data["objectives"] == [base + "objectives/explain"]
    assert survey.launch_url == "https://survey.lacity.test/budget-equity"
    assert [o["id"] for o in version.structure["course"]["objectives"]] == [
        base + "objectives/analyse",
        base + "objectives/explain",
    ]
