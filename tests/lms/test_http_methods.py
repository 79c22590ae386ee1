"""Methods outside what the site serves are refused with 405 and an Allow header, on any URL."""

import pytest

URLS = ["/health/", "/", "/glossary/", "/accounts/login/", "/learn/", "/admin/", "/no-such-page/"]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT", "PROPFIND", "FOO", "GETX"])
@pytest.mark.parametrize("url", URLS)
def test_unknown_methods_answer_405_with_allow(client, method, url):
    response = client.generic(method, url)
    assert response.status_code == 405, (method, url, response.status_code)
    allowed = {m.strip() for m in response["Allow"].split(",")}
    assert {"GET", "HEAD"} <= allowed
    assert method not in allowed


@pytest.mark.django_db
def test_trace_on_health_is_refused_even_when_signed_in(client, learner):
    client.force_login(learner)
    response = client.generic("TRACE", "/health/")
    assert response.status_code == 405


@pytest.mark.django_db
def test_a_class_based_view_lists_its_own_methods(client):
    # allauth's sign-in is a FormView (GET, POST, and the PUT Django's form views alias to POST);
    # a health check is a function view: the methods an HTML page handles
    response = client.generic("TRACE", "/accounts/login/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS, POST, PUT"
    assert client.generic("TRACE", "/health/")["Allow"] == "GET, HEAD, OPTIONS, POST"


@pytest.mark.django_db
def test_ordinary_methods_still_reach_their_views(client):
    assert client.get("/health/").status_code == 200
    assert client.head("/health/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200


@pytest.mark.django_db
def test_a_get_of_the_admin_sign_out_leaves_the_editor_signed_in(client, ore):
    client.force_login(ore)
    response = client.get("/admin/logout/")
    assert response.status_code == 405
    assert client.get("/admin/").status_code == 200
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/").status_code == 302
