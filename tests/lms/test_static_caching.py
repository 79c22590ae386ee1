"""Static files in production: hashed names cached for good, plain names for a minute."""

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

from tests.lms.settings_probe import settings_probe
from tests.lms.test_settings import _pem


@pytest.fixture(scope="module")
def production_static():
    """The staticfiles storage and WHITENOISE_MAX_AGE of lms.settings.production."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'storage': settings.STORAGES['staticfiles']['BACKEND'], "
        "'max_age': settings.WHITENOISE_MAX_AGE}))"
    )
    return settings_probe(
        script,
        settings_module="lms.settings.production",
        variables={
            "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-static-files-test-0123456789",
            "CERTIFICATE_SIGNING_KEY": _pem(),
        },
        unset=("STATIC_PLAIN_NAME_MAX_AGE",),
    )


@pytest.fixture
def collected(settings, tmp_path, production_static):
    """One stylesheet collected as production collects it (hashed and compressed copies)."""
    source = tmp_path / "source" / "lms"
    source.mkdir(parents=True)
    (source / "site.css").write_text("body { color: #1a1a1a; }\n" * 50)
    settings.DEBUG = False
    settings.STATICFILES_DIRS = [tmp_path / "source"]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": production_static["storage"]},
    }
    settings.WHITENOISE_MAX_AGE = production_static["max_age"]
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_production_collects_static_files_under_hashed_names(production_static):
    assert production_static["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert production_static["max_age"] == 60


@pytest.mark.django_db
def test_hashed_static_file_is_cached_for_good_and_immutable(collected):
    url = static("lms/site.css")
    assert url != "/static/lms/site.css"  # the content's hash is in the name
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert b"color: #1a1a1a" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_hashed_static_file_is_sent_compressed_to_browsers_that_accept_it(collected):
    response = Client().get(static("lms/site.css"), headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"


@pytest.mark.django_db
def test_static_file_by_its_plain_name_is_cached_for_a_minute_only(collected):
    response = Client().get("/static/lms/site.css")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=60, public"
