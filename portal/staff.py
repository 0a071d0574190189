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
