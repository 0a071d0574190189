from django.core.management.base import BaseCommand

from indicators import services


class Command(BaseCommand):
    help = "Envoie, une seule fois par inscription, le questionnaire d'avis après une séance qui a eu lieu."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans envoyer.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = len(services.due_feedback())
            self.stdout.write(f"{count} questionnaire(s) à envoyer.")
            return
        sent = services.send_feedback_requests()
        self.stdout.write(f"{sent} questionnaire(s) envoyé(s).")
