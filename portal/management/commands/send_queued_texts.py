from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.models import OutboundText
from portal.sms import send_queued_texts, waiting_texts


class Command(BaseCommand):
    help = (
        "Envoie les SMS dont l'heure est venue (fin des heures calmes, nouvelle tentative, file de tâches "
        "indisponible). À lancer par cron, toutes les 5 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans envoyer.")
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, dry_run=False, limit=500, **options):
        if dry_run:
            now = timezone.now()
            due = waiting_texts(now).count()
            later = OutboundText.objects.filter(status=OutboundText.Status.PENDING, not_before__gt=now).count()
            self.stdout.write(f"{due} SMS à envoyer maintenant, {later} programmé(s) plus tard.")
            return
        sent, not_sent = send_queued_texts(limit=limit)
        self.stdout.write(f"{sent} SMS envoyé(s), {not_sent} non envoyé(s).")
