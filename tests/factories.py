"""factory_boy factories for people, departments and courses."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from content.home import HomePage
from courses.compliance.models import Requirement
from courses.learning.models import CourseIndexPage, CoursePage, LessonPage
from lms.users.models import Department, JobClass, LiaisonScope, User


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.LazyAttribute(lambda o: f"Department {o.code}")


class JobClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobClass
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{1000 + n}")
    title = "Management Analyst"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.lacity.test")
    employee_id = factory.Sequence(lambda n: f"{5000000 + n}")
    first_name = factory.Sequence(lambda n: f"Test{n}")
    last_name = "Person"
    department = factory.SubFactory(DepartmentFactory)
    is_active = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class LiaisonScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiaisonScope

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = factory.Sequence(lambda n: f"courses-{n}")


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "A course for the tests."
    estimated_minutes = 20


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(
        lambda: [{"type": "text", "value": "<p>What implicit bias is.</p>"}]
    )


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    course = factory.SubFactory(CoursePageFactory)
    name = factory.Sequence(lambda n: f"Requirement {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    effective_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))


def compliance_refresh(as_of=None):
    """Runs the compliance engine over everyone, as the task would after the test's commit."""
    from courses.compliance.assignments import assignments_refresh

    return assignments_refresh(as_of=as_of or timezone.localdate())


def home_page() -> HomePage:
    from content.site import site_root

    return site_root()


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def course_with_lessons(*, lessons: int = 3, title: str = "Implicit Bias: Foundations"):
    """A published course under the site's course index, with `lessons` published lessons."""
    index = CourseIndexPage.objects.child_of(home_page()).first()
    if index is None:
        index = CourseIndexPage(title="Courses", slug="courses")
        home_page().add_child(instance=index)
        publish(index)
    course = CoursePage(
        title=title,
        slug=f"course-{CoursePage.objects.count() + 1}",
        summary="What implicit bias is and what we can do about it.",
    )
    index.add_child(instance=course)
    publish(course)
    children = []
    for number in range(1, lessons + 1):
        lesson = LessonPage(
            title=f"Lesson {number}",
            slug=f"lesson-{number}",
            body=[{"type": "text", "value": f"<p>Lesson {number} text.</p>"}],
        )
        course.add_child(instance=lesson)
        children.append(publish(lesson))
    return course, children
