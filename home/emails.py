"""What signs every message the portal sends: the organisation of the site (its settings)."""

from wagtail.models import Site

from .models import SiteSettings


def sender_context(site=None):
    """{organisation_name, site_settings} of `site`, or of the default site.

    Named by the EMAIL_SENDER_CONTEXT setting, so `portal.emails` needs no import of this app.
    """
    site = site or Site.objects.filter(is_default_site=True).first()
    site_settings = SiteSettings.for_site(site) if site else None
    return {
        "organisation_name": site_settings.organisation_name if site_settings else "",
        "site_settings": site_settings,
    }
