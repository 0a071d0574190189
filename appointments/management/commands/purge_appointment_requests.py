"""Delete abandoned answers and the requests closed more than APPOINTMENTS_RETENTION_MONTHS ago (cron).

Answers typed but never sent may live APPOINTMENTS_PENDING_MINUTES at most: run it every ten
minutes (README, cron block).
"""

from django.core.management.base import BaseCommand

from appointments import services


class Command(BaseCommand):
    help = (
        "Supprime les saisies abandonnées et les demandes de rendez-vous clôturées depuis plus de N mois "
        "(chiffres anonymes gardés)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien supprimer.")

    def handle(self, *args, dry_run=False, **options):
        months = services.retention_months()
        minutes = services.pending_minutes()
        pending = services.purge_pending(dry_run=dry_run)
        count = services.purge_expired(months=months, dry_run=dry_run)
        verb = "seraient supprimée(s)" if dry_run else "supprimée(s)"
        self.stdout.write(f"{pending} saisie(s) abandonnée(s) depuis plus de {minutes} minutes {verb}.")
        self.stdout.write(f"{count} demande(s) clôturée(s) depuis plus de {months} mois {verb}.")
