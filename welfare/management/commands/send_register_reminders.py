"""The yearly re-confirmation's daily step: reminders, then the "à appeler" flag (cron, daily)."""

from django.core.management.base import BaseCommand

from welfare.services.reconfirmation import send_reminders


class Command(BaseCommand):
    help = (
        "Relance les personnes qui n'ont pas confirmé leur inscription au registre (deux relances), "
        "puis les signale « à appeler ». N'efface personne."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien envoyer.")

    def handle(self, *args, dry_run=False, **options):
        sent = send_reminders(dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                f"Relances à envoyer : {sent.texts} ; personnes à signaler « à appeler » : {sent.flagged}."
            )
            return
        self.stdout.write(f"Relances : {sent.texts} SMS, {sent.letters} courriers à poster.")
        self.stdout.write(f"Personnes signalées « à appeler » : {sent.flagged}.")
