from django import forms


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="Je comprends que mon compte et mes données seront supprimés définitivement",
        required=True,
        error_messages={"required": "Cochez la case pour confirmer la suppression de votre compte"},
    )
