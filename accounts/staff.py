"""Who counts as staff, and whether this session has passed the second factor."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_passed_mfa(request):
    """True when this session used a second factor.

    Either allauth recorded an "mfa" authentication (login or reauthentication with TOTP or a
    recovery code), or the user enrolled TOTP during this very session, after the password
    step: entering a code from the new authenticator proves possession just the same.
    """
    records = get_authentication_records(request, request.user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    password_times = [record["at"] for record in records if record.get("method") == "password"]
    if not password_times:
        return False
    first_login = min(password_times)
    totp = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).first()
    return bool(totp and totp.created_at.timestamp() >= first_login)
