from news.notify import send_due_notifications

from ._dry_run import DryRunCommand


class Command(DryRunCommand):
    help = "« Prévenez-moi » : prévient les personnes dont le temps ressources vient d'ouvrir ses inscriptions."

    def act(self):
        return send_due_notifications()

    def report(self, told, dry_run):
        return f"Personnes {'à prévenir' if dry_run else 'prévenues'} : {told}."
