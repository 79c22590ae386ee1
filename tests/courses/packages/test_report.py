"""ORE's package report: the figures, the item analysis, the CSV downloads, who may see them,
and a fixed number of queries whatever the number of attempts."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.packages.models import PackageKind
from courses.packages.report import item_analysis, package_report
from tests.courses.packages.rows import (
    attempt_add,
    au_state_add,
    package_make,
    registration_add,
    version_add,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(course):
    return package_make(title="Vendor SCORM", items=("sco-1", "sco-2"), course=course)


def _people(count):
    return [UserFactory() for _ in range(count)]


def _scorm_attempts(package, people):
    """Four learners: two passed (scores 95 and 85), one failed (40), one still going."""
    a, b, c, d = people
    attempt_add(
        user=a,
        package=package,
        completion="completed",
        success="passed",
        score_scaled=0.95,
        seconds=600,
        answers=[("q1", "a", "correct"), ("q2", "true", "correct")],
    )
    attempt_add(
        user=b,
        package=package,
        completion="completed",
        success="passed",
        score_raw=17,
        score_max=20,
        seconds=1200,
        answers=[("q1", "a", "correct"), ("q2", "false", "incorrect")],
    )
    attempt_add(
        user=c,
        package=package,
        completion="completed",
        success="failed",
        score_raw=40,
        seconds=300,
        answers=[("q1", "b", "incorrect"), ("q2", "false", "incorrect")],
    )
    attempt_add(
        user=d, package=package, completion="incomplete", seconds=60, answers=[("q1", "c", "wrong")]
    )
    attempt_add(user=a, package=package, item_identifier="sco-2", completion="completed", seconds=0)


def test_scorm_figures(package):
    _scorm_attempts(package, _people(4))
    report = package_report(package=package)
    assert report.attempts == 5
    assert report.learners == 4
    assert report.completed == 4
    assert report.completion_rate == 80.0
    assert report.passed == 2
    assert report.failed == 1
    assert report.success_rate == pytest.approx(66.7)
    assert report.scored == 3
    counts = {band.low: band.count for band in report.bands}
    assert counts[90] == 1  # 95 (scaled 0.95)
    assert counts[80] == 1  # 17 of 20
    assert counts[40] == 1  # raw 40 (SCORM 1.2's 0-100)
    assert sum(counts.values()) == 3
    assert report.bands[-1].high == 100
    assert report.mean_score == pytest.approx((95 + 85 + 40) / 3, abs=0.1)
    # Time: 60, 300, 600, 1200 s recorded (an attempt without time leaves it out).
    assert report.timed == 4
    assert report.median_seconds == 300
    assert report.p90_seconds == 1200
    assert [(item.identifier, item.attempts) for item in report.items] == [
        ("sco-1", 4),
        ("sco-2", 1),
    ]


def test_scorm_12_lesson_status_counts(package):
    """SCORM 1.2 keeps passed/failed in lesson_status (completion_status here)."""
    one, two = _people(2)
    attempt_add(user=one, package=package, completion="passed")
    attempt_add(user=two, package=package, completion="failed")
    report = package_report(package=package)
    assert (report.completed, report.passed, report.failed) == (2, 1, 1)


def test_item_analysis(package):
    _scorm_attempts(package, _people(4))
    q1, q2 = item_analysis(package=package)
    assert (q1.interaction_id, q1.answers, q1.learners, q1.correct) == ("q1", 4, 4, 2)
    assert q1.incorrect == 2  # "wrong" (1.2) and "incorrect" (2004) alike
    assert q1.percent_correct == 50.0
    assert [(r.text, r.count) for r in q1.responses] == [("a", 2), ("b", 1), ("c", 1)]
    assert q1.description == "Question q1"
    assert q1.item_title == "Item sco-1"
    assert (q2.interaction_id, q2.answers, q2.correct) == ("q2", 3, 1)
    assert [(r.text, r.count) for r in q2.responses] == [("false", 2), ("true", 1)]


def test_item_analysis_keeps_the_three_most_common_responses(package):
    people = _people(7)
    for person, response in zip(people, "aabbbcd", strict=True):
        attempt_add(user=person, package=package, answers=[("q1", response, "neutral")])
    [question] = item_analysis(package=package)
    assert [(r.text, r.count) for r in question.responses] == [("b", 3), ("a", 2), ("c", 1)]
    assert question.percent_correct == 0.0


def test_per_version(package):
    first = package.current_version
    one, two = _people(2)
    attempt_add(user=one, package=package, completion="completed", answers=[("q1", "a", "correct")])
    second = version_add(package, items=("sco-1",))
    attempt_add(
        user=two, package=package, completion="incomplete", answers=[("q1", "b", "incorrect")]
    )
    assert package_report(package=package).attempts == 2
    only_first = package_report(package=package, version=first)
    assert (only_first.attempts, only_first.completed) == (1, 1)
    assert [q.correct for q in only_first.questions] == [1]
    only_second = package_report(package=package, version=second)
    assert (only_second.attempts, only_second.completed) == (1, 0)
    assert [v.number for v in only_second.versions] == [2, 1]


def test_an_empty_package(package):
    report = package_report(package=package)
    assert report.attempts == 0
    assert report.completion_rate is None
    assert report.median_seconds is None
    assert report.questions == []


def test_cmi5_figures(course):
    package = package_make(
        title="cmi5", kind=PackageKind.CMI5, items=("au-1", "au-2"), course=course
    )
    one, two, three = _people(3)
    first = registration_add(user=one, package=package)
    au_state_add(
        registration=first, item_identifier="au-1", completed=True, passed=True, score_scaled=0.9
    )
    au_state_add(registration=first, item_identifier="au-2", waived=True)
    second = registration_add(user=two, package=package)
    au_state_add(
        registration=second, item_identifier="au-1", completed=True, failed=True, score_scaled=0.3
    )
    registration_add(user=three, package=package)
    report = package_report(package=package)
    assert report.is_cmi5
    assert (report.attempts, report.learners) == (3, 2)
    assert (report.completed, report.passed, report.failed, report.waived) == (2, 1, 1, 1)
    assert report.satisfied == 3
    assert report.success_rate == 50.0
    counts = {band.low: band.count for band in report.bands}
    assert (counts[90], counts[30]) == (1, 1)
    assert [(item.identifier, item.attempts, item.waived) for item in report.items] == [
        ("au-1", 2, 0),
        ("au-2", 1, 1),
    ]


# --- query counts ----------------------------------------------------------------------------


def _queries(work) -> int:
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


@pytest.mark.parametrize("kind", [PackageKind.SCORM2004, PackageKind.CMI5])
def test_the_report_takes_the_same_queries_for_3_or_30_attempts(course, kind):
    items = ("au-1",) if kind == PackageKind.CMI5 else ("sco-1",)
    package = package_make(kind=kind, items=items, course=course)

    def add(count):
        for n, person in enumerate(_people(count)):
            if kind == PackageKind.CMI5:
                registration = registration_add(user=person, package=package)
                au_state_add(registration=registration, completed=True, score_scaled=n / 30)
            else:
                attempt_add(
                    user=person,
                    package=package,
                    score_scaled=n / 30,
                    seconds=n + 1,
                    answers=[("q1", str(n % 4), "correct"), (f"q{n}", "x", "wrong")],
                )

    add(3)
    few = _queries(lambda: package_report(package=package))
    add(27)
    many = _queries(lambda: package_report(package=package))
    assert few == many
    assert many <= 9


def test_the_pages_take_the_same_queries_for_3_or_30_attempts(client, course, analyst):
    package = package_make(course=course)
    client.force_login(analyst)
    url = reverse("courses_package_report", args=[package.pk])

    def add(count):
        for n, person in enumerate(_people(count)):
            attempt_add(
                user=person,
                package=package,
                score_scaled=n / 30,
                seconds=n + 1,
                answers=[("q1", str(n % 4), "correct")],
            )

    add(3)
    client.get(url)  # the admin's own first-request lookups
    pages = (
        url,
        reverse("courses_package_report_index"),
        reverse("courses_package_report_items_csv", args=[package.pk]),
        reverse("courses_package_report_attempts_csv", args=[package.pk]),
    )

    def load():
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200
            b"".join(response.streaming_content) if response.streaming else response.content

    few = _queries(load)
    add(27)
    assert _queries(load) == few


# --- the pages: who may see them, what they show ----------------------------------------------


@pytest.fixture
def person(request, learner, liaison, editor, analyst, lead, ore, admin_user):
    return {
        "anonymous": None,
        "learner": learner,
        "liaison": liaison,
        "ORE editor": editor,
        "ORE analyst": analyst,
        "ORE lead": lead,
        "ORE (all three)": ore,
        "superuser": admin_user,
    }[request.param]


PAGES = [
    ("courses_package_report_index", False),
    ("courses_package_report", True),
    ("courses_package_report_items_csv", True),
    ("courses_package_report_attempts_csv", True),
]


@pytest.mark.parametrize(
    ("person", "allowed"),
    [
        ("anonymous", False),
        ("learner", False),
        ("liaison", False),
        ("ORE editor", False),
        ("ORE analyst", True),
        ("ORE lead", True),
        ("ORE (all three)", True),
        ("superuser", True),
    ],
    indirect=["person"],
)
@pytest.mark.parametrize(("name", "takes_package"), PAGES)
def test_who_may_see_the_package_report(client, package, person, allowed, name, takes_package):
    if person is not None:
        client.force_login(person)
    url = reverse(name, args=[package.pk] if takes_package else [])
    response = client.get(url)
    if allowed:
        assert response.status_code == 200
    elif person is None:
        assert response.status_code == 302
        assert "login" in response["Location"]
    else:
        # No admin access at all: Wagtail sends them to its sign-in; admin access without the
        # report's permission: Wagtail sends them to its dashboard ("no permission").
        assert response.status_code == 302
        assert response["Location"] == "/admin/" or response["Location"].startswith("/admin/login/")


def test_the_report_page_names_no_one(client, package, analyst):
    people = _people(4)
    _scorm_attempts(package, people)
    client.force_login(analyst)
    response = client.get(reverse("courses_package_report", args=[package.pk]))
    html = response.content.decode()
    for person in people:
        assert person.email not in html
        assert person.first_name not in html
    assert "Vendor SCORM" in html
    assert "80.0%" in html  # completion rate
    assert "<caption" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html
    assert "Question q1" in html


def test_the_report_of_one_version(client, package, analyst):
    attempt_add(user=UserFactory(), package=package, completion="completed")
    version_add(package, items=("sco-1",))
    client.force_login(analyst)
    url = reverse("courses_package_report", args=[package.pk])
    assert client.get(url, {"version": "1"}).context["report"].attempts == 1
    assert client.get(url, {"version": "2"}).context["report"].attempts == 0
    assert client.get(url).context["report"].attempts == 1
    assert client.get(url, {"version": "7"}).status_code == 404
    bad = client.get(url, {"version": "seven"})
    assert bad.status_code == 400
    assert client.get(url, {"nonsense": "1"}).status_code == 400


def test_unknown_package_is_404(client, analyst):
    client.force_login(analyst)
    assert client.get(reverse("courses_package_report", args=[999999])).status_code == 404


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_item_analysis_csv(client, package, analyst):
    _scorm_attempts(package, _people(4))
    attempt_add(
        user=UserFactory(),
        package=package,
        answers=[('=HYPERLINK("http://evil")', "+1", "correct")],
    )
    client.force_login(analyst)
    response = client.get(reverse("courses_package_report_items_csv", args=[package.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    header, *lines = rows
    assert header[:4] == ["Item", "Item title", "Interaction", "Type"]
    by_id = {line[2]: line for line in lines}
    assert by_id["q1"][header.index("Answers")] == "4"
    assert by_id["q1"][header.index("% correct")] == "50.0"
    assert by_id["q1"][header.index("Response 1")] == "a"
    # A formula in a package's interaction id or response stays text.
    assert '\'=HYPERLINK("http://evil")' in by_id
    assert by_id['\'=HYPERLINK("http://evil")'][header.index("Response 1")] == "'+1"


def test_attempts_summary_csv(client, package, analyst):
    _scorm_attempts(package, _people(4))
    client.force_login(analyst)
    response = client.get(
        reverse("courses_package_report_attempts_csv", args=[package.pk]), {"version": "1"}
    )
    header, *lines = _csv(response)
    assert header[:3] == ["Version", "Item", "Item title"]
    assert [line[1] for line in lines] == ["", "sco-1", "sco-2"]
    total = lines[0]
    assert total[header.index("Attempts")] == "5"
    assert total[header.index("Learners")] == "4"
    assert total[header.index("Median time (s)")] == "300.0"
    for line in lines:
        assert "@example.lacity.test" not in ",".join(line)


def test_cmi5_aus_never_opened_are_not_attempts(course, client, analyst):
    """A registration makes a state for every AU at once: only launched ones, or ones with a
    result, count."""
    from courses.packages.cmi5.launch import au_launch_url
    from courses.packages.models import Cmi5AuState

    package = package_make(
        title="cmi5", kind=PackageKind.CMI5, items=("au-1", "au-2", "au-3"), course=course
    )
    learner = UserFactory()
    lesson = package.lessons.get()
    au_launch_url(
        user=learner, lesson=lesson, item=package.current_version.items.get(identifier="au-2")
    )
    assert Cmi5AuState.objects.count() == 3
    report = package_report(package=package)
    assert (report.attempts, report.learners) == (1, 1)
    assert [item.identifier for item in report.items] == ["au-2"]
    client.force_login(analyst)
    [row] = client.get(reverse("courses_package_report_index")).context["packages"]
    assert (row.cmi5_attempts, row.cmi5_learners) == (1, 1)


def _cmi5_session_statements(package, learner, *, answers, seconds):
    """A launch of au-1 as a quiz AU sends it: initialized, one answered statement per
    (question, response, success), terminated with the session's duration."""
    from courses.packages.cmi5 import vocab
    from courses.packages.cmi5.launch import au_launch_url
    from courses.packages.cmi5.services import au_activity_id, publisher_id
    from courses.packages.models import Cmi5Session
    from courses.xapi.agents import actor_for_user
    from courses.xapi.credentials import credential_issue
    from courses.xapi.store import statements_store

    item = package.current_version.items.get(identifier="au-1")
    au_launch_url(user=learner, lesson=package.lessons.get(), item=item)
    session = Cmi5Session.objects.filter(registration__user=learner).latest("created_at")
    credential, _token = credential_issue(
        user=learner, registration=session.registration_id, session_id=session.id
    )

    def statement(verb, obj, *, category=True, result=None):
        context = {
            "registration": str(session.registration_id),
            "extensions": {vocab.EXT_SESSION_ID: str(session.id)},
            "contextActivities": {"grouping": [{"id": publisher_id(item)}]},
        }
        if category:
            context["contextActivities"]["category"] = [{"id": vocab.CATEGORY_CMI5}]
        made = {
            "actor": actor_for_user(learner),
            "verb": {"id": verb},
            "object": obj,
            "context": context,
        }
        if result:
            made["result"] = result
        return made

    au = {"id": au_activity_id(item), "objectType": "Activity"}
    statements = [statement(vocab.VERB_INITIALIZED, au)]
    for question, response, success in answers:
        statements.append(
            statement(
                "http://adlnet.gov/expapi/verbs/answered",
                {
                    "id": f"https://example.org/quiz/{question}",
                    "objectType": "Activity",
                    "definition": {
                        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                        "interactionType": "choice",
                        "description": {"en-US": f"Question {question}"},
                    },
                },
                category=False,
                result={"response": response, "success": success},
            )
        )
    statements.append(statement(vocab.VERB_TERMINATED, au, result={"duration": f"PT{seconds}S"}))
    statements_store(statements=statements, credential=credential)


