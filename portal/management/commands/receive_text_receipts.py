import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Reçoit les accusés de réception des SMS (SMPP) et met à jour leur statut. Processus permanent, "
        "à lancer comme un service à côté de db_worker."
    )

    def handle(self, *args, **options):
        if not settings.SMS_BACKEND.startswith("portal.sms.backends.smpp"):
            self.stdout.write("Pas de fournisseur SMPP configuré (SMS_BACKEND) : rien à recevoir.")
            return
        from portal.sms import receipts

        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write("Réception des accusés de réception… (Ctrl-C pour arrêter)")
        receipts.listen(stop=stop)
        self.stdout.write("Arrêté.")
