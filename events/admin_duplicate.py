"""Duplicate an event with new dates: the next cycle of a parents' group in one screen.

The copy is a draft under the same agenda (an editor checks and publishes it): same texts,
settings and venues, every session moved by the same number of days so that the first one
falls on the chosen date, at the same times; cancelled sessions and registrations are not
copied. Needs the right to add pages under the agenda.
"""

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import EventPage, EventSession


class DuplicateForm(forms.Form):
    title = forms.CharField(label=_("Titre du nouveau temps ressources"), max_length=255)
    first_date = forms.DateField(
        label=_("Date de la première séance"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Les autres séances suivent au même rythme, aux mêmes heures."),
        error_messages={"invalid": _("Écrivez une date, par exemple 03/03/2027.")},
    )

    def clean_first_date(self):
        day = self.cleaned_data["first_date"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Choisissez une date à venir."))
        return day


def unique_slug(parent, base):
    slugs = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in slugs:
        slug, number = f"{base}-{number}", number + 1
    return slug


def duplicate_event(event, *, title, first_date, user):
    """A draft copy of `event` whose sessions start on `first_date` (see the module docstring)."""
    sessions = list(event.sessions.exclude(status=EventSession.Status.CANCELLED).order_by("start"))
    if not sessions:
        raise ValueError("no session")
    first = timezone.localtime(sessions[0].start)
    delta = timezone.make_aware(datetime.combine(first_date, first.time())) - first
    parent = event.get_parent()
    copy = event.copy(
        to=parent,
        update_attrs={"title": title, "slug": unique_slug(parent, slugify(f"{title}-{first_date:%Y-%m}")[:200])},
        keep_live=False,
        copy_revisions=False,
        user=user,
    )
    copy.sessions.all().delete()
    for session in sessions:
        EventSession.objects.create(
            event=copy,
            start=_shift(session.start, delta),
            end=_shift(session.end, delta),
            venue_id=session.venue_id,
            capacity=session.capacity,
            note=session.note,
            sort_order=session.sort_order,
        )
    copy.save_revision(user=user, log_action=False)
    return copy


def _shift(moment, delta):
    """The same wall-clock time `delta` later (across a change to or from summer time too)."""
    local = timezone.localtime(moment)
    day = (local + timedelta(days=delta.days)).date()
    return timezone.make_aware(datetime.combine(day, local.time()))


class DuplicateView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/duplicate_event.html"
    page_title = _("Dupliquer avec de nouvelles dates")
    header_icon = "copy"

    def dispatch(self, request, event_id):
        self.event = get_object_or_404(EventPage, pk=event_id)
        if not self.event.get_parent().permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        return super().dispatch(request, event_id)

    def get_page_subtitle(self):
        return self.event.title

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        sessions = list(self.event.sessions.exclude(status=EventSession.Status.CANCELLED).order_by("start"))
        context.update(
            event=self.event,
            sessions=sessions,
            form=form or DuplicateForm(initial={"title": self.event.title}),
            cancel_url=reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
        )
        return context

    def post(self, request, event_id):
        form = DuplicateForm(request.POST)
        if form.is_valid() and self.event.sessions.exists():
            copy = duplicate_event(
                self.event,
                title=form.cleaned_data["title"],
                first_date=form.cleaned_data["first_date"],
                user=request.user,
            )
            messages.success(
                request, _("Brouillon créé : vérifiez les séances, puis publiez « %(title)s ».") % {"title": copy.title}
            )
            return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[copy.pk]))
        return self.render_to_response(self.get_context_data(form=form))
