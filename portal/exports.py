"""The one way the portal writes spreadsheets: CSV and XLSX that French office software opens as is.

- CSV: UTF-8 with a byte-order mark and semicolons (what Excel and LibreOffice in French read
  without an import dialog), every cell quoted when needed.
- Cells are inert: text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
  prefixed with an apostrophe in CSV (OWASP "CSV injection"), and written as a plain string,
  never a formula, in XLSX. Names and comments typed by residents end up in these files.
- Phone numbers and other codes are text, so leading zeros stay (`Text` cells).
- XLSX: one named sheet per table, column widths from the content, real dates and times
  (`date`/`datetime` values) and percentages (`Percent` values), a frozen header row.

`SpreadsheetExportMixin` brings the same writer to Wagtail's list views (`list_export`).
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import slugify

from wagtail.admin.views.mixins import SpreadsheetExportMixin as WagtailSpreadsheetExportMixin

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
SHEET_NAME_MAX = 31  # Excel's limit


@dataclass(frozen=True)
class Percent:
    """A share between 0 and 1: a real percentage in XLSX, "12,5 %" in CSV."""

    value: float

    def __str__(self):
        return f"{self.value * 100:.1f} %".replace(".", ",")


@dataclass(frozen=True)
class Text:
    """A value that must stay text (a phone number, a postcode): never a number, never a formula."""

    value: str

    def __str__(self):
        return self.value


def _inert(text):
    return "'" + text if text.startswith(FORMULA_START) else text


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def csv_cell(value):
    """One CSV cell as text: inert, dates written the French way."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return f"{_local(value):%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return _inert(force_str(value))


def csv_bytes(columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(force_str(column)) for column in columns])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_title(title, used):
    """A valid, unique sheet name: no `[]:*?/\\'`, at most 31 characters, shortened with "…"."""
    name = re.sub(r"[\[\]:*?/\\']", " ", force_str(title)).strip() or "Tableau"
    if len(name) > SHEET_NAME_MAX:
        name = name[: SHEET_NAME_MAX - 1].rstrip() + "…"
    candidate, number = name, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate = name[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        number += 1
    used.add(candidate.lower())
    return candidate


def _xlsx_cell(sheet, row, column, value):
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return cell
    if isinstance(value, Percent):
        cell.value, cell.number_format = value.value, "0.0%"
    elif isinstance(value, bool):
        cell.value = "oui" if value else "non"
    elif isinstance(value, datetime.datetime):
        cell.value, cell.number_format = _local(value), DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.value, cell.number_format = value, DATE_FORMAT
    elif isinstance(value, int | float):
        cell.value = value
    else:
        cell.value = force_str(value)
        cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
    return cell


def _display_width(value):
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in force_str(value if value is not None else "").splitlines()), default=0)


def add_sheet(workbook, title, columns, rows, used):
    sheet = workbook.create_sheet(sheet_title(title, used))
    widths = [len(force_str(column)) for column in columns]
    for index, column in enumerate(columns, start=1):
        _xlsx_cell(sheet, 1, index, force_str(column)).font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            _xlsx_cell(sheet, row_number, index, value)
            widths[index - 1] = max(widths[index - 1], _display_width(value))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(60, width + 2))
    sheet.freeze_panes = "A2"
    return sheet


def xlsx_bytes(sheets):
    """`sheets`: [(title, columns, rows)], one worksheet each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for title, columns, rows in sheets:
        add_sheet(workbook, title, columns, rows, used)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(*parts):
    """`inscriptions-cafe-des-parents-2027-03-23`: the parts slugified and joined."""
    return "-".join(slug for slug in (slugify(force_str(part)) for part in parts if part) if slug) or "export"


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def csv_response(filename, columns, rows):
    return download(csv_bytes(columns, rows), f"{filename}.csv", "text/csv; charset=utf-8")


def xlsx_response(filename, sheets):
    return download(xlsx_bytes(sheets), f"{filename}.xlsx", XLSX_TYPE)


class SpreadsheetExportMixin(WagtailSpreadsheetExportMixin):
    """Wagtail's `list_export`, written by this module (BOM, semicolons, inert cells, named sheet).

    Views may set `export_sheet_title` and override `get_filename()`; `to_row_dict()` may return
    dates, `Text` and `Percent` values.
    """

    export_sheet_title = None

    def export_value(self, field, value):
        # Dates stay dates (local time, see `_local`): Wagtail would write aware ones in UTC.
        if isinstance(value, Text | Percent | datetime.date | datetime.time):
            return value
        return self.preprocess_field_value(field, value, self.FORMAT_XLSX)

    def export_rows(self, queryset):
        for item in queryset:
            row = self.to_row_dict(item)
            yield [self.export_value(field, row[field]) for field in self.list_export]

    def export_columns(self, queryset):
        return [self.get_heading(queryset, field) for field in self.list_export]

    def write_csv_response(self, queryset):
        return csv_response(self.get_filename(), self.export_columns(queryset), self.export_rows(queryset))

    def write_xlsx_response(self, queryset):
        title = self.export_sheet_title or self.get_filename()
        return xlsx_response(self.get_filename(), [(title, self.export_columns(queryset), self.export_rows(queryset))])
