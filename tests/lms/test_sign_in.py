"""Sign-in: email and password, no open signup, reset for roster employees, admin sign-in routed
through allauth (so its rate limits apply), and single sign-on that links to the roster."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import RequestFactory

User = get_user_model()
PASSWORD = "correct-horse-battery"


@pytest.mark.django_db
def test_employee_signs_in_with_email_in_any_case(client, learner):
    response = client.post(
        "/accounts/login/", {"login": learner.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/learn/"
    assert client.get("/learn/").status_code == 200


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client, learner):
    response = client.post("/accounts/login/", {"login": learner.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_employee_who_left_cannot_sign_in(client, learner):
    learner.is_active = False
    learner.save()
    client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert client.get("/learn/").status_code == 302


@pytest.mark.django_db
def test_there_is_no_open_signup(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "stranger@example.com",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert response.status_code == 200
    assert "is not on the City&#x27;s roster" in response.content.decode() or (
        "is not on the City's roster" in response.content.decode()
    )
    assert not User.objects.filter(email="stranger@example.com").exists()


@pytest.mark.django_db
def test_roster_employee_without_password_can_set_one_by_reset(client, department):
    person = User.objects.create_user("new.hire@example.lacity.test", department=department)
    assert not person.has_usable_password()
    client.post("/accounts/password/reset/", {"email": "New.Hire@example.lacity.test"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.hire@example.lacity.test"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_reset_for_unknown_email_sends_no_reset_link(client, db):
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_admin_sign_in_forms_are_routed_through_allauth(client, admin_user, path):
    response = client.post(
        f"{path}?next=/admin/", {"username": admin_user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_failed_sign_ins_are_rate_limited(client, learner, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,3/5m/key"}
    for _ in range(3):
        response = client.post("/accounts/login/", {"login": learner.email, "password": "wrong"})
        assert "not correct" in response.content.decode()
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def _production_rate_limits():
    from lms.settings import base

    return base.ACCOUNT_RATE_LIMITS


def _sign_in(client, email, password, address="203.0.113.7", **headers):
    return client.post(
        "/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=address, **headers
    )


@pytest.mark.django_db
def test_one_person_failing_from_a_shared_address_does_not_lock_out_the_others(
    client, learner, liaison, settings
):
    settings.ACCOUNT_RATE_LIMITS = _production_rate_limits()
    for _ in range(5):
        assert "not correct" in _sign_in(client, learner.email, "wrong").content.decode()

    # The person who failed is locked, even with the right password...
    locked = _sign_in(client, learner.email, PASSWORD)
    assert "Too many failed login attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # ...and a colleague behind the same proxy address still signs in.
    assert _sign_in(client, liaison.email, PASSWORD).status_code == 302
    assert int(client.session["_auth_user_id"]) == liaison.pk


@pytest.mark.django_db
def test_many_failures_from_one_address_are_still_limited(client, learner, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,50/5m/key"}
    for n in range(3):
        _sign_in(client, f"guess{n}@example.lacity.test", "wrong")
    answer = _sign_in(client, learner.email, PASSWORD)
    assert "Too many failed login attempts" in answer.content.decode()


@pytest.mark.django_db
def test_spoofed_forwarded_for_does_not_change_the_address_without_trusted_proxies(
    client, learner, settings
):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,50/5m/key"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for n in range(3):
        _sign_in(
            client, f"guess{n}@example.lacity.test", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
    answer = _sign_in(client, learner.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert "Too many failed login attempts" in answer.content.decode()


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_client_address_is_limited(client, learner, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,50/5m/key"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.5"
    for n in range(3):
        _sign_in(
            client,
            f"guess{n}@example.lacity.test",
            "wrong",
            address=proxy,
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    # Another person behind the same proxy is another address.
    answer = _sign_in(
        client, learner.email, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert answer.status_code == 302
    client.logout()
    # The client who failed is limited, whatever it claims further left in the header.
    again = _sign_in(
        client,
        learner.email,
        PASSWORD,
        address=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.1",
    )
    assert "Too many failed login attempts" in again.content.decode()


@pytest.mark.django_db
def test_fewer_forwarded_addresses_than_trusted_proxies_is_limited_not_a_server_error(
    client, learner, settings
):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,50/5m/key"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    for n in range(3):
        answer = _sign_in(
            client, f"guess{n}@example.lacity.test", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.1"
        )
        assert answer.status_code == 200
    # The nearest forwarded address is the one counted.
    locked = _sign_in(client, learner.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert "Too many failed login attempts" in locked.content.decode()
    other = _sign_in(client, learner.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302


def test_trusted_proxy_count_comes_from_the_environment():
    from lms.settings import base

    assert base.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    limits = base.ACCOUNT_RATE_LIMITS["login_failed"]
    assert "5/5m/key" in limits
    assert "100/5m/ip" in limits


@pytest.mark.django_db
def test_inactive_account_answers_a_right_password_as_a_wrong_one(client, learner):
    import re

    learner.is_active = False
    learner.save()
    right = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    wrong = client.post("/accounts/login/", {"login": learner.email, "password": "not-it"})

    def page(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert right.status_code == wrong.status_code == 200
    assert page(right) == page(wrong)
    assert "not correct" in page(right)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_single_sign_on_links_to_roster_employee_with_same_email(client, learner, settings, rf):
    from allauth.socialaccount.models import SocialAccount

    settings.SOCIALACCOUNT_PROVIDERS = _oidc_settings()
    response = _complete_oidc_login(client, rf, email=learner.email.upper(), subject="idp-123")
    assert response.status_code == 302
    assert SocialAccount.objects.get(uid="idp-123").user == learner
    assert int(client.session["_auth_user_id"]) == learner.pk


@pytest.mark.django_db
def test_single_sign_on_refuses_people_not_in_roster(client, settings, rf, db):
    from allauth.socialaccount.models import SocialAccount

    settings.SOCIALACCOUNT_PROVIDERS = _oidc_settings()
    _complete_oidc_login(client, rf, email="outsider@example.com", subject="idp-999")
    assert not User.objects.filter(email="outsider@example.com").exists()
    assert not SocialAccount.objects.exists()


@pytest.mark.django_db
def test_sign_in_page_offers_single_sign_on_when_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = _oidc_settings()
    html = client.get("/accounts/login/").content.decode()
    assert "City single sign-on" in html


def _oidc_settings():
    return {
        "openid_connect": {
            "EMAIL_AUTHENTICATION": True,
            "APPS": [
                {
                    "provider_id": "city",
                    "name": "City single sign-on",
                    "client_id": "equity-lms",
                    "secret": "s3cret",
                    "settings": {"server_url": "https://idp.example.test"},
                }
            ],
        }
    }


def _complete_oidc_login(client, rf: RequestFactory, *, email: str, subject: str):
    """Drives allauth's real completion step with the identity the IdP would have returned."""
    from allauth.core import context
    from allauth.socialaccount.adapter import get_adapter
    from allauth.socialaccount.helpers import complete_social_login
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/accounts/oidc/city/login/callback/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    with context.request_context(request):
        provider = get_adapter().get_provider(request, "city")
        login = provider.sociallogin_from_response(
            request, {"sub": subject, "email": email, "email_verified": True, "name": "Someone"}
        )
        response = complete_social_login(request, login)
    request.session.save()
    client.cookies["sessionid"] = request.session.session_key
    return response


@pytest.mark.django_db
def test_people_cannot_add_or_swap_email_addresses(client, learner):
    from allauth.account.models import EmailAddress

    client.force_login(learner)
    page = client.get("/accounts/email/")
    assert page.status_code == 404
    assert "comes from the roster" in page.content.decode()
    client.post("/accounts/email/", {"action_add": "", "email": "someone.else@example.lacity.test"})
    assert not EmailAddress.objects.filter(email="someone.else@example.lacity.test").exists()
    learner.refresh_from_db()
    assert learner.email == "learner@example.lacity.test"


@pytest.mark.django_db
def test_wagtail_account_page_does_not_change_the_roster_email(client, ore):
    client.force_login(ore)
    html = client.get("/admin/account/").content.decode()
    assert 'name="name_email-email"' not in html
