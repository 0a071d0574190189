from django.core.management.base import BaseCommand

from news.digest import send_digests


class Command(BaseCommand):
    help = (
        "Envoie le résumé hebdomadaire des nouveaux temps ressources à chaque abonnement confirmé "
        "(rien quand rien n'est nouveau ; une seconde exécution n'envoie rien de plus)."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Résumés envoyés : {sent}.")
