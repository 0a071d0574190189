"""RGAA 8.2 (valid code) where the audit found an error: a block element inside a paragraph."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

# Elements a <p> cannot contain: the parser of a browser closes the paragraph before them.
BLOCKS = {"address", "div", "dl", "fieldset", "form", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "table", "ul"}


class ParagraphChecker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open_paragraphs = 0
        self.errors = []

    def handle_starttag(self, tag, attrs):
        if self.open_paragraphs and tag in BLOCKS:
            self.errors.append(f"<{tag}> inside <p> at line {self.getpos()[0]}")
        if tag == "p":
            self.open_paragraphs += 1

    def handle_endtag(self, tag):
        if tag == "p":
            self.open_paragraphs = max(0, self.open_paragraphs - 1)


def block_in_paragraph(html):
    checker = ParagraphChecker()
    checker.feed(html)
    return checker.errors


def test_the_checker_finds_a_list_in_a_paragraph():
    assert block_in_paragraph("<p>Aide : <ul><li>un</li></ul></p>") == ["<ul> inside <p> at line 1"]
    assert block_in_paragraph("<div><p>Aide</p><ul><li>un</li></ul></div>") == []


def test_the_sign_up_page_keeps_the_password_rules_out_of_a_paragraph(client, site_settings):
    html = client.get("/compte/signup/").content.decode()

    assert "12 caractères" in html
    assert block_in_paragraph(html) == []


def test_the_login_page_has_no_block_inside_a_paragraph(client, site_settings):
    assert block_in_paragraph(client.get("/compte/login/").content.decode()) == []
