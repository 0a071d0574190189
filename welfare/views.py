"""The public sign-up: form → "Vérifiez vos réponses" → confirmation, served by `RegisterSignupPage`'s routes.

Nothing of a sign-up outlives its end in the browser: the answers between the form and the
check step are a server-side draft (portal.drafts, 30 minutes, erased by "Quitter
rapidement"), the confirmation shows the reference once, and every page is `no-store`,
`noindex`. A form with errors costs nothing against the hourly limit; a sent one does.
"""

from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.models import Page, Site

from home.models import Commune, SiteSettings
from portal import drafts, time_limit
from portal.phones import format_phone
from portal.private import private_page
from portal.ratelimit import count_submission, is_limited
from portal.views import too_many_requests

from .choices import Benefit, Ground, ReachNeed, RequesterKind
from .eligibility import MIN_AGE
from .forms import FOR_OTHER, SignupForm, form_data_from_answers
from .services import entries as services

DRAFT_SCOPE = "register"
DONE_KEY = "welfare:done"
REMOVED_KEY = "welfare:removed"
RATE_SCOPE = "register"
PHONE_FIELDS = ("phone", "phone_other", "home_care_phone", "emergency_phone", "requester_phone")


def other_help_page(page):
    """The page offered to people who cannot register, if it is published and public."""
    if not page.other_help_page_id:
        return None
    return Page.objects.live().public().filter(pk=page.other_help_page_id).first()


def page_context(request, page, **extra):
    return {
        "page": page,
        "self": page,
        "site_settings": SiteSettings.for_request(request),
        "other_help_page": other_help_page(page),
        "min_ages": MIN_AGE,
        **extra,
    }


def _initial(answers):
    """The form's initial values from a draft ("Modifier" on the check step)."""
    initial = dict(answers)
    for name in PHONE_FIELDS:
        if initial.get(name):
            initial[name] = format_phone(initial[name])
    initial["birth_date"] = form_data_from_answers(answers)["birth_date"]
    return initial


@sensitive_post_parameters()
@private_page
def signup_form(request, page):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST":
        if is_limited(request, RATE_SCOPE):
            return too_many_requests(request)
        form = SignupForm(request.POST)
        if form.is_valid() and form.is_spam():
            # A robot filled the hidden field: pretend all is well, keep nothing.
            return HttpResponseRedirect(page.url)
        if form.is_valid():
            drafts.keep(request, DRAFT_SCOPE, form.session_data())
            return HttpResponseRedirect(page.route_url("check"))
    else:
        answers = drafts.load(request, DRAFT_SCOPE)
        form = SignupForm(initial=_initial(answers)) if answers else SignupForm()
    return TemplateResponse(request, "welfare/signup_form.html", page_context(request, page, form=form))


def _long_date(iso):
    from datetime import date

    return formats.date_format(date.fromisoformat(iso), "j F Y")


def answer_rows(answers, page):
    """(label, value, anchor) for the check-answers list, in the form's order."""
    commune = Commune.objects.filter(pk=answers["commune"]).first()
    third_party = answers["for_whom"] == FOR_OTHER
    needs = dict(ReachNeed.choices)
    rows = [("Pour qui", _("Pour une autre personne") if third_party else _("Pour moi"), "id_for_whom_0")]
    if third_party:
        rows += [
            ("Qui vous êtes pour elle", RequesterKind(answers["requester_kind"]).label, "id_requester_kind_0"),
            ("Votre nom", answers["requester_name"], "id_requester_name"),
            ("Votre téléphone", format_phone(answers["requester_phone"]) or _("Non indiqué"), "id_requester_phone"),
        ]
    rows += [
        ("Prénom", answers["first_name"], "id_first_name"),
        ("Nom", answers["last_name"], "id_last_name"),
        ("Date de naissance", _long_date(answers["birth_date"]), "id_birth_date"),
        ("Situation", Ground(answers["ground"]).label, "id_ground_0"),
    ]
    if answers["benefit"]:
        rows.append(("Prestation, carte ou pension", Benefit(answers["benefit"]).label, "id_benefit_0"))
    rows += [
        ("Adresse", "\n".join(filter(None, [answers["address"], answers["address_extra"]])), "id_address"),
        ("Commune", commune.name if commune else "", "id_commune"),
        ("Téléphone", format_phone(answers["phone"]), "id_phone"),
        ("Autre téléphone", format_phone(answers["phone_other"]) or _("Non indiqué"), "id_phone_other"),
        ("Service à domicile", _with_phone(answers, "home_care_service", "home_care_phone"), "id_home_care_service"),
        ("Personne à prévenir", _with_phone(answers, "emergency_contact", "emergency_phone"), "id_emergency_contact"),
        (
            _("Pour la joindre"),
            "\n".join([*(str(needs[key]) for key in answers["reach_needs"]), answers["reach_notes"]]).strip()
            or _("Rien de particulier"),
            "id_reach_needs_0",
        ),
        ("Accusé de réception", _acknowledgement(answers), "id_email"),
    ]
    return [
        {"label": str(label), "value": str(value), "change_url": f"{page.url}#{anchor}"}
        for label, value, anchor in rows
    ]


