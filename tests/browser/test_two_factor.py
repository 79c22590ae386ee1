"""Sign-in pages in a real browser: two-factor set-up and the code page for an ORE account, the
"not answering" page of single sign-on and the "not on the roster" page; each passes axe-core
(no serious or critical violation), reflows at 320 px, and is finished with the keyboard."""

import socket

import pytest

from tests.browser.conftest import AXE, WCAG_TAGS, totp_code, visible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"


def serious_violations(page) -> list[dict]:
    # Evaluated in the page rather than added as a script tag: the site's CSP allows no inline.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;0")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def reflows(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def check(page):
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert reflows(page), page.url
    page.set_viewport_size({"width": 1280, "height": 900})


def type_into(page, label: str, text: str):
    """Tab from the top of the page to the field named `label`, and type."""
    field = page.get_by_label(label)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(40):
        page.keyboard.press("Tab")
        if field.evaluate("el => el === document.activeElement"):
            page.keyboard.type(text)
            return
    raise AssertionError(f"Tab never reached the field {label!r}")


def sign_in_with_password(page, base: str, email: str):
    page.goto(f"{base}/accounts/login/")
    type_into(page, "Email", email)
    type_into(page, "Password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_ore_sets_up_two_factor_then_signs_in_with_a_code_by_keyboard(
    page, live_server, ore, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = True
    sign_in_with_password(page, live_server.url, ore.email)
    page.goto(f"{live_server.url}/analytics/")
    assert page.url.endswith("/accounts/2fa/totp/activate/")
    assert visible(page.get_by_role("heading", name="Set up an authenticator app"))
    check(page)
    secret = page.get_by_label("Secret").input_value()
    type_into(page, "Code from the app", "12")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert visible(page.get_by_role("alert"))  # the error summary
    check(page)
    type_into(page, "Code from the app", totp_code(secret=secret))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/2fa/" in page.url  # the recovery codes
    assert not page.url.endswith("/totp/activate/")  # not the set-up form again
    check(page)

    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    sign_in_with_password(page, live_server.url, ore.email)
    assert page.url.endswith("/accounts/2fa/authenticate/")
    assert visible(page.get_by_role("heading", name="Two-factor authentication"))
    check(page)
    type_into(page, "Code", totp_code(secret=secret))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/learn/")


def test_single_sign_on_down_and_not_on_the_roster_pages(page, live_server, settings, db):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "city",
                    "name": "City single sign-on",
                    "client_id": "equity-lms",
                    "secret": "s3cret",
                    "settings": {"server_url": f"http://127.0.0.1:{closed_port}"},
                }
            ]
        }
    }
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="City single sign-on").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    assert visible(page.get_by_role("heading", name="City single sign-on is not answering"))
    check(page)
    assert visible(page.get_by_role("button", name="Try again"))
    with page.expect_navigation():
        page.get_by_role("link", name="Sign in with your email and password").click()
    assert page.url.endswith("/accounts/login/")

    page.goto(f"{live_server.url}/accounts/signup/")
    assert visible(page.get_by_role("heading", name="Your email is not on the City's roster"))
    check(page)
