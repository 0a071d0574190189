"""Session limits for everyone, mandatory two-factor authentication for staff."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.urls import reverse

from portal.staff import is_staff_user

from .staff import has_totp, session_passed_mfa

LOGIN_TIME_KEY = "portal_login_at"
# Where portal/urls.py mounts allauth.
ACCOUNT_PREFIX = "/compte/"


class SessionLifetimeMiddleware:
    """End a signed-in session 12 hours after login, however active it has been.

    The 30-minute idle limit is Django's own (SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST);
    the login time is stored by accounts.signals on `user_logged_in`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            logged_in_at = request.session.get(LOGIN_TIME_KEY)
            if logged_in_at is None or time.time() - logged_in_at > settings.SESSION_ABSOLUTE_MAX_AGE:
                logout(request)
                return HttpResponseRedirect(login_url_with_next(request))
        return self.get_response(request)


class StaffMFAMiddleware:
    """A staff session reaches nothing but the account pages until it has used a second factor.

    Without an authenticator the user is sent to set TOTP up; with one, a session that skipped
    the second step (e.g. started before enrolment elsewhere) must reauthenticate with it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not self.is_exempt(request.path_info) and is_staff_user(user):
            if not has_totp(user):
                return self.refuse(request, "mfa_activate_totp")
            if not session_passed_mfa(request):
                return self.refuse(request, "mfa_reauthenticate")
        return self.get_response(request)

    @staticmethod
    def is_exempt(path):
        """allauth's own pages (login, set-up, logout) and what they load: styles, logo, icon.

        Every GET of the set-up page draws a new TOTP secret into the session. An image or a
        stylesheet redirected to it would replace, in the background, the secret whose QR code
        is on screen, and no code would ever be accepted (/theme.css is a view, the logo is
        under MEDIA_URL when Django serves media).
        """
        exempt = [ACCOUNT_PREFIX, settings.STATIC_URL, settings.MEDIA_URL, reverse("theme-css"), "/favicon.ico"]
        return any(path.startswith(prefix) for prefix in exempt)

    @staticmethod
    def refuse(request, url_name):
        """Send a page load to the second-factor step; refuse anything else the browser fetches.

        Only a navigation may reach the set-up page (see `is_exempt`): a sub-resource or a
        script's request (Sec-Fetch-Mode other than "navigate") gets a plain 403 instead.
        """
        mode = request.headers.get("Sec-Fetch-Mode")
        if mode and mode != "navigate":
            return HttpResponseForbidden()
        return redirect_with_next(request, url_name)


def redirect_with_next(request, url_name):
    return HttpResponseRedirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")


def login_url_with_next(request):
    return f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
