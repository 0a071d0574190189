"""Light pages: HTML + CSS + JS under 100 KB, responsive and lazy images with their size."""

import io
import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile

from wagtail.images.models import Image

import pytest
from PIL import Image as PILImage

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

LIMIT = 100 * 1024
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')
FEEDS = ("agenda feed", "filtered feed", "event ical", "session ical", "sitemap.xml")


def asset_size(client, url):
    path = url.split("?")[0]
    if path.startswith("/static/"):
        return Path(finders.find(path.removeprefix("/static/"))).stat().st_size
    return len(client.get(url).content)


def test_every_public_page_weighs_less_than_100_kb_with_its_css_and_js(client, portal):
    weights = {}
    for name, url in portal.urls().items():
        if name in FEEDS:
            continue
        html = client.get(url).content.decode()
        weights[name] = len(html.encode()) + sum(asset_size(client, asset) for asset in set(ASSET.findall(html)))

    assert {name: weight for name, weight in weights.items() if weight >= LIMIT} == {}
    assert weights["home"] > 10_000  # the stylesheet was counted


def png(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#1d4f7c").save(buffer, format="PNG")
    return ImageFile(buffer, name="photo.png")


def test_content_images_are_responsive_lazy_and_sized(client, home_page):
    image = Image.objects.create(title="Atelier", file=png(1600, 900))
    block = {"image": image.pk, "alt_text": "Des parents autour d'une table", "caption": "", "decorative": False}
    page = StandardPageFactory(parent=home_page, body=json.dumps([{"type": "image", "value": block}]))

    html = client.get(page.url).content.decode()
    [tag] = re.findall(r"<img [^>]*>", html.split('id="contenu"')[1])

    assert sorted(re.findall(r" (\d+)w", tag), key=int) == ["400", "800", "1200"]
    assert 'sizes="(max-width: 50rem) 100vw, 50rem"' in tag
    assert 'width="800"' in tag and 'height="450"' in tag
    assert 'loading="lazy"' in tag
    assert ".webp" in tag
    assert 'alt="Des parents autour d&#x27;une table"' in tag
