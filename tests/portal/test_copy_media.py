"""`copy_media_to_bucket`: one server's MEDIA_ROOT into the shared bucket, safely repeatable."""

import io
import urllib.error
import urllib.request

from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

# SeaweedFS keeps the real time (a Go binary ignores libfaketime): S3 signatures need the same clock.
pytestmark = [pytest.mark.django_db, pytest.mark.real_clock]


@pytest.fixture
def media_root(tmp_path):
    root = tmp_path / "media"
    for name, content in {
        "original_images/logo.png": b"\x89PNG logo",
        "images/logo.max-165x165.png": b"\x89PNG small",
        "documents/guide.pdf": b"%PDF-1.4 guide",
        "documents/.DS_Store": b"not media",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return root


def copy(*args):
    out = io.StringIO()
    call_command("copy_media_to_bucket", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def anonymous_status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_file_is_copied_under_its_own_name_and_a_second_run_copies_nothing(s3_media, media_root):
    assert copy("--source", str(media_root)) == "3 fichier(s) copié(s), 0 déjà présent(s), 0 différent(s)."

    for name in ("original_images/logo.png", "images/logo.max-165x165.png", "documents/guide.pdf"):
        with s3_media.open(name) as copied:
            assert copied.read() == (media_root / name).read_bytes()
    assert not s3_media.exists("documents/.DS_Store")
    assert copy("--source", str(media_root)) == "0 fichier(s) copié(s), 3 déjà présent(s), 0 différent(s)."


def test_the_bucket_is_prepared_with_public_images_and_private_documents(s3_media, media_root):
    copy("--source", str(media_root))
    base = f"{s3_media.endpoint_url}/{s3_media.bucket_name}"

    assert anonymous_status(f"{base}/images/logo.max-165x165.png") == 200
    assert anonymous_status(f"{base}/original_images/logo.png") == 200
    assert anonymous_status(f"{base}/documents/guide.pdf") == 403


def test_a_dry_run_counts_without_copying(s3_media, media_root):
    assert copy("--source", str(media_root), "--dry-run") == "3 fichier(s) à copier, 0 déjà présent(s), 0 différent(s)."
    assert not s3_media.exists("documents/guide.pdf")


def test_a_different_file_under_the_same_name_is_left_alone_and_reported(s3_media, media_root):
    copy("--source", str(media_root))
    (media_root / "documents/guide.pdf").write_bytes(b"%PDF-1.4 a longer, newer guide")

    with pytest.raises(CommandError, match="1 fichier"):
        copy("--source", str(media_root))

    with s3_media.open("documents/guide.pdf") as kept:
        assert kept.read() == b"%PDF-1.4 guide"


def test_into_another_storage_without_s3_too(media_root, tmp_path):
    target = tmp_path / "target"
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(target)}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        assert copy("--source", str(media_root)).startswith("3 fichier(s) copié(s)")

    assert (target / "documents/guide.pdf").read_bytes() == b"%PDF-1.4 guide"


def test_nothing_is_done_when_the_media_storage_is_media_root_itself(settings, media_root):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = media_root

    with pytest.raises(CommandError, match="MEDIA_ROOT lui-même"):
        copy()
