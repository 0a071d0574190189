"""Delete the answers of public forms abandoned before the check step was sent (cron, every 10 minutes)."""

from django.core.management.base import BaseCommand

from portal import drafts


class Command(BaseCommand):
    help = "Efface les réponses de formulaires abandonnées depuis plus de 30 minutes (FORM_DRAFT_MINUTES)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans effacer.")

    def handle(self, *args, dry_run=False, **options):
        count = drafts.purge(dry_run=dry_run)
        verb = "à effacer" if dry_run else "effacée(s)"
        self.stdout.write(f"Saisies abandonnées {verb} : {count}.")
