"""Demo content of the site itself, from `home/demo_data/site.json`.

A fictional "communauté de communes" and its CIAS: the home page, the Wagtail site, the site
settings and logo, the standard pages (about, contact, legal pages), communes, themes and
audiences. The organisation, its address and its phone numbers are invented (the phone numbers
are in the ranges that ARCEP reserves for fiction; the e-mail domain is a reserved `.example`).

`manage.py seed_demo` calls `ensure_home()` and `ensure_site()`, then `seed(home)` before every
other app's demo, and `ensure_home_body()` last, so that the home page can link to what the
other apps created. Idempotent: everything is looked up by slug or name first.
"""

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.images import ImageFile

from wagtail.images.models import Image
from wagtail.models import Page, Site

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from .demo_blocks import ensure_page, organisation, read_data, stream
from .models import Audience, Commune, HomePage, SiteSettings, StandardPage, Theme


def site_data():
    return read_data("home", "site.json")


def demo_logo():
    """A simple square logo drawn with Pillow, so the demo needs no image file."""
    image = PILImage.new("RGB", (256, 256), "#1d4f7c")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((24, 24, 232, 232), radius=36, outline="#ffffff", width=10)
    font = ImageFont.load_default(size=96)
    draw.text((128, 128), "3V", fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(buffer, name="logo-cias-trois-vallons.png")


def ensure_home(created):
    """The demo home page, created at the root (instead of Wagtail's placeholder) if missing."""
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    # Wagtail's migrations create a placeholder "Welcome" page at the home slug: replace it.
    for placeholder in root.get_children().filter(slug="home"):
        if not isinstance(placeholder.specific, HomePage):
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
    fields = site_data()["home"]
    home = HomePage(slug="accueil", search_description=fields["hero_text"], **fields)
    root.add_child(instance=home)
    home.save_revision().publish()
    created.append(home.title)
    return home


def ensure_site(home):
    """The default Wagtail site, serving `home` (at BASE_URL when it replaces Wagtail's own)."""
    name = organisation()["name"]
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=name)
    if site.root_page_id != home.pk:
        # Replace Wagtail's placeholder site (localhost:80) by one that answers at BASE_URL.
        base = urlsplit(settings.BASE_URL)
        site.hostname = base.hostname or site.hostname
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.root_page = home
        site.site_name = name
        site.save()
    return site


def seed(home):
    """Create the standard pages, the site settings, communes, themes and audiences that are missing."""
    data = site_data()
    created = []
    pages = {}
    for spec in data["pages"]:
        page = ensure_standard_page(home, spec, data["contacts"], created)
        pages[spec["slug"]] = page
        for child in spec.get("children", []):
            pages[child["slug"]] = ensure_standard_page(page, child, data["contacts"], created)
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    ensure_settings(site, pages, created)
    ensure_vocabulary(data, created)
    return created


def ensure_standard_page(parent, spec, contacts, created):
    page, was_created = ensure_page(
        parent,
        StandardPage,
        spec["slug"],
        title=spec["title"],
        introduction=spec["introduction"],
        body=stream(spec["body"], contacts=contacts),
        show_in_menus=spec.get("menu", False),
        search_description=spec["introduction"][:250],
    )
    if was_created:
        created.append(page.title)
    return page


def ensure_settings(site, pages, created):
    org = organisation()
    site_settings = SiteSettings.for_site(site)
    if site_settings.pk and site_settings.organisation_name == org["name"]:
        return
    logo = Image.objects.filter(title=org["logo_title"]).first()
    if logo is None:
        logo = Image.objects.create(title=org["logo_title"], file=demo_logo())
    site_settings.organisation_name = org["name"]
    site_settings.short_name = org["short_name"]
    site_settings.tagline = org["tagline"]
    site_settings.logo = logo
    site_settings.address = org["address"]
    site_settings.phone = org["phone"]
    site_settings.email = org["email"]
    site_settings.opening_hours = org["opening_hours"]
    site_settings.data_protection_contact = org["dpo"]
    site_settings.legal_notice_page = pages["mentions-legales"]
    site_settings.privacy_page = pages["donnees-personnelles"]
    site_settings.accessibility_page = pages["accessibilite"]
    site_settings.contact_page = pages["contact"]
    site_settings.save()
    created.append("paramètres du site")


def ensure_vocabulary(data, created):
    """Communes, themes and audiences, in the order of the data file."""
    for model, key in ((Commune, "communes"), (Theme, "themes"), (Audience, "audiences")):
        for order, fields in enumerate(data[key]):
            defaults = {name: value for name, value in fields.items() if name != "slug"}
            _, was_created = model.objects.get_or_create(
                slug=fields["slug"], defaults={**defaults, "sort_order": order}
            )
            if was_created:
                created.append(fields["name"])


def ensure_home_body(home, created):
    """The home page's blocks, which link to pages of the other apps by slug: once, if it has none."""
    if home.body:
        return
    pages = {}
    for page in home.get_descendants().filter(depth__lte=home.depth + 2).order_by("depth", "path"):
        pages.setdefault(page.slug, page)  # the standard pages, their children, each app's index page
    home.body = stream(site_data()["home_body"], pages=pages)
    home.save_revision().publish()
    created.append("contenu de l'accueil")
