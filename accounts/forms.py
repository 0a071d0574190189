from django import forms
from django.contrib.auth.hashers import make_password
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


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form, answering in the same time whether the address has an account.

    With an address already known, allauth sends a message to its owner instead of creating an
    account, and skips the password hashing that a new account costs (a few hundred
    milliseconds with PBKDF2): the delay alone would tell who has an account. The password is
    hashed and thrown away in that case too.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
