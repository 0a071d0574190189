"""The news listing and the one action of the alert banner (hide an "information" alert)."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from home.views import paginate

from .alerts import DISMISS_COOKIE, dismissed_ids, upcoming_alerts
from .models import NEWS_PER_PAGE

# A year: long enough for an alert, short enough not to pile up ids.
DISMISS_MAX_AGE = 365 * 24 * 3600


def news_index(request, index_page):
    page_obj = paginate(request, index_page.news_items().select_related("image"), NEWS_PER_PAGE)
    context = {**index_page.get_context(request), "page_obj": page_obj, "news_items": page_obj.object_list}
    return TemplateResponse(request, "news/news_index_page.html", context)


# Exempt: the form is in pages the cache shares between visitors (no CSRF token there), and it
# only sets a cookie that hides a banner in this browser: nothing a forged request could abuse.
@csrf_exempt
@require_POST
def dismiss_alert(request):
    """Hide one "information" alert in this browser, then go back to the page."""
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    raw = request.POST.get("alert", "")
    dismissible = {alert["id"] for alert in upcoming_alerts() if alert["dismissible"]}
    if raw.isdigit() and int(raw) in dismissible:
        # Only ids still showing or to come: expired ones drop out of the cookie.
        kept = (dismissed_ids(request) & {alert["id"] for alert in upcoming_alerts()}) | {int(raw)}
        response.set_cookie(
            DISMISS_COOKIE,
            ".".join(str(pk) for pk in sorted(kept)),
            max_age=DISMISS_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response
