"""Render form fields the accessible way: hints and errors tied to the input."""

from django import forms, template
from django.template.loader import render_to_string

from portal.fragments import cached_html

register = template.Library()


@register.filter
def is_checkbox(bound_field):
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.simple_tag
def field_widget(bound_field):
    """The field's widget with `aria-describedby` (hint, error) and `aria-invalid` when wrong."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


def _choices_key(form):
    """What a filters form shows when the visitor only picked options, or None if they typed.

    Options, boxes and empty fields describe the whole form (which options are selected, no
    error); a typed keyword or date, or a value that is not an option, does not.
    """
    key = []
    for name, field in form.fields.items():
        value = form[name].data if form.is_bound else None
        if isinstance(field.widget, forms.CheckboxInput):
            key.append((name, bool(value)))
        elif value in (None, ""):
            key.append((name, ""))
        elif isinstance(field, forms.ChoiceField) and isinstance(value, str) and field.valid_value(value):
            key.append((name, value))
        else:
            return None
    return (type(form).__qualname__, *key)


@register.simple_tag(takes_context=True)
def filters_form(context, template_name, form, **values):
    """`{% include template_name with form=form … only %}` for a listing's GET filters form.

    The same options chosen give the same HTML: it is kept per content version (the options
    come from the vocabularies) and per choice of options (portal.fragments.cached_html). A
    form with something typed in it is rendered each time.
    """

    def render():
        return render_to_string(template_name, {"form": form, **values})

    key = _choices_key(form)
    request = context.get("request")
    if key is None or request is None:
        return render()
    return cached_html(request, ("filters-form", template_name, key, *sorted(values.items())), render)
