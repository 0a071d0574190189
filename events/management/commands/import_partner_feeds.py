"""Import the partners' iCalendar feeds into the agenda (cron): each feed on its own."""

from django.core.management.base import BaseCommand

from events import feed_import
from events.models import PartnerFeed


class Command(BaseCommand):
    help = "Lit les flux iCalendar des partenaires et met l'agenda à jour (un flux en erreur n'arrête pas les autres)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte les flux sans les lire.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"{PartnerFeed.objects.count()} flux à lire.")
            return
        for feed, counts, error in feed_import.import_feeds():
            if error:
                self.stderr.write(f"{feed} : {error}")
            else:
                self.stdout.write(
                    f"{feed} : {counts.created} créé(s), {counts.updated} mis à jour, {counts.cancelled} annulé(s)."
                )
