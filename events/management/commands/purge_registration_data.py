from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = (
        "Efface les besoins exprimés 30 jours après la séance, puis les noms et coordonnées 12 mois après "
        "(les effectifs restent pour les indicateurs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--needs-days", type=int, default=30)
        parser.add_argument("--personal-months", type=int, default=12)
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien effacer.")

    def handle(self, *args, needs_days=30, personal_months=12, dry_run=False, **options):
        if dry_run:
            needs = services.needs_to_erase(needs_days=needs_days).count()
            personal = services.personal_data_to_erase(personal_months=personal_months).count()
            self.stdout.write(f"{needs} inscription(s) dont les besoins seraient effacés, {personal} à anonymiser.")
            return
        needs, personal = services.purge_registration_data(needs_days=needs_days, personal_months=personal_months)
        self.stdout.write(f"{needs} inscription(s) : besoins effacés. {personal} inscription(s) anonymisée(s).")
