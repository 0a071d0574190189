"""Send the reminder of the sessions starting within EVENTS_REMINDER_HOURS hours, once each (cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from events import reminders


class Command(BaseCommand):
    help = "Envoie le rappel des séances des prochaines heures (EVENTS_REMINDER_HOURS, une fois par inscription)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=settings.EVENTS_REMINDER_HOURS, help="Fenêtre avant la séance, en heures."
        )
        parser.add_argument("--dry-run", action="store_true", help="Compte sans envoyer.")

    def handle(self, *args, hours, dry_run=False, **options):
        if dry_run:
            count = len(reminders.due_reminders(hours_before=hours))
            self.stdout.write(f"{count} rappel(s) à envoyer.")
            return
        sent = reminders.send_reminders(hours_before=hours)
        self.stdout.write(f"{len(sent)} rappel(s) envoyé(s).")
