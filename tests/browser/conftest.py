"""Playwright against Django's live server, with Debian's Chromium, axe-core and screenshots."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
# Screenshots are for people to look at, not assertions: taken when SCREENSHOTS=1
# (`make screenshots`), skipped by `make test` (a full-page PNG costs about as much as an axe run).
TAKE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
WIDTHS = {"desktop": 1280, "mobile": 320}
PHONE_SCREEN = {"width": 320, "height": 640}
# WCAG 2.1 A and AA, as the quality bar asks.
# Only violations come back with their details: passes would be serialised node by node for nothing.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (install Debian's chromium package)"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is a failure, never a skip
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserPage:
    """A Chromium tab on the live server that records CSP violations and console errors."""

    def __init__(self, browser, base_url):
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900}, locale="fr-FR")
        self.tab = self.context.new_page()
        self.csp_violations = []
        self.tab.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp_violations.append(message.text)

    def goto(self, path):
        response = self.tab.goto(self.base_url + path)
        return response

    def set_width(self, name):
        self.tab.set_viewport_size({"width": WIDTHS[name], "height": 900})

    def _axe(self, context=None):
        """axe-core's violations on the current document (injected once per document)."""
        if not self.tab.evaluate("typeof window.axe === 'object'"):
            self.tab.evaluate(AXE_SCRIPT)
        results = self.tab.evaluate(
            "([context, options]) => axe.run(context || document, options)", [context, AXE_OPTIONS]
        )
        return [
            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}) {violation['nodes'][0]['target']}"
            for violation in results["violations"]
        ]

    def axe_violations(self):
        before = len(self.csp_violations)
        violations = self._axe()
        # axe-core itself applies inline styles while measuring some elements (seen on an <img>
        # with an SVG data URI): those reports come from the test tool, not from the page.
        del self.csp_violations[before:]
        return violations

    def admin_axe_violations(self, context="main"):
        """axe on the content the portal writes in an admin page (Wagtail's own chrome is not ours)."""
        # Wagtail's messages fade in: measure colours once those transitions are over (half a
        # second). Its "what's new" badge pings for 25 s: a decoration not worth waiting for.
        self.tab.evaluate(
            "Promise.all(document.getAnimations()"
            ".filter((animation) => animation.effect?.getComputedTiming().endTime <= 2000)"
            ".map((animation) => animation.finished))"
        )
        return self._axe(context)

    def screenshot(self, name):
        save_screenshot(self.tab, name)

    def has_horizontal_scroll(self):
        return self.tab.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")

    def h1_ends_below_the_first_phone_screen(self):
        """At 320 × 640 (a small phone), where the page's h1 ends if it is not in the first screen."""
        self.tab.set_viewport_size(PHONE_SCREEN)
        self.tab.evaluate("window.scrollTo(0, 0)")
        heading = self.tab.locator("h1").first
        box = heading.bounding_box() if heading.count() else None
        bottom = box and box["y"] + box["height"]
        return bottom if bottom and bottom > PHONE_SCREEN["height"] else None

    def check_page(self, name):
        """At 1280 px and 320 px: zero axe violations, no horizontal scroll, a screenshot each;
        and on a 320 × 640 phone the h1 in the first screen (the menu folded behind "Menu")."""
        problems = []
        for width in WIDTHS:
            self.set_width(width)
            self.screenshot(f"{name}-{WIDTHS[width]}")
            problems += [f"[{width}] {v}" for v in self.axe_violations()]
            if self.has_horizontal_scroll():
                problems.append(f"[{width}] horizontal scrolling")
        if bottom := self.h1_ends_below_the_first_phone_screen():
            problems.append(f"[320 x 640] the h1 ends at {bottom:.0f} px, below the first screen")
        self.set_width("desktop")
        assert not problems, "\n".join(problems)
        assert not self.csp_violations, self.csp_violations

    def close(self):
        self.context.close()


def save_screenshot(tab, name):
    """The whole page as tests/browser/screenshots/<name>.png, with SCREENSHOTS=1."""
    if TAKE_SCREENSHOTS:
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def tab_to(tab, predicate_js, limit=120):
    """Press Tab until the focused element (`el`) matches the JS predicate; fail if it never does."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate(f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"):
            return
    raise AssertionError(f"Never reached by keyboard: {predicate_js}")


@pytest.fixture
def browser_page(chromium, live_server):
    tab = BrowserPage(chromium, live_server.url)
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def demo_server(demo_snapshot_today, django_db_blocker):
    """The demo site, copied in once and served by a live server of its own, for tests that only read it.

    Those tests ask for no database fixture (use `demo_page`): pytest-django runs them after
    every database test (its order: database tests, transactional tests, then the rest), when no
    other test needs an empty database any more, and the demo stays for all of them.
    """
    from django.test.testcases import LiveServerThread, _StaticFilesHandler

    from tests import snapshots

    with django_db_blocker.unblock():
        snapshots.restore(demo_snapshot_today)
    server = LiveServerThread("localhost", _StaticFilesHandler)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield f"http://localhost:{server.port}"
    server.terminate()


@pytest.fixture
def demo_page(chromium, demo_server, django_db_blocker):
    """A tab on the shared demo site (see `demo_server`); the test may read the database."""
    with django_db_blocker.unblock():
        tab = BrowserPage(chromium, demo_server)
        yield tab
        tab.close()


@pytest.fixture
def demo(transactional_db, demo_snapshot_today):
    """The full demo site, copied in committed for a browser test that changes it (the live server reads it)."""
    from tests import snapshots

    snapshots.restore(demo_snapshot_today)


STAFF_PASSWORD = "une phrase de passe longue"


@pytest.fixture
def staff_member(transactional_db):
    """make_staff(role, email): a staff member of a role, address verified, TOTP enrolled."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts.roles import apply_roles
    from tests.auth import enrol_totp, verify_email

    def make(role, email="agent@example.org", first_name="Sophie", last_name="Lefèvre"):
        apply_roles()  # transactional tests flush the groups the migration created
        user = get_user_model().objects.create_user(
            email.split("@")[0], email, STAFF_PASSWORD, first_name=first_name, last_name=last_name
        )
        user.groups.add(Group.objects.get(name=role))
        verify_email(user)
        enrol_totp(user)
        return user

    return make


def sign_in_staff(browser_page, user, next_path="/admin/"):
    """Sign in through the login form and the second-factor step, as a staff member does."""
    from tests.auth import current_code

    tab = browser_page.tab
    browser_page.goto(next_path)
    tab.fill("#id_login", user.email)
    tab.fill("#id_password", STAFF_PASSWORD)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    tab.fill("#id_code", current_code(valid_for=5))
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    tab.wait_for_url(f"**{next_path}")
