import pytest
from wagtail.models import APIToken

from courses.packages.models import PackageKind
from tests.courses.packages.rows import package_make


def token_for(user) -> str:
    _row, token = APIToken.create_token(user=user, name="tests")
    return token


@pytest.fixture
def lead_token(lead):
    return token_for(lead)


class Api:
    """The test client speaking to /api/ with a bearer token."""

    def __init__(self, client, token: str | None):
        self.client = client
        self.token = token

    def _headers(self) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def get(self, path, data=None):
        return self.client.get(path, data, **self._headers())

    def post(self, path, data=None, *, multipart=False):
        if multipart:
            return self.client.post(path, data, **self._headers())
        return self.client.post(
            path, data or {}, content_type="application/json", **self._headers()
        )


@pytest.fixture
def api(client, lead_token):
    return Api(client, lead_token)


@pytest.fixture
def scorm_package(course):
    return package_make(title="Vendor SCORM", items=("sco-1", "sco-2"), course=course)


@pytest.fixture
def cmi5_package(course):
    return package_make(
        title="Partner cmi5", kind=PackageKind.CMI5, items=("au-1", "au-2"), course=course
    )
