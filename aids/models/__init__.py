"""The aids guide: aid pages and their criteria, tariff grids by quotient familial, the parts rules."""

from .pages import AidIndexPage, AidPage, AidStatus, Household
from .quotient_settings import QuotientSettings
from .tariffs import TariffBracket, TariffGrid

__all__ = [
    "AidIndexPage",
    "AidPage",
    "AidStatus",
    "Household",
    "QuotientSettings",
    "TariffBracket",
    "TariffGrid",
]
