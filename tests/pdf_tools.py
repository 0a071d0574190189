"""Reading PDFs back with real tools: poppler (pdftotext, pdfinfo, pdftoppm), zbar (zbarimg), pdfplumber."""

import re
import subprocess
import tempfile
from pathlib import Path

import pdfplumber


def _run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout  # noqa: S603


def _with_file(content, action):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(content)
        return action(path)


def pdf_text(content):
    """The extractable text, whitespace collapsed (words wrapped at line ends joined back)."""
    text = _with_file(content, lambda path: _run("pdftotext", "-enc", "UTF-8", str(path), "-"))
    return re.sub(r"\s+", " ", text)


def pdf_info(content):
    """`pdfinfo` as a dict ("Tagged": "yes", "Title": …, "Page size": …)."""
    output = _with_file(content, lambda path: _run("pdfinfo", str(path)))
    return {key.strip(): value.strip() for key, _sep, value in (line.partition(":") for line in output.splitlines())}


def pdf_structure(content):
    """The tagged structure tree as `pdfinfo -struct-text` prints it."""
    return _with_file(content, lambda path: _run("pdfinfo", "-struct-text", str(path)))


def qr_codes(content, dpi=150):
    """Every QR code `zbarimg` decodes on the pages rendered by `pdftoppm`, in page order."""

    def decode(path):
        _run("pdftoppm", "-png", "-r", str(dpi), str(path), str(path.parent / "page"))
        codes = []
        for image in sorted(path.parent.glob("page-*.png")):
            result = subprocess.run(  # noqa: S603
                ["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],  # noqa: S607
                capture_output=True,
                text=True,
            )
            codes += [line for line in result.stdout.splitlines() if line]
        return codes

    return _with_file(content, decode)


def pdf_language(content):
    """The document language of the catalog (`/Lang`)."""

    def read(path):
        with pdfplumber.open(path) as pdf:
            value = pdf.doc.catalog.get("Lang")
        return value.decode() if isinstance(value, bytes) else value

    return _with_file(content, read)


def font_sizes(content):
    """The size in points of every character drawn, page by page (margin boxes included)."""

    def read(path):
        with pdfplumber.open(path) as pdf:
            return [round(char["size"], 2) for page in pdf.pages for char in page.chars if char["text"].strip()]

    return _with_file(content, read)


def embedded_fonts(content):
    """(name, embedded?) of each font, from `pdffonts`."""
    output = _with_file(content, lambda path: _run("pdffonts", str(path)))
    rows = output.splitlines()[2:]
    return [(row.split()[0], row.split()[-5] == "yes") for row in rows if row.strip()]
