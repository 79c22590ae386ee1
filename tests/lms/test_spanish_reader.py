"""A Spanish reader's journey: signing in, and every page that shows English content says so."""

import pytest

PASSWORD = "correct-horse-battery"


def _sign_in(client, user, **headers):
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, headers=headers
    )
    assert response.status_code == 302
    return client.get(response["Location"], headers=headers).content.decode()


@pytest.mark.django_db
def test_signed_in_message_is_in_the_employees_roster_language(client, learner):
    learner.preferred_language = "es"
    learner.save()
    html = _sign_in(client, learner)
    assert "Ha iniciado sesión exitosamente como" in html
    assert "Successfully signed in" not in html


@pytest.mark.django_db
def test_signed_in_message_is_spanish_for_a_spanish_browser(client, learner):
    html = _sign_in(client, learner, accept_language="es")
    assert "Ha iniciado sesión exitosamente como" in html


@pytest.mark.django_db
def test_signed_in_message_follows_the_language_the_person_chose(client, learner):
    learner.preferred_language = "es"
    learner.save()
    client.cookies["django_language"] = "en"
    html = _sign_in(client, learner)
    assert "Successfully signed in" in html
