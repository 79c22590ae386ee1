"""Every response carries a strict Content-Security-Policy; the admins get their own."""

import pytest


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/glossary/", "/accounts/login/", "/health/"])
def test_public_pages_are_served_with_a_strict_policy(client, url):
    policy = directives(client.get(url)["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]


@pytest.mark.django_db
def test_signed_in_pages_carry_the_policy_too(client, learner):
    client.force_login(learner)
    response = client.get("/learn/")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/", "/django-admin/"])
def test_the_admins_get_their_own_policy(client, admin_user, url):
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    # Wagtail's admin writes inline scripts and styles: allowed there and only there
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_single_sign_on_may_receive_the_sign_in_form():
    from lms.security import content_security_policy

    site, admin = content_security_policy(sign_in_url="https://idp.lacity.test/realms/city")
    assert site["form-action"] == ["'self'", "https://idp.lacity.test"]
    assert admin["form-action"] == ["'self'", "https://idp.lacity.test"]


def test_a_nonce_reaches_templates_and_the_header(rf):
    from django.middleware.csp import ContentSecurityPolicyMiddleware
    from django.template import engines

    template = engines["django"].from_string('<script nonce="{{ csp_nonce }}"></script>')
    request = rf.get("/")

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(template.render({}, request))

    response = ContentSecurityPolicyMiddleware(view)(request)
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in directives(response["Content-Security-Policy"])["script-src"]
