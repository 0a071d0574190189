"""Erase registrations' needs, then their names and contact details, after the retention periods (cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from events import retention


class Command(BaseCommand):
    help = (
        "Efface les besoins exprimés EVENTS_NEEDS_RETENTION_DAYS jours après la séance, puis les noms et "
        "coordonnées EVENTS_PERSONAL_RETENTION_MONTHS mois après (les effectifs restent pour les indicateurs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--needs-days", type=int, default=settings.EVENTS_NEEDS_RETENTION_DAYS)
        parser.add_argument("--personal-months", type=int, default=settings.EVENTS_PERSONAL_RETENTION_MONTHS)
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien effacer.")

    def handle(self, *args, needs_days, personal_months, dry_run=False, **options):
        if dry_run:
            needs = retention.needs_to_erase(needs_days=needs_days).count()
            personal = retention.personal_data_to_erase(personal_months=personal_months).count()
            self.stdout.write(f"{needs} inscription(s) dont les besoins seraient effacés, {personal} à anonymiser.")
            return
        needs, personal = retention.purge_registration_data(needs_days=needs_days, personal_months=personal_months)
        self.stdout.write(f"{needs} inscription(s) : besoins effacés. {personal} inscription(s) anonymisée(s).")
