"""What the register shows elsewhere on the site: the sign-up invitation of the home page."""

from django import template

from wagtail.models import Site

from welfare.models import RegisterSignupPage

register = template.Library()


@register.inclusion_tag("welfare/components/home_promo.html", takes_context=True)
def register_signup_promo(context):
    """A short invitation to the register's sign-up page of this site, if it is published and public."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    page = None
    if site is not None:
        page = RegisterSignupPage.objects.live().public().descendant_of(site.root_page).first()
    return {"signup_page": page}


@register.filter
def register_status_subpath(page, entry):
    """`suivi/<token>/`: the status link of `entry` below its page (for Mon espace)."""
    return page.reverse_subpage("status", args=[entry.token])
