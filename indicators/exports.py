"""The indicators as files: one table as CSV or XLSX, every table as a workbook, the board summary's name.

The workbook opens on an "À propos" sheet that says which days are counted and what they are
compared with; each table follows on its own readable tab ("Séances par format"), with column
headings dated with their period, numbers as numbers and rates as percentages.
"""

from django.utils.translation import gettext as _

from portal.exports import export_filename, sheet_title


def filename(period, *parts):
    """ "indicateurs-temps-par-format-2026-01-01-au-2026-12-01"."""
    return export_filename(_("indicateurs"), *parts, period.file_part)


def about_rows(period, named_tables, today):
    """What the workbook holds: the periods compared, then one line per tab."""
    rows = [
        [_("Période"), str(period)],
        [_("Comparaison"), period.described()],
    ]
    if period.is_cut:
        rows.append([_("Remarque"), period.cut_note()])
    rows.append([_("Établi le"), today])
    for name, table in named_tables:
        content = f"{table.title}. {table.note}" if table.note else str(table.title)
        rows.append([_("Onglet « %(name)s »") % {"name": name}, content])
    return rows


def workbook_sheets(period, tables, today):
    """[(sheet name, columns, rows)]: "À propos" then every table, under unique names of 31 characters at most."""
    used = set()
    about = sheet_title(_("À propos"), used)
    named = [(sheet_title(table.sheet or table.title, used), table) for table in tables]
    return [
        (about, [_("Rubrique"), _("Contenu")], about_rows(period, named, today)),
        *((name, table.columns, table.rows) for name, table in named),
    ]
