"""The register of vulnerable people (CASF L121-6-1, R121-2 to R121-12): page, entries, campaigns."""

from .campaigns import CallAttempt, CallLine, Campaign, Transmission
from .pages import RegisterSignupPage
from .register import REFERENCE_PREFIX, EntryEvent, RegisterActivity, RegisterEntry, age_on, token_for_key

__all__ = [
    "REFERENCE_PREFIX",
    "CallAttempt",
    "CallLine",
    "Campaign",
    "EntryEvent",
    "RegisterActivity",
    "RegisterEntry",
    "RegisterSignupPage",
    "Transmission",
    "age_on",
    "token_for_key",
]
