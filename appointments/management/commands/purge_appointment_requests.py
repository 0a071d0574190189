"""Delete appointment requests closed more than APPOINTMENTS_RETENTION_MONTHS months ago (cron, daily)."""

from django.core.management.base import BaseCommand

from appointments import services


class Command(BaseCommand):
    help = "Supprime les demandes de rendez-vous clôturées depuis plus de N mois (chiffres anonymes gardés)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien supprimer.")

    def handle(self, *args, dry_run=False, **options):
        months = services.retention_months()
        count = services.purge_expired(months=months, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{count} demande(s) clôturée(s) depuis plus de {months} mois seraient supprimée(s).")
        else:
            self.stdout.write(f"{count} demande(s) clôturée(s) depuis plus de {months} mois supprimée(s).")
