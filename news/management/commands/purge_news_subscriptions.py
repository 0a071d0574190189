from news.privacy import purge

from ._dry_run import DryRunCommand

LABELS = {
    "notify_unconfirmed": "« Prévenez-moi » non confirmés effacés",
    "notify_stale": "« Prévenez-moi » de plus de 12 mois effacés",
    "subscriptions_unconfirmed": "abonnements non confirmés effacés",
    "subscriptions_unanswered": "abonnements sans réponse effacés",
    "subscriptions_asked_again": "abonnements à reconfirmer (message envoyé)",
}


class Command(DryRunCommand):
    help = (
        "Efface les demandes « Prévenez-moi » et les abonnements non confirmés après 7 jours ; "
        "redemande confirmation aux abonnements sans envoi depuis 12 mois, puis les efface."
    )

    def act(self):
        return purge()

    def report(self, counts, dry_run):
        prefix = "À faire : " if dry_run else ""
        return prefix + " ; ".join(f"{LABELS[name]} : {count}" for name, count in counts.items()) + "."
