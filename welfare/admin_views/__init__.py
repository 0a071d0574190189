"""The register's admin screens, for the Veille sociale role (and Administration) only.

Every view answers a plain 403 to anyone without the permission it needs (never Wagtail's
redirect to the dashboard), every page is `no-store`, and every opening of an entry, export
or print of personal data writes a line in the entry's journal.
"""
