"""Who counts as staff: the one definition every app uses."""


def is_staff_user(user):
    """Anyone who can open the Wagtail admin (or Django's flags say so) is staff.

    Staff must pass the second factor (accounts), and their own views of public pages are not
    counted as residents' (resources).
    """
    if user is None or not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
