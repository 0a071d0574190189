"""Response headers that Django has no setting for."""

from django.conf import settings

from csp import constants as csp_constants
from csp import middleware as csp_middleware
from csp import utils as csp_utils


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


class CSPMiddleware(csp_middleware.CSPMiddleware):
    """django-csp's middleware, building the site-wide header once instead of on every response.

    Most responses use neither a nonce nor a per-view override, so their header is always the
    same string; django-csp rebuilds it each time (a fifth of the cost of a page served from the
    page cache). Anything else goes through django-csp unchanged.
    """

    _built = {}

    def process_response(self, request, response):
        uses_defaults = (
            getattr(request, "_csp_nonce", None) is None
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not any(getattr(response, name, None) for name in ("_csp_config", "_csp_update", "_csp_replace"))
        )
        if not uses_defaults:
            return super().process_response(request, response)
        policy = settings.CONTENT_SECURITY_POLICY or {}
        key = id(policy)
        if key not in self._built:
            self._built.clear()
            self._built[key] = csp_utils.build_policy()
        excluded = request.path_info.startswith(tuple(policy.get("EXCLUDE_URL_PREFIXES") or ()))
        exempt = excluded or getattr(response, "_csp_exempt", False)
        if self._built[key] and csp_constants.HEADER not in response and not exempt:
            response[csp_constants.HEADER] = self._built[key]
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = csp_middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response
