"""City single sign-on against a real OpenID Connect provider on 127.0.0.1
(tests/lms/oidc_provider.py): roster emails are verified so linking keeps passwords, an
identity provider that is down or unverified emails get a clear page, and people not on the
roster are told whom to contact."""

import logging
import socket
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from lms.users.services import roster_import
from lms.users.synthetic import write_roster_csv
from tests.lms.oidc_provider import oidc_provider, sign_in_through_provider

__all__ = ["oidc_provider"]

User = get_user_model()
PASSWORD = "correct-horse-battery"


def _roster(tmp_path: Path, *people: dict) -> None:
    rows = [
        {
            "employee_id": person["employee_id"],
            "first_name": "Ana",
            "last_name": "Reyes",
            "email": person["email"],
            "department_code": "GSD",
            "department_name": "General Services",
            "status": "active",
        }
        for person in people
    ]
    path = tmp_path / "roster.csv"
    write_roster_csv(path, rows)
    report = roster_import(path=path)
    assert report.applied, report.lines()


@pytest.mark.django_db
def test_roster_import_records_emails_as_verified_and_follows_changes(tmp_path):
    _roster(tmp_path, {"employee_id": "1001", "email": "ana.reyes@example.lacity.test"})
    person = User.objects.get(employee_id="1001")
    address = EmailAddress.objects.get(user=person)
    assert (address.email, address.verified, address.primary) == (
        "ana.reyes@example.lacity.test",
        True,
        True,
    )

    _roster(tmp_path, {"employee_id": "1001", "email": "ana.reyes2@example.lacity.test"})
    assert list(EmailAddress.objects.filter(user=person).values_list("email", "verified")) == [
        ("ana.reyes2@example.lacity.test", True)
    ]


@pytest.mark.django_db
def test_first_single_sign_on_of_roster_employee_keeps_their_password(
    client, oidc_provider, tmp_path
):
    _roster(tmp_path, {"employee_id": "1001", "email": "ana.reyes@example.lacity.test"})
    person = User.objects.get(employee_id="1001")
    person.set_password(PASSWORD)
    person.save()

    response = sign_in_through_provider(
        client,
        oidc_provider,
        sub="idp-1001",
        email="Ana.Reyes@example.lacity.test",
        email_verified=True,
    )

    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/learn/"
    assert SocialAccount.objects.get(uid="idp-1001").user == person
    assert int(client.session["_auth_user_id"]) == person.pk
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    client.logout()
    answer = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert answer.status_code == 302
    # The token endpoint was really called, with PKCE and the client's secret.
    assert "/token" in oidc_provider.requests


def _unavailable_page(response) -> str:
    html = response.content.decode()
    assert response.status_code == 503
    assert "City single sign-on is not answering" in html
    assert "Try again" in html
    assert 'href="/accounts/login/"' in html
    return html


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_identity_provider_refusing_connections_gets_a_clear_page_and_a_log_line(
    client, settings, learner, caplog
):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "city",
                    "name": "City single sign-on",
                    "client_id": "equity-lms",
                    "secret": "s3cret",
                    "settings": {"server_url": f"http://127.0.0.1:{_closed_port()}"},
                }
            ]
        }
    }
    with caplog.at_level(logging.WARNING, logger="lms.users"):
        response = client.post("/accounts/oidc/city/login/")
    _unavailable_page(response)
    assert any("identity provider unavailable" in r.getMessage() for r in caplog.records)
    # The rest of the site is up, and password sign-in still works.
    assert client.get("/health/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
    answer = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert answer.status_code == 302


@pytest.mark.django_db
def test_identity_provider_that_never_answers_times_out_to_a_clear_page(client, settings):
    settings.SOCIALACCOUNT_REQUESTS_TIMEOUT = 1
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # accepts connections, never answers
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": "city",
                        "name": "City single sign-on",
                        "client_id": "equity-lms",
                        "secret": "s3cret",
                        "settings": {"server_url": f"http://127.0.0.1:{silent.getsockname()[1]}"},
                    }
                ]
            }
        }
        response = client.post("/accounts/oidc/city/login/")
    html = _unavailable_page(response)
    assert "sign in with your email and password" in html.lower()


@pytest.mark.django_db
def test_identity_provider_answering_500_on_discovery_gets_a_clear_page(
    client, oidc_provider, caplog
):
    oidc_provider.fail_with = 500
    with caplog.at_level(logging.WARNING, logger="lms.users"):
        response = sign_in_through_provider(client, oidc_provider, sub="x", email="a@b.test")
    _unavailable_page(response)
    assert oidc_provider.requests == ["/.well-known/openid-configuration"]


@pytest.mark.django_db
def test_identity_provider_answering_500_on_token_gets_a_clear_page(
    client, oidc_provider, learner, caplog
):
    oidc_provider.fail_with = 502
    oidc_provider.fail_paths = {"/token"}
    with caplog.at_level(logging.WARNING, logger="lms.users"):
        response = sign_in_through_provider(
            client, oidc_provider, sub="idp-1", email=learner.email, email_verified=True
        )
    _unavailable_page(response)
    assert "_auth_user_id" not in client.session
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "identity provider unavailable" in logged
    assert learner.email not in logged
    assert learner.last_name not in logged


@pytest.mark.django_db
def test_unverified_provider_email_is_not_linked_to_the_roster_employee(
    client, oidc_provider, learner
):
    learner.set_password(PASSWORD)
    learner.save()
    response = sign_in_through_provider(
        client, oidc_provider, sub="idp-evil", email=learner.email, email_verified=False
    )
    assert response.status_code == 403
    assert "has not verified your email address" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session
    learner.refresh_from_db()
    assert learner.check_password(PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Your email address is not on the City's roster"),
        ("es", "Su correo electrónico no está en la lista de personal de la Ciudad"),
    ],
)
def test_person_not_on_the_roster_is_told_what_happened_and_whom_to_contact(
    client, oidc_provider, settings, language, said
):
    settings.ROSTER_CONTACT_EMAIL = "ore.lms@example.lacity.test"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = sign_in_through_provider(
        client, oidc_provider, sub="idp-out", email="outsider@example.com", email_verified=True
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert said in html
    assert "mailto:ore.lms@example.lacity.test" in html
    assert not User.objects.filter(email="outsider@example.com").exists()
    assert not SocialAccount.objects.exists()

    # The closed signup form says the same.
    html = client.get("/accounts/signup/").content.decode()
    assert said in html
    assert "mailto:ore.lms@example.lacity.test" in html


@pytest.mark.django_db
def test_migration_records_existing_accounts_emails_as_verified(learner, admin_user):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("lms.users.migrations.0004_verified_roster_emails")
    EmailAddress.objects.create(user=learner, email="old@example.lacity.test", verified=False)
    migration.verify_emails(apps, None)
    migration.verify_emails(apps, None)  # safe to repeat
    assert set(EmailAddress.objects.values_list("user_id", "email", "verified", "primary")) == {
        (learner.pk, learner.email, True, True),
        (admin_user.pk, admin_user.email, True, True),
    }
