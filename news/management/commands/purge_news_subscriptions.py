from django.core.management.base import BaseCommand

from news.privacy import purge


class Command(BaseCommand):
    help = (
        "Efface les demandes « Prévenez-moi » et les abonnements non confirmés après 7 jours ; "
        "redemande confirmation aux abonnements sans envoi depuis 12 mois, puis les efface."
    )

    def handle(self, *args, **options):
        counts = purge()
        self.stdout.write(" ; ".join(f"{name} : {count}" for name, count in counts.items()))
