"""The text messages of the register: a reference and the team's number, nothing about the person.

A text can be read by anyone who picks up the phone: its words never name the person nor say
why they are registered (no "canicule", no "handicap"), only the organisation, the reference,
what to do and, for the yearly re-confirmation, the status link.
"""

from django.utils.translation import gettext as _

from home.models import SiteSettings
from portal import phones


def first_mobile(entry):
    """The entry's first number that can receive texts (E.164), or ""."""
    for number in (entry.phone, entry.phone_other):
        mobile = phones.mobile_e164(number) if number else None
        if mobile:
            return mobile
    return ""


def _organisation(entry):
    site_settings = SiteSettings.for_site(entry.site)
    return site_settings.display_name, site_settings.phone


def received(entry):
    name, phone = _organisation(entry)
    return _("%(name)s : demande %(reference)s bien reçue. Questions : %(phone)s.") % {
        "name": name,
        "reference": entry.reference,
        "phone": phone,
    }


def registered(entry):
    name, phone = _organisation(entry)
    return _("%(name)s : inscription %(reference)s enregistrée. Pour la modifier ou l'annuler : %(phone)s.") % {
        "name": name,
        "reference": entry.reference,
        "phone": phone,
    }


def reconfirm(entry):
    """The yearly message; with the status link when the entry has its page (to confirm in one tap)."""
    name, phone = _organisation(entry)
    link = status_url(entry)
    values = {"name": name, "reference": entry.reference, "phone": phone, "link": link}
    if link:
        return _("%(name)s : merci de confirmer votre inscription %(reference)s : %(link)s ou au %(phone)s.") % values
    return _("%(name)s : merci de confirmer votre inscription %(reference)s en appelant le %(phone)s.") % values


def status_url(entry):
    """The full address of the entry's status link, or "" without a page."""
    page = entry.page
    if page is None or not page.live:
        return ""
    base = page.get_full_url()
    return base and base + page.reverse_subpage("status", args=[entry.token])