def test_cmi5_time_and_item_analysis_from_the_statements(course):
    package = package_make(title="cmi5 quiz", kind=PackageKind.CMI5, items=("au-1",), course=course)
    one, two, three = _people(3)
    _cmi5_session_statements(
        package, one, seconds=120, answers=[("q1", "b", True), ("q2", "yes", False)]
    )
    _cmi5_session_statements(
        package, two, seconds=600, answers=[("q1", "c", False), ("q1", "b", True)]
    )
    _cmi5_session_statements(package, three, seconds=300, answers=[("q1", "b", True)])
    report = package_report(package=package)
    assert (report.timed, report.median_seconds, report.p90_seconds) == (3, 300, 600)
    by_id = {question.interaction_id: question for question in report.questions}
    q1 = by_id["https://example.org/quiz/q1"]
    assert (q1.answers, q1.learners, q1.correct, q1.incorrect) == (4, 3, 3, 1)
    assert q1.percent_correct == 75.0
    assert [(r.text, r.count) for r in q1.responses] == [("b", 3), ("c", 1)]
    assert q1.item_identifier == "au-1"
    assert q1.item_title == "Item au-1"
    assert q1.interaction_type == "choice"
    assert q1.description == "Question q1"
    q2 = by_id["https://example.org/quiz/q2"]
    assert (q2.answers, q2.correct, q2.incorrect) == (1, 0, 1)


