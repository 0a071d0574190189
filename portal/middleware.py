"""Response headers that Django has no setting for, and the client address behind a proxy."""

import ipaddress

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
        if request.path.startswith(tuple(settings.NO_STORE_PATH_PREFIXES)):
            # Account pages show TOTP secrets, recovery codes and addresses: never stored.
            response.headers["Cache-Control"] = "no-store"
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
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


class ClientAddressMiddleware:
    """REMOTE_ADDR becomes the visitor's address when the request came through a trusted proxy.

    Rate limits (the portal's and allauth's) key on REMOTE_ADDR. Behind a reverse proxy or a
    load balancer that is the proxy, so every visitor would share one limit. `X-Forwarded-For`
    is read only when the connection itself comes from an address of TRUSTED_PROXIES, from the
    right: each trusted hop is skipped and the first address that is not one of them is the
    client. Anyone else's header is ignored, so a visitor cannot choose their own address.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]

    def is_trusted(self, address):
        try:
            ip = ipaddress.ip_address(address.strip())
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)

    def client_address(self, request):
        remote = request.META.get("REMOTE_ADDR", "")
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if not (self.trusted and forwarded and self.is_trusted(remote)):
            return remote
        for hop in reversed([part.strip() for part in forwarded.split(",")]):
            if self.is_trusted(hop):
                continue
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a malformed hop: trust nothing beyond the proxy
        return remote

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = self.client_address(request)
        return self.get_response(request)
