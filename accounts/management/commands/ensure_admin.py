"""Create the staff account of a development or demo site, and say how to log in."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_RESIDENT, DEMO_STAFF, demo_password
from accounts.services import ensure_verified_email


class Command(BaseCommand):
    help = "Crée le compte administrateur de démonstration (ADMIN_EMAIL / ADMIN_PASSWORD) et affiche les connexions."

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        email = os.environ.get("ADMIN_EMAIL", "admin@example.org")
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = demo_password()
        if user is None:
            user = User.objects.create_superuser(username=username, email=email, password=password)
        ensure_verified_email(user)
        self.stdout.write(
            f"Connexion : {settings.BASE_URL}/compte/login/  (mot de passe de démonstration : {password})"
        )
        self.stdout.write("Double authentification (application TOTP) demandée à la première connexion du personnel.")
        self.stdout.write(f"  Administration (superutilisateur) : {user.email}")
        for role, staff_email in DEMO_STAFF.items():
            if User.objects.filter(email__iexact=staff_email).exists():
                self.stdout.write(f"  {role} : {staff_email}")
        if User.objects.filter(email__iexact=DEMO_RESIDENT).exists():
            self.stdout.write(f"  Habitante (Mon espace) : {DEMO_RESIDENT}")
