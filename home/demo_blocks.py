"""What every app's demo loader shares: its data files, StreamField blocks and pages.

Each app keeps its demo content as data in `<app>/demo_data/*.json` and a small loader,
`<app>/demo.py`, whose `seed(home)` creates what is missing and returns the labels of what it
created (see `manage.py seed_demo`). The loaders use:

- `read_data(app_label, name)`: one data file, placeholders filled in (see below);
- `stream(blocks, ...)`: a compact list of blocks turned into StreamField data;
- `ensure_page(parent, model, slug, **fields)`: a page looked up by slug, created if missing.

Placeholders: in every string of a data file, `{name}` is replaced by a field of the demo
organisation (`home/demo_data/site.json`: `{phone}`, `{email}`, `{address}`...) or by an entry of
the file's own top-level `"texts"` mapping, which may itself use the organisation's fields. A
literal brace is written twice (`{{`), as in `str.format`.

Blocks: each block is an object whose `type` is the name of a StreamField block, and whose other
keys are that block's fields, written as simply as possible. A "text" is one paragraph (a string)
or several (a list of strings); strings may hold inline HTML (`<a href>`, `<strong>`).

    {"type": "heading", "text": "Qui sommes-nous ?"}              level: "h2" unless given
    {"type": "paragraph", "text": ["Premier paragraphe.", "Second."]}
    {"type": "list", "items": ["Un", "Deux"]}                     a paragraph holding a bulleted list
    {"type": "callout", "kind": "tip", "title": "", "text": "..."}   kind: info, warning or tip
    {"type": "accordion", "title": "Questions fréquentes", "items": [{"question": "...", "answer": "..."}]}
    {"type": "steps", "title": "Les étapes", "steps": [{"title": "...", "text": "..."}]}   text optional
    {"type": "contact", "contact": "accueil"}                     a named contact, fields may be overridden
    {"type": "contact", "name": "...", "address": "...", "phone": "...", "email": "...", "hours": "..."}
    {"type": "video", "title": "...", "url": "https://...", "duration": "4 min", "transcript": ["..."]}
    {"type": "intro", "text": "..."}                              home page only, like the next two
    {"type": "links", "title": "...", "links": [{"title": "...", "page": "contact", "description": "..."}]}
    {"type": "featured", "title": "...", "pages": ["le-cias", "accessibilite"]}
    {"type": "accessibility_audit"}                               the statement's results, from home/audit/

Pages are named by their slug; a link to a page the seed did not create is left out.
"""

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps


def data_path(app_label, name):
    """The path of one demo data file of an app: `<app>/demo_data/<name>`."""
    return Path(apps.get_app_config(app_label).path) / "demo_data" / name


@functools.cache
def organisation():
    """The fictional organisation of the demo (name, address, phone, email...), from `home`'s data."""
    with data_path("home", "site.json").open(encoding="utf-8") as file:
        return json.load(file)["organisation"]


def read_data(app_label, name):
    """One demo data file of an app, its placeholders filled in; its `"texts"` are left out."""
    path = data_path(app_label, name)
    with path.open(encoding="utf-8") as file:
        data = json.load(file)
    names = dict(organisation())
    try:
        names.update(fill(data.pop("texts", {}), names))
        return fill(data, names)
    except (KeyError, ValueError) as error:
        raise ValueError(f"{path}: unknown placeholder or stray brace ({error})") from error


def fill(value, names):
    """`value` with `{name}` replaced by `names[name]` in every string it holds (keys excepted)."""
    if isinstance(value, str):
        return value.format_map(names)
    if isinstance(value, dict):
        return {key: fill(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, names) for item in value]
    return value


def ensure_page(parent, model, slug, **fields):
    """The child of `parent` with this slug and whether it was created (and published) just now."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


# --- Rich text --------------------------------------------------------------------------------


def paragraphs(text):
    """HTML paragraphs of a text: one string or a list of strings."""
    if isinstance(text, str):
        text = [text]
    return "".join(f"<p>{line}</p>" for line in text)


def bullet_list(items):
    """An HTML bulleted list."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


# --- Blocks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockContext:
    """What the blocks of one body may refer to: named contacts, pages by slug, the usual heading level."""

    contacts: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    heading_level: str = "h2"


def heading_block(spec, context):
    return {"text": spec["text"], "level": spec.get("level", context.heading_level)}


def paragraph_block(spec, context):
    return paragraphs(spec["text"])


def list_block(spec, context):
    return bullet_list(spec["items"])


def callout_block(spec, context):
    return {"kind": spec["kind"], "title": spec.get("title", ""), "text": paragraphs(spec["text"])}


def accordion_block(spec, context):
    items = [{"question": item["question"], "answer": paragraphs(item["answer"])} for item in spec["items"]]
    return {"title": spec.get("title", ""), "items": items}


def steps_block(spec, context):
    steps = [{"title": step["title"], "text": paragraphs(step.get("text") or [])} for step in spec["steps"]]
    return {"title": spec.get("title", ""), "steps": steps}


def contact_block(spec, context):
    """A contact block: the named contact `spec["contact"]`, if any, with the fields `spec` gives."""
    fields = {**context.contacts.get(spec.get("contact"), {}), **spec}
    return {key: fields.get(key, "") for key in ("name", "address", "phone", "email", "hours")}


def video_block(spec, context):
    return {
        "title": spec["title"],
        "video_file": None,
        "captions": None,
        "video_url": spec["url"],
        "duration": spec.get("duration", ""),
        "transcript": paragraphs(spec["transcript"]),
    }


def links_block(spec, context):
    links = [
        {
            "title": link["title"],
            "page": context.pages[link["page"]].pk if "page" in link else None,
            "url": link.get("url", ""),
            "description": link.get("description", ""),
        }
        for link in spec["links"]
        if "page" not in link or link["page"] in context.pages
    ]
    return {"title": spec.get("title", ""), "links": links}


def featured_block(spec, context):
    return {"title": spec["title"], "pages": [context.pages[slug].pk for slug in spec["pages"]]}


# type in the data → (StreamField block name, builder of its value)
BLOCKS = {
    "heading": ("heading", heading_block),
    "paragraph": ("paragraph", paragraph_block),
    "list": ("paragraph", list_block),
    "callout": ("callout", callout_block),
    "accordion": ("accordion", accordion_block),
    "steps": ("steps", steps_block),
    "contact": ("contact", contact_block),
    "video": ("video", video_block),
    "intro": ("intro", paragraph_block),
    "links": ("links", links_block),
    "featured": ("featured", featured_block),
    "accessibility_audit": ("accessibility_audit", lambda spec, context: None),
}


def build_block(spec, context=None):
    """The `{"type": ..., "value": ...}` StreamField data of one block of the data files."""
    name, builder = BLOCKS[spec["type"]]
    return {"type": name, "value": builder(spec, context or BlockContext())}


def stream(blocks, *, contacts=None, pages=None, heading_level="h2"):
    """The StreamField data (a JSON string) of a list of blocks of the data files."""
    context = BlockContext(contacts=contacts or {}, pages=pages or {}, heading_level=heading_level)
    return json.dumps([build_block(spec, context) for spec in blocks])
