"""The register's admin addresses answer 403 to anonymous visitors (not Wagtail's login redirect).

Wagtail sends an anonymous visitor of any admin address to the login page; for the register
the rule is stricter: nobody who is not signed in gets anything but a refusal, whatever the
address (list, detail, export, campaign). The 403 page links to the login form.
"""

from django.shortcuts import render

ADMIN_PREFIX = "/admin/registre/"


class RegisterAdminGate:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX) and not request.user.is_authenticated:
            response = render(request, "welfare/admin_signed_out.html", {"next": ADMIN_PREFIX}, status=403)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
