"""Remember when a session logged in, for the 12-hour cap (accounts.middleware)."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import LOGIN_TIME_KEY


@receiver(user_logged_in, dispatch_uid="accounts-login-time")
def remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_TIME_KEY] = time.time()
