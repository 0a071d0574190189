"""Copy the media files of a single server (MEDIA_ROOT) into the shared media storage (S3_BUCKET)."""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Copie les images et documents du dossier MEDIA_ROOT dans le stockage des médias (le bucket S3) : "
        "les fichiers déjà présents sont laissés tels quels. Prépare d'abord le bucket (création, images "
        "publiques, documents privés)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", help="Dossier à copier (par défaut MEDIA_ROOT).")
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien copier.")
        parser.add_argument(
            "--skip-bucket-setup",
            action="store_true",
            help="Ne pas créer le bucket ni écrire sa politique d'accès (gérés ailleurs).",
        )

    def handle(self, *args, source=None, dry_run=False, skip_bucket_setup=False, **options):
        root = Path(source or settings.MEDIA_ROOT).resolve()
        if isinstance(default_storage, FileSystemStorage) and Path(default_storage.location).resolve() == root:
            raise CommandError("Le stockage des médias est MEDIA_ROOT lui-même : définissez d'abord S3_BUCKET.")
        if not root.is_dir():
            raise CommandError(f"Aucun dossier de médias à {root}.")
        if not dry_run and not skip_bucket_setup and hasattr(default_storage, "ensure_bucket"):
            default_storage.ensure_bucket()
        copied = present = conflicts = 0
        for path in sorted(root.rglob("*")):
            if not path.is_file() or any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            name = path.relative_to(root).as_posix()
            if default_storage.exists(name):
                if default_storage.size(name) == path.stat().st_size:
                    present += 1
                else:
                    conflicts += 1
                    self.stderr.write(f"Un autre fichier porte déjà ce nom dans le stockage, laissé tel quel : {name}")
                continue
            copied += 1
            if not dry_run:
                self._copy(path, name)
        verb = "à copier" if dry_run else "copié(s)"
        self.stdout.write(f"{copied} fichier(s) {verb}, {present} déjà présent(s), {conflicts} différent(s).")
        if conflicts:
            raise CommandError(f"{conflicts} fichier(s) diffèrent de la copie du stockage : voir ci-dessus.")

    @staticmethod
    def _copy(path, name):
        with path.open("rb") as handle:
            saved = default_storage.save(name, File(handle, name=name))
        if saved != name:
            default_storage.delete(saved)
            raise CommandError(f"Le stockage a renommé {name} en {saved} : copie arrêtée.")
