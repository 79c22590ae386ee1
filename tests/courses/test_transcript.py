"""The transcript: the learner's own completions (every run), as a page, CSV and PDF."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.certificates import certificate_revoke
from courses.models import CourseCompletion
from courses.services import course_completion_record, course_retake_start
from courses.transcript import transcript_csv_columns, transcript_for_user
from tests.factories import UserFactory, course_with_lessons

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
    assert lines[0] == [
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
