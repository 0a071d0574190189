"""Load the French demo content of a fictional intercommunal social action centre.

Idempotent: every object is looked up by a stable key (slug, name) and created only when
missing, so a second run changes nothing. The data lives in JSON files, `<app>/demo_data/`;
each app reads its own in its `<app>/demo.py` module, whose `seed(home)` returns the labels
of what it created (`home.demo` first, then the other apps in the order of INSTALLED_APPS).
"""

import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from home import demo


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent : une seconde exécution ne change rien)."

    @transaction.atomic
    def handle(self, *args, **options):
        created = []
        home = demo.ensure_home(created)
        demo.ensure_site(home)
        created += demo.seed(home)
        for app_config in apps.get_app_configs():
            if app_config.name != "home" and importlib.util.find_spec(f"{app_config.name}.demo") is not None:
                created += importlib.import_module(f"{app_config.name}.demo").seed(home)
        # Last, so that the home page can point to the agenda and the resources by their slug.
        demo.ensure_home_body(home, created)
        self.stdout.write(
            self.style.SUCCESS(f"Contenu de démonstration : {len(created)} élément(s) créé(s).")
            if created
            else "Contenu de démonstration déjà en place : rien à changer."
        )