def _with_phone(answers, name, phone):
    if not answers[name]:
        return _("Non indiqué")
    number = format_phone(answers[phone])
    return f"{answers[name]}\n{number}" if number else answers[name]


def _acknowledgement(answers):
    ways = [_("Un document à télécharger (PDF) à la fin")]
    if answers["email"]:
        ways.append(_("Par e-mail à %(email)s") % {"email": answers["email"]})
    if answers["text_number"]:
        ways.append(_("Par SMS au %(number)s") % {"number": format_phone(answers["text_number"])})
    return "\n".join(ways)


@sensitive_post_parameters()
@private_page
def check_answers(request, page):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    answers = drafts.load(request, DRAFT_SCOPE)
    if not answers:
        drafts.discard(request, DRAFT_SCOPE)
        return HttpResponseRedirect(page.url)
    if request.method == "POST" and request.POST.get("prolonger"):
        # More time, as often as wanted (RGAA 13.1): the answers are kept again from now.
        drafts.keep(request, DRAFT_SCOPE, answers)
        messages.success(request, time_limit.extended_message(drafts.expires_at(request, DRAFT_SCOPE)))
        return HttpResponseRedirect(page.route_url("check"))
    if request.method == "POST":
        if is_limited(request, RATE_SCOPE):
            return too_many_requests(request)
        # Checked again: the day (an age), or the communes, may have changed in the meantime.
        form = SignupForm(form_data_from_answers(answers))
        if not form.is_valid():
            return HttpResponseRedirect(page.url)
        submitted = services.submit_signup(site=Site.find_for_request(request), page=page, answers=form.session_data())
        count_submission(request, RATE_SCOPE)
        drafts.discard(request, DRAFT_SCOPE)
        request.session[DONE_KEY] = submitted.token
        return HttpResponseRedirect(page.route_url("done"))
    limit = time_limit.context(drafts.expires_at(request, DRAFT_SCOPE), int(drafts.max_age().total_seconds() // 60))
    third_party = answers["for_whom"] == FOR_OTHER
    context = page_context(request, page, rows=answer_rows(answers, page), third_party=third_party, time_limit=limit)
    return TemplateResponse(request, "welfare/check_answers.html", context)


@private_page
def signup_done(request, page):
    """Shown once, right after sending: reloading it, or coming Back to it, shows the empty form."""
    token = request.session.pop(DONE_KEY, None)
    entry = services.entry_for_token(token)
    if entry is None:
        return HttpResponseRedirect(page.url)
    context = page_context(
        request,
        page,
        entry=entry,
        status_url=page.route_url("status", token),
        letter_url=page.route_url("letter", token),
    )
    return TemplateResponse(request, "welfare/signup_done.html", context)


@private_page
def removed(request, page):
    """After a removal from the status link: once, then the form."""
    if not request.session.pop(REMOVED_KEY, False):
        return HttpResponseRedirect(page.url)
    return TemplateResponse(request, "welfare/removed.html", page_context(request, page))
