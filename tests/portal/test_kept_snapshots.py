"""The suite's kept demo snapshots (tests/kept_snapshots.py): seeded once, the same rows and files after.

On SQLite and on PostgreSQL (the two ways a copy is kept).
"""

from pathlib import Path

from wagtail.models import Collection

import pytest

from tests import kept_snapshots, snapshots
from tests.conftest import ensure_root


@pytest.fixture
def kept_folder(tmp_path, monkeypatch, settings):
    monkeypatch.setattr(kept_snapshots, "FOLDER", tmp_path / "kept")
    monkeypatch.delitem(snapshots._taken, "probe", raising=False)
    settings.MEDIA_ROOT = tmp_path / "media-first-worker"
    return tmp_path


@pytest.fixture
def build():
    """A stand-in for the demo's seeding: one row and one media file, counting its runs."""
    runs = []

    def seed():
        from django.conf import settings

        runs.append(1)
        Collection.get_first_root_node().add_child(name="Affiches de la saison")
        poster = Path(settings.MEDIA_ROOT) / "documents" / "affiche.txt"
        poster.parent.mkdir(parents=True, exist_ok=True)
        poster.write_bytes(b"Atelier memoire")

    seed.runs = runs
    return seed


def test_a_kept_snapshot_comes_back_in_another_worker_without_seeding_again(
    transactional_db, kept_folder, settings, build
):
    ensure_root()
    snapshots.take("probe", build, "probe-k1")
    assert len(build.runs) == 1
    assert not Collection.objects.filter(name="Affiches de la saison").exists()  # take() undoes the build

    settings.MEDIA_ROOT = kept_folder / "media-second-worker"
    del snapshots._taken["probe"]
    snapshots.take("probe", build, "probe-k1")
    assert len(build.runs) == 1

    snapshots.restore("probe")
    assert Collection.objects.filter(name="Affiches de la saison").count() == 1
    assert (kept_folder / "media-second-worker/documents/affiche.txt").read_bytes() == b"Atelier memoire"


def test_a_different_file_under_the_same_name_makes_the_worker_seed_for_itself(
    transactional_db, kept_folder, settings, build
):
    ensure_root()
    snapshots.take("probe", build, "probe-k1")
    other = kept_folder / "media-other-worker"
    (other / "documents").mkdir(parents=True)
    (other / "documents/affiche.txt").write_bytes(b"une autre affiche")
    settings.MEDIA_ROOT = other
    del snapshots._taken["probe"]

    snapshots.take("probe", build, "probe-k1")

    assert len(build.runs) == 2
    assert (other / "documents/affiche.txt").read_bytes() == b"Atelier memoire"  # its own seeding wrote it


def test_another_key_seeds_again(transactional_db, kept_folder, build):
    ensure_root()
    snapshots.take("probe", build, "probe-k1")
    del snapshots._taken["probe"]
    snapshots.take("probe", build, "probe-k2")
    assert len(build.runs) == 2


def test_the_key_changes_with_the_day_and_the_run(monkeypatch):
    from datetime import date

    first = kept_snapshots.key("fixed_day", date(2027, 3, 20))
    assert first == kept_snapshots.key("fixed_day", date(2027, 3, 20))
    assert first != kept_snapshots.key("fixed_day", date(2027, 3, 21))
    monkeypatch.setenv("PYTEST_XDIST_TESTRUNUID", "run-a")
    today = kept_snapshots.key("today")
    monkeypatch.setenv("PYTEST_XDIST_TESTRUNUID", "run-b")
    assert today != kept_snapshots.key("today")
    monkeypatch.delenv("PYTEST_XDIST_TESTRUNUID")
    assert kept_snapshots.key("today") is None
