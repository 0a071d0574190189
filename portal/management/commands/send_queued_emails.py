from django.core.management.base import BaseCommand

from portal.emails import send_queued_emails, waiting_emails


class Command(BaseCommand):
    help = "Envoie les e-mails restés en attente (serveur SMTP indisponible). À lancer par cron."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans envoyer.")
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, dry_run=False, limit=500, **options):
        if dry_run:
            waiting = waiting_emails().count()
            self.stdout.write(f"{waiting} e-mail(s) en attente.")
            return
        sent, waiting = send_queued_emails(limit=limit)
        self.stdout.write(f"{sent} e-mail(s) envoyé(s), {waiting} toujours en attente.")
