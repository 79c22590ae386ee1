"""The transcript: the learner's own completions (every run), as a page, CSV and PDF."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone
from wagtail.models import Locale

from courses.certificates.services import certificate_revoke
from courses.compliance.models import Exemption
from courses.learner.transcript import transcript_csv_columns, transcript_for_user, transcript_get
from courses.learning.models import CourseCompletion
from courses.learning.services import course_completion_record, course_retake_start, lesson_complete
from courses.sessions.models import Attendance, LiveSession, RegistrationStatus, SessionRegistration
from tests.factories import (
    RequirementFactory,
    UserFactory,
    compliance_refresh,
    course_with_lessons,
)

TRANSCRIPT_URLS = ["/learn/transcript/", "/learn/transcript.csv", "/learn/transcript.pdf"]


@pytest.fixture
def history(learner, course):
    """Two runs of one course (a retake), and one course without certificates."""
    start = timezone.now() - timedelta(days=30)
    first = course_completion_record(user=learner, course=course, as_of=start)
    CourseCompletion.objects.filter(pk=first.pk).update(score=85)
    course_retake_start(user=learner, course=course)
    second = course_completion_record(user=learner, course=course, as_of=start + timedelta(days=10))
    other, _lessons = course_with_lessons(lessons=1, title="Language Access Basics")
    other.has_certificate = False
    other.save_revision().publish()
    third = course_completion_record(user=learner, course=other, as_of=start + timedelta(days=20))
    return [first, second, third]


@pytest.mark.django_db
def test_transcript_lists_every_completion_newest_first_with_retakes(learner, history):
    rows = transcript_for_user(user=learner)
    assert [(row.course_title, row.run) for row in rows] == [
        ("Language Access Basics", 1),
        ("Implicit Bias: Foundations", 2),
        ("Implicit Bias: Foundations", 1),
    ]
    assert rows[2].score == 85
    assert rows[0].certificate is None
    assert rows[1].certificate.code != rows[2].certificate.code
    assert rows[2].certificate_status == "valid"
    assert rows[2].course_version


@pytest.mark.django_db
def test_transcript_shows_nobody_elses_completions(learner, course):
    course_completion_record(user=UserFactory(), course=course)
    assert transcript_for_user(user=learner) == []


@pytest.mark.django_db
def test_transcript_selector_is_one_query(learner, history, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = transcript_for_user(user=learner)
        for row in rows:
            _ = (row.certificate_status, row.course_version, row.is_current)


@pytest.mark.django_db
def test_transcript_page_queries_do_not_grow_with_completions(client, learner, course):
    client.force_login(learner)
    course_completion_record(user=learner, course=course)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/learn/transcript/").status_code == 200
    for _run in range(3):
        course_retake_start(user=learner, course=course)
        course_completion_record(user=learner, course=course)
    with CaptureQueriesContext(connection) as four:
        response = client.get("/learn/transcript/")
    assert response.content.decode().count("View certificate") == 4
    assert len(four) == len(one)


@pytest.mark.django_db
def test_transcript_page_has_dates_scores_and_certificate_links(
    client, learner, history, admin_user
):
    certificate_revoke(certificate=history[0].certificate, by=admin_user, reason="Issued in error.")
    client.force_login(learner)
    content = client.get("/learn/transcript/").content.decode()
    assert "Implicit Bias: Foundations" in content
    assert "Language Access Basics" in content
    assert "85%" in content
    assert f"/learn/certificates/{history[0].certificate.code}/" in content
    assert f"/learn/certificates/{history[1].certificate.code}/" in content
    assert "Revoked" in content
    assert "Valid" in content
    assert "/learn/transcript.csv" in content
    assert "/learn/transcript.pdf" in content
    assert "<caption" in content


@pytest.mark.django_db
def test_transcript_says_when_a_completion_needs_a_retake(client, learner, history, course):
    course.retake_required_since = timezone.now()
    course.save_revision().publish()
    rows = transcript_for_user(user=learner)
    assert [row.is_current for row in rows if row.course_title == course.title] == [False, False]
    client.force_login(learner)
    assert "A newer version requires a retake" in client.get("/learn/transcript/").content.decode()


@pytest.mark.django_db
def test_transcript_csv_has_its_columns_and_one_line_per_completion(client, learner, history):
    client.force_login(learner)
    response = client.get("/learn/transcript.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="transcript-' in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == transcript_csv_columns()
    assert lines[0][:9] == [
        "Course",
        "Attempt",
        "Completed on",
        "Score (%)",
        "Course version",
        "Still counts",
        "Certificate code",
        "Certificate status",
        "Certificate verification URL",
    ]
    assert len(lines) == 4
    oldest = lines[3]
    assert oldest[0] == "Implicit Bias: Foundations"
    assert oldest[1] == "1"
    assert oldest[2] == timezone.localdate(history[0].completed_at).isoformat()
    assert oldest[3] == "85"
    assert oldest[6] == history[0].certificate.code
    assert oldest[7] == "Valid"
    assert oldest[8].endswith(f"/certificates/{history[0].certificate.code}/")
    assert lines[1][3] == ""  # no score
    assert lines[1][6] == ""  # no certificate


@pytest.mark.django_db
def test_transcript_csv_defuses_formulas(client, learner):
    course, _lessons = course_with_lessons(lessons=1, title='=HYPERLINK("http://x")')
    course_completion_record(user=learner, course=course)
    client.force_login(learner)
    text = client.get("/learn/transcript.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


@pytest.mark.django_db
def test_transcript_pdf_is_a_pdf(client, learner, history):
    client.force_login(learner)
    response = client.get("/learn/transcript.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="transcript-' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 1000


@pytest.mark.django_db
def test_empty_transcript_says_so(client, learner):
    client.force_login(learner)
    content = client.get("/learn/transcript/").content.decode()
    assert "You have not completed a course yet." in content
    assert client.get("/learn/transcript.pdf").content.startswith(b"%PDF-")


@pytest.mark.django_db
@pytest.mark.parametrize("url", TRANSCRIPT_URLS)
def test_transcript_needs_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", TRANSCRIPT_URLS)
def test_each_person_gets_only_their_own_transcript(client, learner, history, url):
    someone = UserFactory()
    client.force_login(someone)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content
    for completion in history[:2]:
        assert completion.certificate.code.encode() not in body
    assert b"Implicit Bias" not in body


# --- beside completions: assigned, in progress, sessions attended, exemptions -----------------


def _session(course, *, days: int, **fields):
    starts = timezone.now() + timedelta(days=days)
    return LiveSession.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **{"location": "City Hall East, room 1500", **fields},
    )


@pytest.fixture
def record(learner, course, admin_user):
    """Beside one completion: a course assigned and not started, one in progress, a live
    session attended (and one missed), an exemption."""
    today = timezone.localdate()
    RequirementFactory(course=course, name="Everyone: implicit bias", due_on=today - timedelta(2))
    started, started_lessons = course_with_lessons(lessons=2, title="Language Access Basics")
    RequirementFactory(course=started, name="Language access", due_on=today + timedelta(days=20))
    lesson_complete(user=learner, lesson=started_lessons[0])
    done, _lessons = course_with_lessons(lessons=1, title="Accessible Meetings")
    completion = course_completion_record(user=learner, course=done)
    workshop_course, _lessons = course_with_lessons(lessons=1, title="Everyday Decisions")
    attended = _session(workshop_course, days=-7, title="Workshop at City Hall East")
    missed = _session(workshop_course, days=-3, title="A workshop I missed")
    SessionRegistration.objects.create(
        session=attended,
        user=learner,
        status=RegistrationStatus.REGISTERED,
        attendance=Attendance.PRESENT,
        attended_at=attended.ends_at,
    )
    SessionRegistration.objects.create(
        session=missed,
        user=learner,
        status=RegistrationStatus.REGISTERED,
        attendance=Attendance.ABSENT,
    )
    zoning, _lessons = course_with_lessons(lessons=1, title="Zoning and Equity")
    excused = RequirementFactory(course=zoning, name="Planners: zoning")
    exemption = Exemption.objects.create(
        requirement=excused,
        user=learner,
        reason="Military leave",
        granted_by=admin_user,
        granted_at=timezone.now() - timedelta(days=5),
        until_on=today + timedelta(days=90),
    )
    compliance_refresh()
    return {"completion": completion, "attended": attended, "exemption": exemption}


def _section_rows(soup, heading):
    table = soup.find("h2", string=heading).find_next_sibling()
    table = table if table.name == "table" else table.find("table")
    return [" ".join(tr.get_text(" ").split()) for tr in table.find("tbody").find_all("tr")]


@pytest.mark.django_db
def test_transcript_page_lists_assigned_in_progress_sessions_and_exemptions(
    client, learner, record
):
    client.force_login(learner)
    soup = BeautifulSoup(client.get("/learn/transcript/").content.decode(), "html.parser")
    completed = _section_rows(soup, "Completed courses")
    assert len(completed) == 1
    assert "Accessible Meetings" in completed[0]
    open_rows = _section_rows(soup, "Assigned and in progress")
    assert len(open_rows) == 2
    assert "Implicit Bias: Foundations" in open_rows[0]
    assert "Assigned, not started" in open_rows[0]
    assert "2 days overdue" in open_rows[0]
    assert "0 of 3 lessons done" in open_rows[0]
    assert "Language Access Basics" in open_rows[1]
    assert "In progress" in open_rows[1]
    assert "1 of 2 lessons done" in open_rows[1]
    sessions = _section_rows(soup, "Live sessions attended")
    assert len(sessions) == 1  # the missed one is not attended
    assert "Workshop at City Hall East" in sessions[0]
    assert "Everyday Decisions" in sessions[0]
    assert "City Hall East, room 1500" in sessions[0]
    exemptions = _section_rows(soup, "Exemptions")
    assert len(exemptions) == 1
    until = record["exemption"].until_on
    for text in (
        "Zoning and Equity",
        "Planners: zoning",
        "Military leave",
        formats.date_format(timezone.localdate(record["exemption"].granted_at), "DATE_FORMAT"),
        formats.date_format(until, "DATE_FORMAT"),
        "In force",
    ):
        assert text in exemptions[0], text


@pytest.mark.django_db
def test_transcript_csv_keeps_its_columns_and_adds_each_kind_of_record(client, learner, record):
    client.force_login(learner)
    response = client.get("/learn/transcript.csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:9] == [
        "Course",
        "Attempt",
        "Completed on",
        "Score (%)",
        "Course version",
        "Still counts",
        "Certificate code",
        "Certificate status",
        "Certificate verification URL",
    ]
    assert lines[0][9:] == ["Record", "Date", "Due on", "Until", "Details"]
    today = timezone.localdate()
    by_record = {(line[9], line[0]): line for line in lines[1:]}
    assert set(by_record) == {
        ("Completed", "Accessible Meetings"),
        ("Assigned, not started", "Implicit Bias: Foundations"),
        ("In progress", "Language Access Basics"),
        ("Live session attended", "Everyday Decisions"),
        ("Exemption", "Zoning and Equity"),
    }
    completed = by_record[("Completed", "Accessible Meetings")]
    assert completed[2] == completed[10] == today.isoformat()
    assert completed[6] == record["completion"].certificate.code
    overdue = by_record[("Assigned, not started", "Implicit Bias: Foundations")]
    assert overdue[11] == (today - timedelta(days=2)).isoformat()
    assert "overdue" in overdue[13]
    assert overdue[1:9] == [""] * 8
    assert "1 of 2 lessons done" in by_record[("In progress", "Language Access Basics")][13]
    session = by_record[("Live session attended", "Everyday Decisions")]
    assert session[10] == timezone.localdate(record["attended"].starts_at).isoformat()
    assert "Workshop at City Hall East" in session[13]
    exemption = by_record[("Exemption", "Zoning and Equity")]
    assert exemption[12] == record["exemption"].until_on.isoformat()
    assert "Military leave" in exemption[13]


@pytest.mark.django_db
def test_transcript_pdf_with_every_kind_of_record_is_a_pdf(client, learner, record):
    client.force_login(learner)
    response = client.get("/learn/transcript.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
def test_transcript_queries_do_not_grow_with_records(client, learner, language):
    learner.preferred_language = language
    learner.save()
    client.force_login(learner)
    today = timezone.localdate()

    def add_records():
        course, lessons = course_with_lessons(lessons=2, title="Required")
        requirement = RequirementFactory(course=course, due_on=today - timedelta(days=1))
        lesson_complete(user=learner, lesson=lessons[0])
        done, _lessons = course_with_lessons(lessons=1, title="Done")
        course_completion_record(user=learner, course=done)
        SessionRegistration.objects.create(
            session=_session(course, days=-2),
            user=learner,
            status=RegistrationStatus.REGISTERED,
            attendance=Attendance.PRESENT,
        )
        other, _lessons = course_with_lessons(lessons=1, title="Excused")
        Exemption.objects.create(
            requirement=RequirementFactory(course=other),
            user=learner,
            reason="Leave",
            granted_at=timezone.now(),
        )
        compliance_refresh()
        return requirement

    add_records()
    client.get("/learn/transcript/")
    counts = {}
    for size in (1, 4):
        while Exemption.objects.filter(user=learner).count() < size:
            add_records()
        for url in TRANSCRIPT_URLS:
            # What a process reads once per change of the pages (content.page_cache), read
            # before the count, at each size alike.
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[size, url] = len(queries)
    for url in TRANSCRIPT_URLS:
        assert counts[4, url] == counts[1, url], url


@pytest.mark.django_db
def test_spanish_reader_gets_spanish_titles_and_headers_in_page_and_csv(
    client, learner, record, course
):
    learner.preferred_language = "es"
    learner.save()
    spanish = course.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.title = "Sesgo implícito: fundamentos"
    spanish.save_revision().publish()
    client.force_login(learner)
    soup = BeautifulSoup(client.get("/learn/transcript/").content.decode(), "html.parser")
    translated = soup.find("span", string="Sesgo implícito: fundamentos")
    assert translated is not None
    assert not translated.has_attr("lang")
    untranslated = soup.find("span", string="Language Access Basics")
    assert untranslated["lang"] == "en"
    text = client.get("/learn/transcript.csv").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "Curso"
    assert "Sesgo implícito: fundamentos" in [line[0] for line in lines[1:]]
    assert "Implicit Bias: Foundations" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "most"), [("en", 9), ("es", 15)])
def test_whole_transcript_is_a_fixed_number_of_queries(
    learner, record, language, most, django_assert_max_num_queries
):
    with django_assert_max_num_queries(most):
        transcript = transcript_get(user=learner, as_of=timezone.localdate(), language=language)
    counts = [len(transcript.completions), len(transcript.open), len(transcript.sessions)]
    assert [*counts, len(transcript.exemptions)] == [1, 2, 1, 1]
