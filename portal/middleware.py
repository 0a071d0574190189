"""Response headers that Django has no setting for."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Add Permissions-Policy everywhere and the admin's own Content-Security-Policy.

    The public CSP comes from django-csp, which skips `/admin/`: the Wagtail admin still needs
    inline scripts. The admin policy keeps what blocks plugins, base-tag injection and framing by
    other sites (only Wagtail's own preview frames itself).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith("/admin/"):
            policy = settings.ADMIN_CONTENT_SECURITY_POLICY
            if "/preview/" not in request.path:
                policy = policy.replace("frame-ancestors 'self'", "frame-ancestors 'none'")
            response.headers["Content-Security-Policy"] = policy
            response.headers.setdefault("Cache-Control", "no-store")
        return response
