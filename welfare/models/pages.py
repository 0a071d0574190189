"""The public page of the register: `/registre-personnes-vulnerables/` and its steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from home.blocks import BodyBlock


class RegisterSignupPage(RoutablePageMixin, Page):
    """The sign-up form of the register, its check step, confirmation and the private status link.

    Editors own the introduction, the page offered to people who cannot register (usually the
    appointment pre-request) and the content after the form; the routes are the flow.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link", "ol", "ul"])
    other_help_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page proposée aux personnes qui ne peuvent pas s'inscrire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Par exemple la page « Prendre rendez-vous »."),
    )
    notification_email = models.EmailField(
        _("adresse de notification de l'équipe de veille sociale"),
        blank=True,
        help_text=_("Reçoit un message (référence et lien vers l'administration seulement) à chaque inscription."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu après le formulaire"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("other_help_page"), FieldPanel("body")]
    # Every inscription is announced there: a wrong address would tell an outsider who is
    # vulnerable, so only Administration may change it.
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("notification_email", permission="welfare.change_register_notification_address"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page d'inscription au registre des personnes vulnérables")
        permissions = [
            (
                "change_register_notification_address",
                _("Peut changer l'adresse de notification des inscriptions au registre"),
            )
        ]

    def get_sitemap_urls(self, request=None):
        # Every step answers `noindex` (personal data is typed there): nothing to offer crawlers.
        return []

    def route_url(self, name, *args):
        """The address of one step (`form`, `check`, `done`, `status`…) of this page."""
        return self.url + self.reverse_subpage(name, args=args)

    @path("", name="form")
    def form_view(self, request):
        from welfare import views

        return views.signup_form(request, self)

    @path("verifier/", name="check")
    def check_view(self, request):
        from welfare import views

        return views.check_answers(request, self)

    @path("confirmation/", name="done")
    def done_view(self, request):
        from welfare import views

        return views.signup_done(request, self)

    @path("desinscription-confirmee/", name="removed")
    def removed_view(self, request):
        from welfare import views

        return views.removed(request, self)

    @path("suivi/<str:token>/", name="status")
    def status_view(self, request, token):
        from welfare import status_views

        return status_views.entry_status(request, self, token)

    @path("suivi/<str:token>/accuse-de-reception/", name="letter")
    def letter_view(self, request, token):
        from welfare import status_views

        return status_views.acknowledgement_letter(request, self, token)

    @path("suivi/<str:token>/confirmer/", name="confirm")
    def confirm_view(self, request, token):
        from welfare import status_views

        return status_views.entry_confirm(request, self, token)

    @path("suivi/<str:token>/desinscription/", name="remove")
    def remove_view(self, request, token):
        from welfare import status_views

        return status_views.entry_remove(request, self, token)

    @path("suivi/<str:token>/rattacher/", name="attach")
    def attach_view(self, request, token):
        from welfare import status_views

        return status_views.entry_attach(request, self, token)
