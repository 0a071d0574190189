"""The action sheet's evaluation indicators, computed from what actually happened.

One module per family of figures: `sessions`, `participants`, `supports`, `feedback`, `services`
(appointment requests). Each has a *query step* (`count_…`: a fixed, small number of grouped
queries over the chosen period and the previous one at once, whatever the amount of data,
returning plain numbers) and a *table step* (`…_section`: those numbers as a `Section` of French
key figures, tables and month-by-month series). The admin page, the exports, the board summary
and the tests all read these sections, so the numbers are the same everywhere by construction.

`texts` counts the text messages sent to residents, by kind; `aids` the views of the aids
guide's pages and its completed question paths; `news` the subscriptions to new temps
ressources and the "Prévenez-moi" requests kept today, per filter.

`periods.Period` says which days are counted and what they are compared with; `tables` holds
the shapes every family returns; `numbers` writes them the French way.
"""

from .aids import aids_figures
from .feedback import feedback_figures
from .news import news_figures
from .participants import NEEDS, participants_figures
from .periods import Period
from .services import services_figures
from .sessions import sessions_figures
from .supports import FILE_FORMAT_LABELS, supports_figures
from .tables import Headings, KeyFigure, Section, Series, Table, month_label
from .texts import texts_figures

__all__ = [
    "FILE_FORMAT_LABELS",
    "NEEDS",
    "Headings",
    "KeyFigure",
    "Period",
    "Section",
    "Series",
    "Table",
    "aids_figures",
    "all_sections",
    "feedback_figures",
    "month_label",
    "participants_figures",
    "services_figures",
    "sessions_figures",
    "supports_figures",
    "news_figures",
    "texts_figures",
]


def all_sections(period, *, now=None):
    """Every family, in the action sheet's order, then the register of vulnerable people."""
    from ..welfare import welfare_figures

    return [
        sessions_figures(period, now=now),
        participants_figures(period, now=now),
        supports_figures(period),
        feedback_figures(period),
        services_figures(period),
        texts_figures(period),
        aids_figures(period),
        news_figures(period),
        welfare_figures(period),
    ]
