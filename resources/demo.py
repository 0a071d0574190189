"""Demo content of the resources: formats, the partners directory and about twenty-five resources.

Called by `manage.py seed_demo` as `seed(home)`, after `events.demo` (so resources can point to
events by slug). The data is in `resources/demo_data/`: `partners.json` (the directory page and
the partners: page fields, `themes` and `audiences` slugs, `commune` slug or null) and
`resources.json` (formats, the listing page, named contacts and the resources: page fields,
`themes`, `audiences`, `formats`, `partners` and `events` slugs, `documents` as a title and the
lines of a generated PDF, `easy_read` the slug of its FALC twin, listed before it, `reviewed`
days ago and `body` blocks, see `home.demo_blocks`). Idempotent: formats are looked up by slug,
index pages and pages by their slug, documents by their title; what exists is never changed, so
a second run adds no revision. Partners are invented: phone numbers in the range reserved for
fiction, `.example` addresses.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.text import slugify

from wagtail.documents.models import Document

from events.models import EventPage
from home.demo_blocks import ensure_page, read_data, stream
from home.models import Audience, Commune, Theme

from .models import (
    PartnerIndexPage,
    PartnerKind,
    PartnerPage,
    ResourceDocument,
    ResourceFormat,
    ResourceIndexPage,
    ResourcePage,
)

# Keys of a resource or a partner in the data that are not page fields.
SPEC_KEYS = {"themes", "audiences", "formats", "partners", "events", "documents", "easy_read", "reviewed", "body"}
PARTNER_SPEC_KEYS = {"themes", "audiences", "commune"}


def _pdf_text(text):
    """A string for a PDF text object: Windows-1252 bytes with (, ) and \\ escaped."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def _utf16(text):
    """A PDF text string in UTF-16 (any character), for the document's title."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def simple_pdf(lines):
    """A small, valid one-page A4 PDF showing `lines` in Helvetica (no dependency needed).

    It is tagged for assistive technologies (RGAA 13.3): the first line is a heading (H1), the
    others paragraphs (P), in reading order, with the document's language (fr-FR) and title.
    """
    content, y = b"", 770
    for number, line in enumerate(lines):
        tag, size = (b"H1", 18) if number == 0 else (b"P", 13)
        content += b"/%s <</MCID %d>> BDC BT /F1 %d Tf 72 %d Td (" % (tag, number, size, y)
        content += _pdf_text(line) + b") Tj ET EMC "
        y -= 28 if number == 0 else 18
    first_element = 9  # the structure elements follow the eight fixed objects below
    elements = [f"{first_element + n} 0 R".encode() for n in range(len(lines))]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (fr-FR) /MarkInfo << /Marked true >> /StructTreeRoot 6 0 R "
        b"/ViewerPreferences << /DisplayDocTitle true >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /StructParents 0 /Tabs /S "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /StructTreeRoot /K 7 0 R /ParentTree 8 0 R /ParentTreeNextKey 1 >>",
        b"<< /Type /StructElem /S /Document /P 6 0 R /K [" + b" ".join(elements) + b"] >>",
        b"<< /Nums [0 [" + b" ".join(elements) + b"]] >>",
    ]
    for number in range(len(lines)):
        tag = b"H1" if number == 0 else b"P"
        objects.append(b"<< /Type /StructElem /S /%s /P 7 0 R /Pg 3 0 R /K %d >>" % (tag, number))
    objects.append(b"<< /Title " + _utf16(lines[0] if lines else "Document") + b" >>")
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(pdf)
    size = len(objects) + 1
    pdf += f"xref\n0 {size}\n".encode() + b"0000000000 65535 f \n"
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    pdf += f"trailer\n<< /Size {size} /Root 1 0 R /Info {len(objects)} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return pdf


def ensure_document(title, lines, created):
    document = Document.objects.filter(title=title).first()
    if document is None:
        name = f"{slugify(title)[:60]}.pdf"
        document = Document(title=title)
        document.file.save(name, ContentFile(simple_pdf(lines)), save=False)
        document.save()
        created.append(title)
    return document


def seed(home):
    """Create the formats, both index pages, the partners and the resources that are missing."""
    created = []
    data = read_data("resources", "resources.json")
    directory_data = read_data("resources", "partners.json")
    with translation.override("fr"):
        formats = {}
        for order, fields in enumerate(data["formats"]):
            resource_format, was_created = ResourceFormat.objects.get_or_create(
                slug=fields["slug"], defaults={"name": fields["name"], "sort_order": order}
            )
            formats[fields["slug"]] = resource_format
            if was_created:
                created.append(fields["name"])
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        audiences = {audience.slug: audience for audience in Audience.objects.all()}
        # The listing first, then the directory: the menu shows them in tree order.
        index = ensure_index(home, ResourceIndexPage, data["index"], created)
        directory = ensure_index(home, PartnerIndexPage, directory_data["directory"], created)
        partners = seed_partners(directory, directory_data["partners"], themes, audiences, created)
        seed_resources(index, data, themes, audiences, formats, partners, created)
    return created


def ensure_index(home, model, fields, created):
    page, was_created = ensure_page(home, model, show_in_menus=True, **fields)
    if was_created:
        created.append(page.title)
    return page


def seed_partners(directory, specs, themes, audiences, created):
    communes = {commune.slug: commune for commune in Commune.objects.all()}
    existing = {page.slug: page for page in PartnerPage.objects.child_of(directory)}
    for spec in specs:
        if spec["slug"] in existing:
            continue
        fields = {key: value for key, value in spec.items() if key not in PARTNER_SPEC_KEYS}
        fields["kind"] = PartnerKind(fields["kind"])
        page = PartnerPage(
            **fields, commune=communes.get(spec["commune"]), search_description=spec["description"][:250]
        )
        directory.add_child(instance=page)
        page.themes.set([themes[slug] for slug in spec["themes"]])
        page.audiences.set([audiences[slug] for slug in spec["audiences"]])
        page.save_revision().publish()
        existing[page.slug] = page
        created.append(page.title)
    return existing


def seed_resources(index, data, themes, audiences, formats, partners, created):
    existing = {page.slug: page for page in ResourcePage.objects.child_of(index)}
    today = timezone.localdate()
    for spec in data["resources"]:
        if spec["slug"] in existing:
            continue
        fields = {key: value for key, value in spec.items() if key not in SPEC_KEYS}
        page = ResourcePage(
            **fields,
            body=stream(spec["body"], contacts=data["contacts"]),
            search_description=spec["summary"][:250],
            last_reviewed=today - timedelta(days=spec.get("reviewed", 30)),
            easy_read_version=existing.get(spec.get("easy_read")),
        )
        page.documents = [
            ResourceDocument(document=ensure_document(document["title"], document["lines"], created), sort_order=order)
            for order, document in enumerate(spec.get("documents", []))
        ]
        index.add_child(instance=page)
        page.themes.set([themes[slug] for slug in spec["themes"]])
        page.audiences.set([audiences[slug] for slug in spec["audiences"]])
        page.formats.set([formats[slug] for slug in spec["formats"]])
        page.related_partners.set([partners[slug] for slug in spec.get("partners", [])])
        page.related_events.set(EventPage.objects.filter(slug__in=spec.get("events", [])))
        page.save_revision().publish()
        existing[page.slug] = page
        created.append(page.title)
