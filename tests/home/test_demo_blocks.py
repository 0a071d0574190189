"""The demo's data files and the builders that turn their compact blocks into StreamField data."""

import json
from types import SimpleNamespace

import pytest

from home.demo_blocks import BLOCKS, data_path, fill, read_data, stream

DATA_FILES = [
    ("home", "site.json"),
    ("events", "events.json"),
    ("events", "venues.json"),
    ("resources", "resources.json"),
    ("resources", "partners.json"),
    ("appointments", "appointments.json"),
    ("indicators", "season.json"),
]


def bodies_blocks(value):
    """Every block of every body (`body`, `home_body`) anywhere in a data file."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("body", "home_body"):
                yield from item
            else:
                yield from bodies_blocks(item)
    elif isinstance(value, list):
        for item in value:
            yield from bodies_blocks(item)


@pytest.mark.parametrize(("app", "name"), DATA_FILES)
def test_every_data_file_reads_and_uses_only_known_blocks(app, name):
    data = read_data(app, name)  # placeholders filled: an unknown one raises

    assert all(block["type"] in BLOCKS for block in bodies_blocks(data))


def test_placeholders_come_from_the_organisation_and_the_files_own_texts():
    events = read_data("events", "events.json")

    assert events["contact_defaults"]["phone"] == "03 53 01 42 10"
    assert (
        events["events"][2]["registration_info"]
        == "Inscription conseillée au 03 53 01 42 10, surtout si votre proche doit être accueilli"
    )
    assert "texts" not in events
    assert fill(["{a} et {{b}}", {"k": 1}], {"a": "x"}) == ["x et {b}", {"k": 1}]


def test_an_unknown_placeholder_names_the_file(tmp_path, monkeypatch):
    (tmp_path / "demo_data").mkdir()
    (tmp_path / "demo_data" / "broken.json").write_text('{"title": "Appelez le {telephone}"}')
    monkeypatch.setattr("home.demo_blocks.data_path", lambda app, name: tmp_path / "demo_data" / name)
    monkeypatch.setattr("home.demo_blocks.organisation", lambda: {"phone": "03 53 01 42 10"})

    with pytest.raises(ValueError, match="broken.json"):
        read_data("home", "broken.json")


def test_the_data_files_sit_next_to_their_app():
    assert all(data_path(app, name).is_file() for app, name in DATA_FILES)
    assert str(data_path("events", "events.json")).endswith("events/demo_data/events.json")


def test_compact_blocks_become_streamfield_data():
    contacts = {"accueil": {"name": "Accueil", "phone": "03 53 01 42 10", "email": "a@b.example"}}
    pages = {"contact": SimpleNamespace(pk=7)}

    data = json.loads(
        stream(
            [
                {"type": "heading", "text": "Titre"},
                {"type": "heading", "text": "Sous-titre", "level": "h2"},
                {"type": "paragraph", "text": ["Un.", "Deux."]},
                {"type": "list", "items": ["a", "b"]},
                {"type": "callout", "kind": "tip", "text": "Bon à savoir."},
                {"type": "accordion", "title": "FAQ", "items": [{"question": "Q ?", "answer": "R."}]},
                {"type": "steps", "steps": [{"title": "Étape", "text": "Texte."}, {"title": "Seule"}]},
                {"type": "contact", "contact": "accueil", "hours": "Lundi"},
                {
                    "type": "video",
                    "title": "V",
                    "url": "https://v.example/1",
                    "duration": "4 min",
                    "transcript": ["T."],
                },
                {"type": "links", "links": [{"title": "Contact", "page": "contact"}, {"title": "X", "page": "agenda"}]},
                {"type": "featured", "title": "À la une", "pages": ["contact"]},
            ],
            contacts=contacts,
            pages=pages,
            heading_level="h3",
        )
    )

    assert [block["type"] for block in data] == [
        "heading", "heading", "paragraph", "paragraph", "callout", "accordion", "steps", "contact", "video", "links",
        "featured",
    ]  # fmt: skip
    values = [block["value"] for block in data]
    assert values[0] == {"text": "Titre", "level": "h3"} and values[1]["level"] == "h2"
    assert values[2] == "<p>Un.</p><p>Deux.</p>" and values[3] == "<ul><li>a</li><li>b</li></ul>"
    assert values[4] == {"kind": "tip", "title": "", "text": "<p>Bon à savoir.</p>"}
    assert values[5] == {"title": "FAQ", "items": [{"question": "Q ?", "answer": "<p>R.</p>"}]}
    assert values[6]["steps"] == [{"title": "Étape", "text": "<p>Texte.</p>"}, {"title": "Seule", "text": ""}]
    assert values[7] == {
        "name": "Accueil",
        "address": "",
        "phone": "03 53 01 42 10",
        "email": "a@b.example",
        "hours": "Lundi",
    }
    assert values[8] == {
        "title": "V", "video_file": None, "captions": None, "video_url": "https://v.example/1", "duration": "4 min",
        "transcript": "<p>T.</p>",
    }  # fmt: skip
    # A link to a page the seed did not create (no agenda) is left out.
    assert values[9]["links"] == [{"title": "Contact", "page": 7, "url": "", "description": ""}]
    assert values[10] == {"title": "À la une", "pages": [7]}


@pytest.mark.django_db
def test_the_demo_home_replaces_wagtails_welcome_page_and_its_site():
    from wagtail.models import Page, Site

    from home.demo import ensure_home, ensure_site
    from home.models import HomePage
    from tests.conftest import ensure_root

    # What Wagtail's migrations leave (the test database starts without it: tests/conftest.py).
    welcome = ensure_root().add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)

    created = []
    home = ensure_home(created)
    site = ensure_site(home)

    assert isinstance(home, HomePage) and created == [home.title]
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert (site.hostname, site.port, site.root_page_id) == ("localhost", 80, home.pk)
    assert Site.objects.count() == 1
