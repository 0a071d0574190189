"""Add the views counted in Redis to the database (cron, every minute; portal/counters.py)."""

from django.core.management.base import BaseCommand

from portal import counters


class Command(BaseCommand):
    help = "Inscrit en base les vues comptées dans Redis (sans Redis, elles y sont déjà)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans inscrire.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = sum(counters.pending().values())
            self.stdout.write(f"Vues à inscrire : {count}.")
        else:
            self.stdout.write(f"Vues inscrites : {counters.write_pending()}.")
