from news.digest import send_digests

from ._dry_run import DryRunCommand


class Command(DryRunCommand):
    help = (
        "Envoie le résumé hebdomadaire des nouveaux temps ressources à chaque abonnement confirmé "
        "(rien quand rien n'est nouveau ; une seconde exécution n'envoie rien de plus)."
    )

    def act(self):
        return send_digests()

    def report(self, sent, dry_run):
        return f"Résumés {'à envoyer' if dry_run else 'envoyés'} : {sent}."
