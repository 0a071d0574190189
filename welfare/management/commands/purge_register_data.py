"""Erase the call lists of campaigns closed WELFARE_CALL_LIST_DAYS ago (cron, daily). Figures stay."""

from django.core.management.base import BaseCommand

from welfare.services.campaigns import erase_closed_lists


class Command(BaseCommand):
    help = (
        "Efface les listes d'appels (noms, résultats, notes) des veilles closes depuis WELFARE_CALL_LIST_DAYS "
        "jours ; les chiffres anonymes restent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans effacer.")

    def handle(self, *args, dry_run=False, **options):
        count = erase_closed_lists(dry_run=dry_run)
        verb = "à effacer" if dry_run else "effacée(s)"
        self.stdout.write(f"Listes d'appels de veilles closes {verb} : {count}.")
