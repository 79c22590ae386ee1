"""Real-browser journeys: Debian's Chromium driven by Playwright, axe-core injected from npm."""

import os
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server's threads share the test database's one connection (an in-memory SQLite
    database cannot be opened twice), and SQLite refuses two statements at once on it ("bad
    parameter or other API misuse"). A package page loads its scripts and styles in parallel,
    so each request is handled whole, body included, under one lock; connections stay threaded
    (keep-alive), only the application runs one request at a time."""

    _lock = threading.Lock()

    def set_app(self, application):
        lock = self._lock

        def one_at_a_time(environ, start_response):
            with lock:
                result = application(environ, start_response)
                try:
                    return [b"".join(result)]
                finally:
                    if hasattr(result, "close"):
                        result.close()

        super().set_app(one_at_a_time)


LiveServerThread.server_class = _OneRequestAtATimeServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Every Content-Security-Policy violation any page reports during a test (the site's policy is
# enforced in tests too): a test that passes with one is failed.
CSP_VIOLATIONS: list[str] = []
CSP_LISTENER_JS = """document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolation(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'}`
    + ` on ${document.location.pathname} (${event.sourceFile || ''}:${event.lineNumber})`
    + ` ${event.sample || ''}`);
}, true);"""


def watch_csp(context) -> None:
    """Records the CSP violations of every page of `context`, from the DOM event and from the
    console (Chromium also logs the ones no listener sees, such as a frame's)."""

    def report(text: str) -> None:
        CSP_VIOLATIONS.append(text)

    context.expose_function("__cspViolation", report)
    context.add_init_script(CSP_LISTENER_JS)
    context.on(
        "console",
        lambda message: (
            CSP_VIOLATIONS.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )


class CspWatchingBrowser:
    """The browser, every new context of which reports CSP violations."""

    def __init__(self, browser):
        self._browser = browser

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        watch_csp(context)
        return context


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    CSP_VIOLATIONS.clear()
    result = yield
    if CSP_VIOLATIONS:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(CSP_VIOLATIONS))
        )
    return result


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
    # here are ordinary synchronous ones, so Django's async guard would only get in the way.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield CspWatchingBrowser(browser)
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """The WCAG 2.2 A/AA violations axe-core finds on the page as it is now."""
    # Evaluated through the DevTools protocol: a script tag would be refused by the site's CSP.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;0")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def visible(locator, timeout_ms: int = 10_000) -> bool:
    """Whether the locator shows within the timeout. `locator.is_visible()` answers at once, so
    right after a click it races the page still loading; this waits for it, as a reader would."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        locator.wait_for(state="visible", timeout=timeout_ms)
    except PlaywrightTimeout:
        return False
    return True


def sign_in(page, base_url: str, email: str, password: str) -> None:
    """Signs in through the real sign-in form (the one place every browser test signs in)."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()
    # ORE and admin accounts with an authenticator app (the demo's: seed_demo gives them
    # DEMO_TOTP_SECRET) are asked for a code; a code is good once, so wait for the next one.
    for _attempt in range(2):
        if "/accounts/2fa/authenticate/" not in page.url:
            break
        page.get_by_label("Code", exact=True).fill(totp_code(_attempt))
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in", exact=True).click()


def totp_code(wait_periods: int = 0, secret: str | None = None) -> str:
    """The authenticator app's current code for `secret` (default: the demo's), taken with at
    least 15 seconds of its 30 left: the server accepts only the code of the moment (allauth's
    default tolerance), and typing it by keyboard under load takes seconds. `wait_periods`
    waits for the next code (a code is good once)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from django.conf import settings

    if wait_periods or time.time() % 30 > 15:
        time.sleep(30 - time.time() % 30 + 0.5)
    counter = int(time.time()) // 30
    return format_hotp_value(hotp_value(secret or settings.DEMO_TOTP_SECRET, counter))
