"""`--dry-run` for the news commands: do everything in a transaction, then roll it back.

Nothing is kept and nothing leaves: the outbox rows vanish with the rollback and the emails and
texts are handed to the task queue only after a commit that never happens.
"""

from django.core.management.base import BaseCommand
from django.db import transaction


class DryRunCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien envoyer ni effacer.")

    def act(self):
        raise NotImplementedError

    def report(self, result, dry_run):
        raise NotImplementedError

    def handle(self, *args, dry_run=False, **options):
        with transaction.atomic():
            result = self.act()
            if dry_run:
                transaction.set_rollback(True)
        self.stdout.write(self.report(result, dry_run))
