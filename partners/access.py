"""What a partner's own account may act on: the events of its organisations, nothing else.

A member of the "Partenaire" role (accounts.roles) who is not CIAS staff (staff can change
organisations) is limited to the organisations listed as theirs; `events` applies the limit to
its pages and forms.
"""

PARTNER_ROLE = "Partenaire"


def partner_organisations(user):
    """The ids of the organisations `user` may act for, or None when they are not limited."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    cached = getattr(user, "_partner_organisations", False)
    if cached is not False:
        return cached
    limited = user.groups.filter(name=PARTNER_ROLE).exists() and not user.has_perm("partners.change_organisation")
    result = frozenset(user.organisations.values_list("pk", flat=True)) if limited else None
    user._partner_organisations = result
    return result
