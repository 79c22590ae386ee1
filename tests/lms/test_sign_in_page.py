"""The sign-in page: no invitation to sign up (accounts come from the roster), the way to single
sign-on when it is configured, the password reset, and whom to ask."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse


def _page(client) -> BeautifulSoup:
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_sign_in_page_does_not_invite_people_to_sign_up(client):
    page = _page(client)
    text = page.get_text(" ", strip=True).lower()
    assert "sign up" not in text
    assert not page.find("a", href=reverse("account_signup"))


@pytest.mark.django_db
def test_sign_in_page_links_to_the_password_reset(client):
    page = _page(client)
    link = page.find("a", href=reverse("account_reset_password"))
    assert link is not None
    assert link.get_text(strip=True) == "Forgot your password?"


@pytest.mark.django_db
def test_sign_in_page_says_whom_to_ask(client, settings):
    settings.ROSTER_CONTACT_EMAIL = "ore.lms@example.lacity.test"
    page = _page(client)
    assert page.find("a", href="mailto:ore.lms@example.lacity.test")


@pytest.mark.django_db
def test_sign_in_page_points_to_single_sign_on_when_it_is_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "city",
                    "name": "City single sign-on",
                    "client_id": "equity-lms",
                    "secret": "s3cret",
                    "settings": {"server_url": "http://127.0.0.1:9"},
                }
            ]
        }
    }
    page = _page(client)
    links = [a for a in page.find_all("a") if "City single sign-on" in a.get_text()]
    assert links, page.get_text(" ", strip=True)
    assert "/accounts/oidc/city/login/" in links[0]["href"]
    text = page.get_text(" ", strip=True)
    assert "single sign-on" in text.lower()


@pytest.mark.django_db
def test_sign_in_page_without_single_sign_on_does_not_mention_it(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = _page(client)
    assert "single sign-on" not in page.get_text(" ", strip=True).lower()


@pytest.mark.django_db
def test_sign_in_page_in_spanish_has_no_sign_up_either(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = _page(client)
    assert not page.find("a", href=reverse("account_signup"))
    assert page.find("a", href=reverse("account_reset_password"))
