"""QR codes as inline SVG (segno): no image service, no file, scalable on paper."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

import segno


def qr_svg(data, *, title, css_class="qr-code"):
    """An `<svg>` QR code for `data`, with `title` as its text alternative (read out, and tagged in PDFs).

    Error correction "M" (15 %) survives a creased or smudged poster; the quiet zone of four
    modules is kept, as readers need it. The size is left to CSS (the SVG scales).
    """
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", title=str(title), svgclass=None, lineclass=None)
    # segno writes width/height in modules; a viewBox lets CSS size the code without blurring.
    width, height = code.symbol_size(scale=1, border=4)
    svg = svg.replace(
        "<svg ",
        f'<svg class="{escape(css_class)}" role="img" shape-rendering="crispEdges" viewBox="0 0 {width} {height}" ',
        1,
    )
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the title is escaped by segno
