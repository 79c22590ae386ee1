"""Two-factor authentication (allauth.mfa: TOTP and recovery codes), required of ORE and admin
accounts when MFA_REQUIRED_FOR_STAFF is on (the test settings turn it off; these tests on)."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

PASSWORD = "correct-horse-battery"
SECRET = "EQUITYLMSTESTAUTHENTICATORSECRET"


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


def _sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ore", "admin_user"])
def test_ore_and_admin_without_authenticator_must_set_one_up_before_anything_else(
    client, who, request
):
    user = request.getfixturevalue(who)
    _sign_in(client, user)
    for path in ["/learn/", "/admin/", "/analytics/", "/django-admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/2fa/totp/activate/", path

    page = client.get("/accounts/2fa/totp/activate/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Your role needs two-factor authentication" in html
    secret = client.session["mfa.totp.secret"]
    assert secret in html

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()
    done = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    # Recovery codes come with the authenticator, and everything else opens up.
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get("/learn/").status_code == 200
    # The recovery codes are shown at once, without asking for the password again.
    assert done["Location"] == "/accounts/2fa/recovery-codes/"
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200


@pytest.mark.django_db
def test_two_factor_changes_ask_for_the_password_once_the_sign_in_is_not_recent(
    client, ore, settings
):
    TOTP.activate(ore, SECRET)
    _sign_in(client, ore)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    assert client.get("/accounts/2fa/totp/deactivate/").status_code == 200
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    response = client.get("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


@pytest.mark.django_db
def test_sign_out_is_reachable_while_setting_up(client, ore):
    _sign_in(client, ore)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_ore_with_an_authenticator_is_asked_for_the_code(client, ore):
    TOTP.activate(ore, SECRET)
    response = _sign_in(client, ore)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.get("/learn/").status_code == 302

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200
    right = client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == ore.pk
    assert client.get("/learn/").status_code == 200


@pytest.mark.django_db
def test_learners_and_liaisons_are_not_asked_for_two_factor(client, learner, liaison):
    for user in (learner, liaison):
        assert _sign_in(client, user)["Location"] == "/learn/"
        assert client.get("/learn/").status_code == 200
        client.logout()


@pytest.mark.django_db
def test_requirement_can_be_turned_off(client, ore, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    _sign_in(client, ore)
    assert client.get("/learn/").status_code == 200


@pytest.mark.django_db
def test_setup_page_is_in_spanish(client, ore, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    _sign_in(client, ore)
    html = client.get("/accounts/2fa/totp/activate/").content.decode()
    assert 'lang="es"' in html
    assert "Su función requiere autenticación de dos factores" in html
    assert "Código de la aplicación" in html
    # The page is the site's: header, skip link, main landmark.
    assert 'id="main"' in html
    assert re.search(r'<img[^>]+alt="[^"]*QR[^"]*"', html)


@pytest.mark.django_db
def test_demo_authenticators_use_the_printed_secret(ore, admin_user, learner, settings):
    from lms.users.sign_in import demo_authenticators_ensure

    settings.DEMO_TOTP_SECRET = SECRET
    demo_authenticators_ensure(emails=[ore.email, admin_user.email])
    demo_authenticators_ensure(emails=[ore.email, admin_user.email])  # safe to repeat
    for user in (ore, admin_user):
        (authenticator,) = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
        assert TOTP(authenticator).validate_code(totp_code(SECRET))
    assert not Authenticator.objects.filter(user=learner).exists()
