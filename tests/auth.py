"""Signing staff in for tests the way the portal requires: password plus a second factor."""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from accounts.services import ensure_verified_email

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def current_code(secret=SECRET, offset=0, valid_for=0):
    """The TOTP code an authenticator app would show now (offset: periods later).

    valid_for: seconds the code must stay valid (a browser still has to type and send it, and
    MFA_TOTP_TOLERANCE is 0): with less left in its 30-second period, wait for the next one.
    """
    left = 30 - time.time() % 30
    if left < valid_for:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def verify_email(user):
    """Staff accounts are created by an administrator; allauth wants the address verified."""
    ensure_verified_email(user)


def enrol_totp(user, secret=SECRET):
    """Give `user` a TOTP authenticator (and recovery codes), as the set-up page does."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing:
        return existing
    totp = TOTP.activate(user, secret).instance
    RecoveryCodes.activate(user)
    return totp


def login_with_second_factor(client, user):
    """Log `user` in on `client` as if they had typed their password and a TOTP code."""
    authenticator = enrol_totp(user)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "username": user.get_username()},
        {"method": "mfa", "at": now, "id": authenticator.pk, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    return client


def assert_admin_refusal(response):
    """The Wagtail admin's refusal: back to the dashboard (302), its message saying why."""
    assert (response.status_code, response.get("Location")) == (302, "/admin/"), (
        response.status_code,
        response.get("Location"),
        response.wsgi_request.path,
    )
