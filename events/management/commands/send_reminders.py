from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = "Envoie le rappel des séances des prochaines 48 heures (une seule fois par inscription)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=48, help="Fenêtre avant la séance, en heures.")
        parser.add_argument("--dry-run", action="store_true", help="Compte sans envoyer.")

    def handle(self, *args, hours=48, dry_run=False, **options):
        if dry_run:
            count = services.due_reminders(hours_before=hours).count()
            self.stdout.write(f"{count} rappel(s) à envoyer.")
            return
        sent = services.send_reminders(hours_before=hours)
        self.stdout.write(f"{len(sent)} rappel(s) envoyé(s).")
