"""Who counts as staff: the one definition every app uses."""


def is_staff_user(user):
    """Anyone who can open the Wagtail admin (or Django's flags say so) is staff.

    Staff must pass the second factor (accounts), and their own views of public pages are not
    counted as residents' (resources).
    """
    if user is None or not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def require_permission(user, permission):
    """Refuse (403, the admin's own refusal page) a staff view to a user without `permission`."""
    from django.core.exceptions import PermissionDenied

    if not user.has_perm(permission):
        raise PermissionDenied


class PhoneSearchMixin:
    """For an admin list (a Wagtail IndexView) of records with a `phone` stored in E.164: a number
    typed the usual way in the search box ("06 12 34 56 78", "0612345678") finds it too."""

    def search_queryset(self, queryset):
        from portal.phones import stored_e164

        found = super().search_queryset(queryset)
        number = stored_e164(self.search_query) if self.is_searching else ""
        return (found | queryset.filter(phone=number)) if number else found
