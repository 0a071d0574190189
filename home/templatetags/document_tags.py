"""Describe downloadable files the way residents expect: "PDF, 240 Ko"."""

from django import template

register = template.Library()


def human_size(num_bytes):
    """A French, rounded file size: "850 octets", "240 Ko", "1,2 Mo"."""
    if num_bytes is None:
        return ""
    if num_bytes < 1000:
        return f"{num_bytes} octets"
    if num_bytes < 1000 * 1000:
        return f"{round(num_bytes / 1000)} Ko"
    return f"{num_bytes / 1000 / 1000:.1f} Mo".replace(".", ",")


@register.simple_tag
def document_meta(document):
    """Format and size of a Wagtail document, e.g. "PDF, 240 Ko"."""
    parts = [document.file_extension.upper()] if document.file_extension else []
    size = document.get_file_size()
    if size:
        parts.append(human_size(size))
    return ", ".join(parts)
