from django import forms
from django.utils.translation import gettext_lazy as _

from allauth.account import forms as allauth_forms


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Je comprends que mon compte et mes données seront supprimés définitivement"),
        required=True,
        error_messages={"required": _("Cochez la case pour confirmer la suppression de votre compte")},
    )


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form; the "forgotten password" link goes after the fields (see login.html).

    allauth puts it in the password's help text, which would place a link between the label and
    the box: keyboard users would Tab into it while typing their password.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
