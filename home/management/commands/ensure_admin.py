"""Create the staff account of a development or demo site, and say how to log in."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

# Where the generated password of the demo account is kept between runs (git-ignored).
PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-admin-password"


class Command(BaseCommand):
    help = "Crée le compte administrateur de démonstration (ADMIN_USERNAME / ADMIN_PASSWORD) et l'affiche."

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        email = os.environ.get("ADMIN_EMAIL", "admin@localhost")
        password = os.environ.get("ADMIN_PASSWORD", "")
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            if not password:
                password = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else ""
            if not password:
                password = secrets.token_urlsafe(12)
                PASSWORD_FILE.write_text(password + "\n")
                PASSWORD_FILE.chmod(0o600)
            User.objects.create_superuser(username=username, email=email, password=password)
        elif not password and PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        shown = password or "(défini par ADMIN_PASSWORD ou lors de la création)"
        self.stdout.write(
            f"Administration : {settings.BASE_URL}/admin/  identifiant : {username}  mot de passe : {shown}"
        )
