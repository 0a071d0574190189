"""The indicators page (Wagtail admin) and the residents' feedback form, in Chromium with axe-core."""

import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

import pytest

from events.models import EventSession
from indicators.models import FeedbackLink
from portal.tokens import derive_token, hash_token, new_token_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_cookie(user):
    """A session that already passed the password and TOTP steps (the login flow is tested elsewhere)."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["portal_login_at"] = time.time()
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return session.session_key


def test_the_indicators_page_is_accessible_with_readable_charts(demo, browser_page, django_user_model):
    group = Group.objects.create(name="Pilotage (navigateur)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="view_indicators", content_type__app_label="indicators"),
    )
    user = django_user_model.objects.create_user(
        "lecture-indicateurs", "lecture-indicateurs@example.org", "x", first_name="Anne"
    )
    user.groups.add(group)
    browser_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": signed_in_cookie(user), "url": browser_page.base_url}]
    )
    last_year = timezone.localdate().year - 1
    browser_page.goto(f"/admin/indicateurs/?du={last_year}-01-01&au={last_year}-12-31")
    tab = browser_page.tab
    assert tab.locator("h1").inner_text().strip().startswith("Indicateurs")
    assert tab.locator("svg.ind-chart__svg").count() == 4
    assert tab.locator("table.listing").count() > 15
    browser_page.screenshot("indicators-admin-1280")
    assert browser_page.axe_violations() == []
    # The charts stay readable: each bar's value is written, the year's bars fit the drawing.
    first_chart = tab.locator("svg.ind-chart__svg").first
    assert first_chart.bounding_box()["width"] > 500
    assert first_chart.locator("text").count() > 12


def test_the_feedback_form_is_accessible_empty_and_with_errors(demo, browser_page):
    session = EventSession.objects.filter(end__lt=timezone.now(), status="scheduled").order_by("-end").first()
    token = derive_token(new_token_key(), "feedback")
    FeedbackLink.objects.create(session=session, token_hash=hash_token(token))
    browser_page.goto(f"/avis/{token}/")
    assert "Votre avis sur" in browser_page.tab.locator("h1").inner_text()
    browser_page.check_page("indicators-feedback-form")
    browser_page.tab.get_by_role("button", name="Envoyer mon avis").click()
    browser_page.tab.wait_for_load_state()
    assert browser_page.tab.title().startswith("Erreur : ")
    browser_page.check_page("indicators-feedback-form-errors")
    browser_page.tab.get_by_label("4", exact=True).check()
    browser_page.tab.get_by_role("button", name="Envoyer mon avis").click()
    browser_page.tab.wait_for_url("**/avis/merci/")
    assert "Merci pour votre avis" in browser_page.tab.locator("h1").inner_text()
