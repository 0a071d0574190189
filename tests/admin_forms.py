"""The POST data of a Wagtail page edit form, as the admin's JavaScript would submit it.

Plain fields come from the edit screen's HTML (`querydict_from_html`); StreamFields are built
by the browser from JSON, so their fields are written here from the page's current value.
"""

from django.http import QueryDict
from django.urls import reverse

from wagtail.blocks import ChooserBlock, ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html


def _block_data(block, value, prefix):
    if isinstance(block, StreamBlock):
        items = [(child.block, child.block_type, child.value, child.id) for child in value or []]
        return _sequence_data(prefix, items)
    if isinstance(block, ListBlock):
        bound = getattr(value, "bound_blocks", None) or []
        return _sequence_data(prefix, [(block.child_block, None, child.value, child.id) for child in bound])
    if isinstance(block, StructBlock):
        data = []
        for name, child in block.child_blocks.items():
            data += _block_data(child, (value or {}).get(name), f"{prefix}-{name}")
        return data
    if isinstance(block, ChooserBlock):  # the chooser's hidden input holds the primary key
        pk = getattr(value, "pk", value)
        return [(prefix, "" if pk is None else str(pk))]
    form_value = block.value_for_form(value)
    if isinstance(form_value, bool):
        return [(prefix, "on")] if form_value else []
    if isinstance(form_value, list | tuple):
        return [(prefix, str(item)) for item in form_value]
    formatted = block.field.widget.format_value(form_value)
    if isinstance(formatted, list | tuple):  # a select's chosen options
        return [(prefix, str(item)) for item in formatted]
    return [(prefix, "" if formatted is None else str(formatted))]


def _sequence_data(prefix, items):
    data = [(f"{prefix}-count", str(len(items)))]
    for index, (child_block, type_name, value, block_id) in enumerate(items):
        item = f"{prefix}-{index}"
        data += [(f"{item}-deleted", ""), (f"{item}-order", str(index)), (f"{item}-id", block_id or "")]
        if type_name:
            data.append((f"{item}-type", type_name))
        data += _block_data(child_block, value, f"{item}-value")
    return data


def page_edit_data(client, page):
    """Everything the edit form of `page` would post, unchanged: {name: [values]} for the test client."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    specific = page.specific
    stream = QueryDict(mutable=True)
    for field in type(specific)._meta.get_fields():
        if isinstance(field, StreamField):
            for key, value in _block_data(field.stream_block, getattr(specific, field.name), field.name):
                stream.appendlist(key, value)
    for key in stream:
        data.setlist(key, stream.getlist(key))
    # The test client posts a QueryDict's last value only; a dict of lists keeps them all.
    return dict(data.lists())
