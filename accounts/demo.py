"""Demo accounts: one staff member per role (two-factor set-up pending) and one resident.

Called by `manage.py seed_demo` as `seed(home)`; idempotent (accounts are looked up by email).
They all share the demo password printed by `manage.py ensure_admin` (`make run`).
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.models import Registration

from . import partner_demo
from .roles import ADMINISTRATION, ANIMATION, COMMUNICATION, SOCIAL, STEERING, apply_roles, name_the_moderation
from .services import ensure_verified_email

DEMO_STAFF = {
    COMMUNICATION: "communication@example.org",
    ANIMATION: "animation@example.org",
    SOCIAL: "accueil-social@example.org",
    ADMINISTRATION: "direction@example.org",
    STEERING: "pilotage@example.org",
}
NAMES = {
    COMMUNICATION: ("Claire", "Martin"),
    ANIMATION: ("Julien", "Moreau"),
    SOCIAL: ("Karim", "Haddad"),
    ADMINISTRATION: ("Hélène", "Garnier"),
    STEERING: ("Pierre", "Lefèvre"),
}
DEMO_RESIDENT = "amina.diallo@example.org"

# Where the generated password of the demo accounts is kept between runs (git-ignored).
PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-admin-password"


def demo_password():
    """The password of the demo accounts: ADMIN_PASSWORD, or one generated once and kept."""
    password = os.environ.get("ADMIN_PASSWORD", "")
    if not password and PASSWORD_FILE.exists():
        password = PASSWORD_FILE.read_text().strip()
    if not password:
        password = secrets.token_urlsafe(12)
        PASSWORD_FILE.write_text(password + "\n")
        PASSWORD_FILE.chmod(0o600)
    return password


def _ensure_user(email, first_name, last_name, username):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            username=username, email=email, password=demo_password(), first_name=first_name, last_name=last_name
        )
    ensure_verified_email(user)
    return user, created


def seed(home):
    created = []
    apply_roles()  # idempotent; the groups exist after migrate, but tests may flush them
    name_the_moderation()  # and the moderation workflow with them
    for role, email in DEMO_STAFF.items():
        first_name, last_name = NAMES[role]
        user, new = _ensure_user(email, first_name, last_name, email.split("@")[0])
        user.groups.add(Group.objects.get(name=role))
        if new:
            created.append(f"compte {role}")
    resident, new = _ensure_user(DEMO_RESIDENT, "Amina", "Diallo", "amina.diallo")
    if new:
        created.append("compte habitante")
    if not Registration.objects.filter(user=resident).exists():
        _book_resident(resident)
    created += partner_demo.seed(_ensure_user)
    return created


def _book_resident(resident):
    """Two upcoming places for the demo resident, so that Mon espace is not empty.

    A phone number only (no email leaves the demo), in the range reserved for fiction.
    """
    from events import services
    from events.models import EventPage

    for slug in ["atelier-cuisine-petit-budget", "groupe-de-parents"]:
        event = EventPage.objects.live().filter(slug=slug).first()
        sessions = services.bookable_sessions(event) if event else []
        if not sessions:
            continue
        attendee = services.Attendee(first_name="Amina", last_name="Diallo", phone="0639980099", adults=1, children=1)
        try:
            services.register(event, [sessions[-1].pk], attendee, user=resident)
        except services.RegistrationError:
            continue
