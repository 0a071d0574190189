"""The editors' document form: help texts that keep documents accessible (RGAA 6.1, 13.3)."""

from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm

TITLE_HELP = _(
    "Il sert d'intitulé au lien : dites ce que contient le document, par exemple « Guide des aides "
    "au logement 2027 », pas « document » ni le nom du fichier."
)
FILE_HELP = _(
    "Un document accessible : PDF balisé avec un titre et la langue (dans le traitement de texte, "
    "« Enregistrer en PDF » avec l'option « PDF accessible » ou « PDF/UA »), ou un format ouvert (ODT, DOCX). "
    "Le format et le poids s'affichent à côté du lien."
)


class AccessibleDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].help_text = TITLE_HELP
        if "file" in self.fields:
            self.fields["file"].help_text = FILE_HELP
