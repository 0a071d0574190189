from django.core.management.base import BaseCommand

from news.notify import send_due_notifications


class Command(BaseCommand):
    help = "« Prévenez-moi » : prévient les personnes dont le temps ressources vient d'ouvrir ses inscriptions."

    def handle(self, *args, **options):
        told = send_due_notifications()
        self.stdout.write(f"Personnes prévenues : {told}.")
