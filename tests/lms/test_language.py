"""Language access: Spanish throughout, chosen with the switcher or from the roster."""

import pytest


@pytest.mark.django_db
def test_language_switcher_turns_pages_spanish(client, learner, requirement):
    client.force_login(learner)
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/learn/"})
    assert response.status_code == 302
    html = client.get("/learn/").content.decode()
    assert '<html lang="es">' in html
    assert "Mi aprendizaje" in html


@pytest.mark.django_db
def test_roster_preferred_language_is_used_until_the_person_chooses(client, learner, requirement):
    learner.preferred_language = "es"
    learner.save()
    client.force_login(learner)
    assert "Mi aprendizaje" in client.get("/learn/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/learn/"})
    assert "My learning" in client.get("/learn/").content.decode()


@pytest.mark.django_db
def test_every_page_has_a_skip_link_and_a_main_landmark(client, learner, requirement, lessons):
    client.force_login(learner)
    for url in ["/", "/learn/", requirement.course.url, lessons[0].url]:
        html = client.get(url).content.decode()
        assert 'href="#main"' in html, url
        assert '<main id="main"' in html, url