def test_cmi5_report_queries_do_not_grow_with_sessions(course):
    package = package_make(title="cmi5 quiz", kind=PackageKind.CMI5, items=("au-1",), course=course)
    people = _people(6)
    _cmi5_session_statements(package, people[0], seconds=60, answers=[("q1", "a", True)])
    few = _queries(lambda: package_report(package=package))
    for n, person in enumerate(people[1:]):
        _cmi5_session_statements(
            package,
            person,
            seconds=60 + n,
            answers=[("q1", "abcd"[n % 4], n % 2 == 0), (f"q{n}", "x", False)],
        )
    assert _queries(lambda: package_report(package=package)) == few


def test_the_report_of_a_cmi5_package(client, course, analyst):
    package = package_make(title="cmi5 quiz", kind=PackageKind.CMI5, items=("au-1",), course=course)
    one, two = _people(2)
    _cmi5_session_statements(package, one, seconds=95, answers=[("q1", "=1+1", True)])
    _cmi5_session_statements(package, two, seconds=65, answers=[("q1", "b", False)])
    client.force_login(analyst)
    html = client.get(reverse("courses_package_report", args=[package.pk])).content.decode()
    assert "Per AU" in html
    assert "0:01:05" in html  # the median session, h:mm:ss
    assert "https://example.org/quiz/q1" in html
    assert one.email not in html
    rows = _csv(client.get(reverse("courses_package_report_items_csv", args=[package.pk])))
    header, line = rows
    assert line[header.index("Answers")] == "2"
    assert "'=1+1" in line  # a response that looks like a formula stays text


@pytest.mark.parametrize(("who", "shown"), [("analyst", True), ("editor", False)])
def test_the_reports_menu_offers_packaged_courses(client, analyst, editor, who, shown):
    client.force_login({"analyst": analyst, "editor": editor}[who])
    html = client.get("/admin/").content.decode()
    assert (reverse("courses_package_report_index") in html) is shown
