"""Load the French demo content of a fictional intercommunal social action centre.

Idempotent: every object is looked up by a stable key (slug, name) and created only when
missing, so a second run changes nothing. Feature apps add their own demo content through
their own `<app>/demo.py` module, whose `seed(home)` returns the labels of what it created.
"""

import importlib
import importlib.util
import io
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.images.models import Image
from wagtail.models import Page, Site

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from home import demo_content as demo
from home.models import Audience, Commune, HomePage, SiteSettings, StandardPage, Theme


def ensure_page(parent, model, slug, **fields):
    """Return the child of `parent` with this slug, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


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


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent : une seconde exécution ne change rien)."

    @transaction.atomic
    def handle(self, *args, **options):
        created = []
        home = self.ensure_home(created)
        site = self.ensure_site(home)
        pages = {}
        for spec in demo.STANDARD_PAGES:
            page, was_created = ensure_page(
                home,
                StandardPage,
                spec["slug"],
                title=spec["title"],
                introduction=spec["introduction"],
                body=spec["body"],
                show_in_menus=spec.get("menu", False),
                search_description=spec["introduction"][:250],
            )
            pages[spec["slug"]] = page
            if was_created:
                created.append(page.title)
            for child in spec.get("children", []):
                child_page, child_created = ensure_page(
                    page,
                    StandardPage,
                    child["slug"],
                    title=child["title"],
                    introduction=child["introduction"],
                    body=child["body"],
                    search_description=child["introduction"][:250],
                )
                pages[child["slug"]] = child_page
                if child_created:
                    created.append(child_page.title)
        self.ensure_settings(site, pages, created)
        self.ensure_vocabulary(created)
        # Feature apps add their own content: `<app>.demo.seed(home) -> list of created labels`.
        for app_config in apps.get_app_configs():
            if importlib.util.find_spec(f"{app_config.name}.demo") is not None:
                created += importlib.import_module(f"{app_config.name}.demo").seed(home)
        # Last, so that the home page can point to the agenda and the resources by their slug.
        for child in home.get_children().filter(slug__in=["agenda", "ressources"]):
            pages[child.slug] = child
        self.ensure_home_body(home, pages, created)
        self.stdout.write(
            self.style.SUCCESS(f"Contenu de démonstration : {len(created)} élément(s) créé(s).")
            if created
            else "Contenu de démonstration déjà en place : rien à changer."
        )

    def ensure_home(self, created):
        home = HomePage.objects.first()
        if home:
            return home
        root = Page.get_first_root_node()
        # Wagtail's migrations create a placeholder "Welcome" page at the home slug: replace it.
        for placeholder in root.get_children().filter(slug="home"):
            if not isinstance(placeholder.specific, HomePage):
                Site.objects.filter(root_page=placeholder).delete()
                placeholder.delete()
        home = HomePage(
            title=demo.HOME["title"],
            slug="accueil",
            hero_title=demo.HOME["hero_title"],
            hero_text=demo.HOME["hero_text"],
            seo_title=demo.HOME["seo_title"],
            search_description=demo.HOME["hero_text"],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        created.append(home.title)
        return home

    def ensure_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=demo.ORG["name"],
            )
        if site.root_page_id != home.pk:
            # Replace Wagtail's placeholder site (localhost:80) by one that answers at BASE_URL.
            base = urlsplit(settings.BASE_URL)
            site.hostname = base.hostname or site.hostname
            site.port = base.port or (443 if base.scheme == "https" else 80)
            site.root_page = home
            site.site_name = demo.ORG["name"]
            site.save()
        return site

    def ensure_settings(self, site, pages, created):
        site_settings = SiteSettings.for_site(site)
        if site_settings.pk and site_settings.organisation_name == demo.ORG["name"]:
            return
        logo = Image.objects.filter(title=demo.ORG["logo_title"]).first()
        if logo is None:
            logo = Image.objects.create(title=demo.ORG["logo_title"], file=demo_logo())
        site_settings.organisation_name = demo.ORG["name"]
        site_settings.short_name = demo.ORG["short_name"]
        site_settings.tagline = demo.ORG["tagline"]
        site_settings.logo = logo
        site_settings.address = demo.ORG["address"]
        site_settings.phone = demo.ORG["phone"]
        site_settings.email = demo.ORG["email"]
        site_settings.opening_hours = demo.ORG["opening_hours"]
        site_settings.data_protection_contact = demo.ORG["dpo"]
        site_settings.legal_notice_page = pages["mentions-legales"]
        site_settings.privacy_page = pages["donnees-personnelles"]
        site_settings.accessibility_page = pages["accessibilite"]
        site_settings.contact_page = pages["contact"]
        site_settings.save()
        created.append("paramètres du site")

    def ensure_vocabulary(self, created):
        for order, (name, slug, postcode) in enumerate(demo.COMMUNE_ROWS):
            _, was_created = Commune.objects.get_or_create(
                slug=slug, defaults={"name": name, "postcode": postcode, "sort_order": order}
            )
            if was_created:
                created.append(name)
        for order, (name, slug, description) in enumerate(demo.THEME_ROWS):
            _, was_created = Theme.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "sort_order": order}
            )
            if was_created:
                created.append(name)
        for order, (name, slug) in enumerate(demo.AUDIENCE_ROWS):
            _, was_created = Audience.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
            if was_created:
                created.append(name)

    def ensure_home_body(self, home, pages, created):
        if home.body:
            return
        home.body = demo.home_body(pages)
        home.save_revision().publish()
        created.append("contenu de l'accueil")
