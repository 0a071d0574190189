"""StreamField blocks shared by every page type."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .rgaa import load_audit

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    """A section title; level 2 or 3 keeps the outline under the page's single h1."""

    text = blocks.CharBlock(label=_("Titre"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section (niveau 2)")), ("h3", _("Sous-titre (niveau 3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    """An image whose text alternative is required, unless the editor says it is decorative."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Texte alternatif"),
        required=False,
        max_length=250,
        help_text=_("Décrivez ce que l'image apporte, par exemple « Accueil du CCAS, rez-de-chaussée »."),
    )
    decorative = blocks.BooleanBlock(label=_("Image décorative (n'apporte aucune information)"), required=False)
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Indiquez un texte alternatif, ou cochez « image décorative »."))
                }
            )
        return value


class CalloutBlock(blocks.StructBlock):
    """A highlighted box ("À retenir", "Attention") drawn with an icon and a title, not colour alone."""

    kind = blocks.ChoiceBlock(
        label=_("Type"),
        choices=[
            ("info", _("À retenir")),
            ("warning", _("Attention")),
            ("tip", _("Bon à savoir")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Texte"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Encadré")
        template = "blocks/callout_block.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question ou intitulé"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Réponse"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open in place (`<details>`: works without JavaScript)."""

    title = blocks.CharBlock(label=_("Titre de la liste"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Questions / réponses")
        template = "blocks/accordion_block.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable file; its format and size are shown next to the link."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Intitulé du lien"),
        required=False,
        help_text=_("Laissez vide pour reprendre le titre du document."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "blocks/document_block.html"


class ContactBlock(blocks.StructBlock):
    """Who to contact for this topic, with the ways to reach them."""

    name = blocks.CharBlock(label=_("Service ou personne"), max_length=150)
    address = blocks.TextBlock(label=_("Adresse"), required=False)
    phone = blocks.CharBlock(label=_("Téléphone"), required=False, max_length=30)
    email = blocks.EmailBlock(label=_("Adresse e-mail"), required=False)
    hours = blocks.TextBlock(label=_("Horaires"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact")
        template = "blocks/contact_block.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site, or to another site."""

    title = blocks.CharBlock(label=_("Intitulé"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page du site"), required=False)
    url = blocks.URLBlock(label=_("ou adresse d'un autre site"), required=False)
    description = blocks.CharBlock(label=_("Description courte"), required=False, max_length=160)

    class Meta:
        icon = "link"
        label = _("Lien")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choisissez une page ou une adresse, pas les deux."))}
            )
        return value


class HighlightedLinksBlock(blocks.StructBlock):
    """Large call-to-action buttons ("Prendre rendez-vous", "S'inscrire à un atelier")."""

    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=120)
    links = blocks.ListBlock(LinkBlock(), label=_("Liens"), min_num=1, max_num=4)

    class Meta:
        icon = "pick"
        label = _("Liens mis en avant")
        template = "blocks/highlighted_links_block.html"


class FeaturedPagesBlock(blocks.StructBlock):
    """Cards pointing to chosen pages of the site."""

    title = blocks.CharBlock(label=_("Titre"), max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Pages"), min_num=1, max_num=6)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Pages à la une")
        template = "blocks/featured_pages_block.html"


class AccessibilityAuditBlock(blocks.StaticBlock):
    """The accessibility statement's results, computed from the audit grid (home/audit/)."""

    class Meta:
        icon = "tick-inverse"
        label = _("Résultats de l'audit d'accessibilité (RGAA)")
        admin_text = _(
            "Affiche l'état de conformité, le taux calculé depuis la grille d'audit, l'échantillon, "
            "l'environnement de test, les non-conformités, les dérogations, le contact et les voies de recours. "
            "La date, l'échantillon, le schéma pluriannuel et les dérogations se règlent dans les paramètres du site."
        )
        template = "blocks/accessibility_audit_block.html"

    def get_context(self, value, parent_context=None):
        return {**super().get_context(value, parent_context), "audit": load_audit()}


HEADING_TAG = re.compile(r"<h([2-6])\b")


def heading_levels(child):
    """The heading levels a block of a body adds to the page outline, in order."""
    if child.block_type == "heading":
        return [int(child.value["level"][1])]
    if child.block_type == "paragraph":
        return [int(level) for level in HEADING_TAG.findall(child.value.source)]
    return []


def heading_order_problem(body, start=1):
    """What is wrong with the body's heading levels (RGAA 9.1), or None.

    Under a heading of level `start` (the page's h1), a heading may go at most one level deeper
    than the one before it: h2, then h3, then h4.
    """
    previous = start
    for child in body:
        for level in heading_levels(child):
            if level > previous + 1:
                return _(
                    "Un titre de niveau %(level)s vient après un titre de niveau %(previous)s : ajoutez "
                    "d'abord un titre de niveau %(missing)s, ou choisissez le niveau %(missing)s."
                ) % {"level": level, "previous": previous, "missing": previous + 1}
            previous = level
    return None


class BodyBlock(blocks.StreamBlock):
    """The content blocks of a standard page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Texte"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageBlock()
    callout = CalloutBlock()
    accordion = AccordionBlock()
    document = DocumentBlock()
    contact = ContactBlock()
    links = HighlightedLinksBlock()


class StandardBodyBlock(BodyBlock):
    """A content page's blocks: those of every page, and the accessibility statement's results."""

    accessibility_audit = AccessibilityAuditBlock()


class HomeBodyBlock(blocks.StreamBlock):
    """The content blocks of the home page."""

    intro = blocks.RichTextBlock(label=_("Introduction"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    links = HighlightedLinksBlock()
    featured = FeaturedPagesBlock()
    callout = CalloutBlock()
