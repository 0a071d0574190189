"""Staff sign in through allauth only, and never reach the admin without a second factor."""

import re
import time

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from tests.auth import SECRET, current_code, enrol_totp, login_with_second_factor, verify_email

pytestmark = pytest.mark.django_db

PASSWORD = "un mot de passe tres solide"


@pytest.fixture
def staff(django_user_model, site):
    user = django_user_model.objects.create_user("karim", "karim@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Accueil social"))
    verify_email(user)
    return user


def password_login(client, email="karim@example.org", password=PASSWORD, next_url="/admin/"):
    return client.post(f"/compte/login/?next={next_url}", {"login": email, "password": password})


def test_wagtail_login_url_leads_to_allauth_and_cannot_log_in(client, staff):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=%2Fadmin%2Fpages%2F"
    # Posting a password to Wagtail's old form logs nobody in.
    response = client.post("/admin/login/", {"username": "karim", "password": PASSWORD})
    assert response.status_code == 405
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_anonymous_admin_visitors_are_sent_to_the_allauth_login(client, site):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/?next=")


def test_a_password_alone_only_leads_to_the_totp_set_up(client, staff):
    response = password_login(client)
    assert response.status_code == 302
    for url in ["/admin/", "/admin/rendez-vous/", "/admin/inscriptions/", "/mon-espace/", "/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/compte/2fa/totp/activate/"), url
    # allauth asks for the password again before any change to the second factor.
    page = client.get("/compte/2fa/totp/activate/")
    assert page["Location"].startswith("/compte/reauthenticate/")
    client.post(page["Location"], {"password": PASSWORD})
    page = client.get("/compte/2fa/totp/activate/")
    assert page.status_code == 200
    assert "Activer" in page.content.decode()


def test_after_totp_set_up_the_admin_opens_and_the_recovery_codes_are_shown(
    client, staff, django_capture_on_commit_callbacks
):
    password_login(client)
    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    page = client.get("/compte/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page).group(1)

    wrong = client.post("/compte/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=staff).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/2fa/totp/activate/", {"code": current_code(secret, valid_for=2)})
    assert response.status_code == 302
    assert response["Location"] == "/compte/2fa/recovery-codes/"
    codes_page = client.get("/compte/2fa/recovery-codes/").content.decode()
    assert len(re.findall(r"\b\d{8}\b", codes_page)) == 10
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/rendez-vous/").status_code == 200


def test_an_enrolled_staff_member_needs_the_code_at_every_login(client, staff):
    enrol_totp(staff)
    response = password_login(client)
    assert response["Location"] == "/compte/2fa/authenticate/"
    # The password step alone does not sign in.
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/")["Location"].startswith("/compte/login/")

    wrong = client.post("/compte/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    code = current_code(SECRET, valid_for=5)  # the replay below falls in the same period
    response = client.post("/compte/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200

    # The same code, replayed in another browser within its 30 seconds, is refused.
    other = Client()
    password_login(other)
    replay = other.post("/compte/2fa/authenticate/", {"code": code})
    assert replay.status_code == 200
    assert other.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, staff):
    enrol_totp(staff)
    recovery = Authenticator.objects.get(user=staff, type=Authenticator.Type.RECOVERY_CODES)
    code = RecoveryCodes(recovery).get_unused_codes()[0]

    first = Client()
    password_login(first)
    assert first.post("/compte/2fa/authenticate/", {"code": code}).status_code == 302
    assert first.get("/admin/").status_code == 200

    second = Client()
    password_login(second)
    assert second.post("/compte/2fa/authenticate/", {"code": code}).status_code == 200
    assert second.get("/admin/").status_code == 302


def test_a_session_that_skipped_the_second_step_must_reauthenticate(client, staff):
    enrol_totp(staff)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/2fa/reauthenticate/")


def test_wrong_passwords_block_the_account_even_with_the_right_one(client, staff):
    cache.clear()
    for _attempt in range(5):
        response = password_login(client, password="pas le bon mot de passe")
        assert response.status_code == 200
    blocked = password_login(client)
    assert blocked.status_code == 200  # the form again, with allauth's refusal
    assert "Trop de tentatives de connexion échouées" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/compte/login/")
    cache.clear()


def test_staff_sessions_end_after_twelve_hours_even_when_active(client, staff):
    with time_machine.travel(time.time(), tick=False) as traveller:
        login_with_second_factor(client, staff)
        for _hour in range(11):
            traveller.shift(60 * 25)  # active every 25 minutes
            assert client.get("/admin/").status_code == 200
        traveller.shift(60 * 60 * 12)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/login/")


def test_sessions_expire_after_thirty_minutes_idle_and_with_the_browser(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.ACCOUNT_SESSION_REMEMBER is False


def test_an_idle_session_is_over_after_thirty_minutes(client, staff):
    with time_machine.travel(time.time(), tick=False) as traveller:
        login_with_second_factor(client, staff)
        assert client.get("/admin/").status_code == 200
        traveller.shift(31 * 60)
        assert client.get("/admin/").status_code == 302


def test_the_login_page_has_no_remember_me_box(client, site):
    html = client.get("/compte/login/").content.decode()
    assert 'name="remember"' not in html
    assert 'autocomplete="current-password"' in html
