"""The territorial agenda in a real browser: the widget in another site's iframe, the embed page,
a partner page listing its sessions — axe at 1280 and 320 px, framing allowed or refused."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from events.models import AgendaEmbedSettings
from resources.models import PartnerPage

pytestmark = [pytest.mark.browser]


def host_page_server(widget_url):
    """A commune's site on 127.0.0.1: one page holding the agenda widget in an iframe."""
    html = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Mairie</title></head><body>'
        f'<h1>Mairie de Brécy</h1><iframe src="{widget_url}" title="Agenda des temps ressources" '
        'width="100%" height="640"></iframe></body></html>'
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def keep(demo_page, name):
    """Screenshots at both widths of what check_page does not see (a host page and its frame)."""
    for width in ("desktop", "mobile"):
        demo_page.set_width(width)
        demo_page.screenshot(f"territorial-{name}-{width}")
    demo_page.set_width("desktop")


def test_the_widget_the_embed_page_and_a_partner_page_are_accessible(demo_page):
    for name, path in [
        ("widget", "/agenda/widget/?commune=villiers-les-ormes"),
        ("widget-error", "/agenda/widget/?commune=atlantide"),
        ("embed-code", "/agenda/integrer/?commune=villiers-les-ormes"),
    ]:
        response = demo_page.goto(path)
        assert response.status == (400 if "error" in name else 200), name
        demo_page.check_page(f"territorial-{name}")
    partner = PartnerPage.objects.get(slug="parents-en-chemin")
    demo_page.goto(partner.url)
    assert demo_page.tab.locator("#partner-sessions-title").is_visible()
    assert demo_page.tab.get_by_role("link", name="Goûter-jeux des familles").count() >= 1
    demo_page.check_page("territorial-partner")


def test_the_widget_shows_in_an_allowed_sites_iframe_only(demo_page, demo_server):
    widget_url = f"{demo_server}/agenda/widget/"
    allowed, other = host_page_server(widget_url), host_page_server(widget_url)
    embed = AgendaEmbedSettings.objects.get()
    before = embed.allowed_origins
    embed.allowed_origins = f"https://www.mairie-brecy-la-riviere.fr\nhttp://127.0.0.1:{allowed.server_port}"
    embed.save()
    try:
        demo_page.tab.goto(f"http://127.0.0.1:{allowed.server_port}/")
        frame = demo_page.tab.frame_locator("iframe")
        frame.locator("h1").wait_for()
        assert frame.locator("h1").inner_text() == "Agenda"
        assert frame.locator(".session").count() > 0
        keep(demo_page, "iframe-allowed")

        messages = []
        demo_page.tab.on("console", lambda message: messages.append(message.text))
        demo_page.tab.goto(f"http://127.0.0.1:{other.server_port}/")
        demo_page.tab.wait_for_timeout(500)
        [child] = demo_page.tab.main_frame.child_frames
        assert child.url.startswith("chrome-error://") or child.locator("h1").count() == 0
        assert any("frame-ancestors" in text for text in messages), messages
        keep(demo_page, "iframe-refused")
    finally:
        embed.allowed_origins = before
        embed.save()
        allowed.shutdown()
        other.shutdown()
