"""The private status link of an entry (`suivi/<token>/`): see, confirm, leave the register, attach.

GET never changes anything; every change is a POST with its CSRF token. A wrong, old or
renewed link (a third party's, once the person agreed) answers 404.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from portal.private import private, private_page

from . import documents
from .choices import RemovalChannel
from .services import entries as services
from .views import REMOVED_KEY, page_context


def _from_link(page, token):
    entry = services.entry_for_token(token)
    if entry is None or entry.page_id != page.pk:
        raise Http404
    return entry


def _urls(page, token):
    return {name: page.route_url(name, token) for name in ("status", "letter", "confirm", "remove", "attach")}


@private_page
def entry_status(request, page, token):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    entry = _from_link(page, token)
    context = page_context(request, page, entry=entry, urls=_urls(page, token))
    return TemplateResponse(request, "welfare/status.html", context)


@private_page
def acknowledgement_letter(request, page, token):
    """The letter-ready acknowledgement (PDF), for the person's records or to post to them."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    entry = _from_link(page, token)
    return private(documents.acknowledgement_response(request, entry))


@sensitive_post_parameters()
@private_page
def entry_confirm(request, page, token):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    entry = _from_link(page, token)
    if entry.is_pending:
        raise Http404
    services.confirm_entry(entry.pk, how=_("Par son lien de suivi"))
    messages.success(request, _("Merci : votre inscription est confirmée pour un an."))
    return HttpResponseRedirect(page.route_url("status", token))


@sensitive_post_parameters()
@private_page
def entry_remove(request, page, token):
    """GET: what leaving means, and the button. POST: the entry is deleted at once."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    entry = _from_link(page, token)
    if request.method == "POST":
        channel = RemovalChannel.WITHDRAWN if entry.is_pending else RemovalChannel.LINK
        services.remove_entry(entry.pk, channel=channel)
        request.session[REMOVED_KEY] = True
        return HttpResponseRedirect(page.route_url("removed"))
    context = page_context(request, page, entry=entry, urls=_urls(page, token))
    return TemplateResponse(request, "welfare/remove_confirm.html", context)


@private_page
def entry_attach(request, page, token):
    """A signed-in resident attaches the entry of this link to their space (POST only)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    entry = _from_link(page, token)
    if not request.user.is_authenticated:
        raise Http404
    if services.attach_to_account(entry.pk, request.user):
        messages.success(request, _("Cette inscription est maintenant visible dans votre espace."))
    else:
        messages.info(request, _("Cette inscription est déjà rattachée à un autre compte."))
    return HttpResponseRedirect(page.route_url("status", token))
