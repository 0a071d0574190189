"""{{ number|phone }}: a stored E.164 number as people read it ("06 12 34 56 78");
{{ number|tel }}: the same number for a tel: link ("+33612345678")."""

from django import template

from portal import phones

register = template.Library()


@register.filter
def phone(value):
    return phones.format_phone(value)


@register.filter
def tel(value):
    return phones.stored_e164(value) or value or ""
