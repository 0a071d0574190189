"""allauth adapter: emails through the portal's outbox, and where people land after login."""

from django.urls import reverse

from allauth.account.adapter import DefaultAccountAdapter

from portal.emails import email_context, queue_email
from portal.ratelimit import client_ip
from portal.staff import is_staff_user


class PortalAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render allauth's message as usual but send it like every other portal email.

        Going through the outbox means a slow or failing SMTP server never breaks sign-up or
        password reset, and `send_queued_emails` retries what could not leave.
        """
        request = context.get("request") or self.request
        context = {
            **email_context(),
            "request": request,
            "email": email,
            "current_site": self._current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        html = next((body for body, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), "")
        text = message.body if message.content_subtype == "plain" else ""
        queue_email(message.to, message.subject, text, html or (message.body if not text else ""))

    @staticmethod
    def _current_site(request):
        from django.contrib.sites.shortcuts import get_current_site

        return get_current_site(request)

    def get_login_redirect_url(self, request):
        if is_staff_user(request.user):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)

    def is_open_for_signup(self, request):
        return True

    def get_client_ip(self, request):
        """The address allauth's rate limits key on: the portal's (see ClientAddressMiddleware)."""
        return client_ip(request) or super().get_client_ip(request)
