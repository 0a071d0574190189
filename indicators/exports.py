"""Tables as CSV or XLSX downloads (a small helper any admin view can reuse).

Cells that a spreadsheet would read as a formula (starting with =, +, -, @) are prefixed with an
apostrophe: comments typed by residents end up in these files.
"""

import csv
import io
import re

from django.http import HttpResponse

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    if isinstance(value, (int, float)):
        return value
    return str(value)


def csv_bytes(columns, rows):
    buffer = io.StringIO()
    # Semicolons and a BOM: what a French spreadsheet opens without an import dialog.
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(str(column)) for column in columns])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(title, used):
    name = re.sub(r"[\[\]:*?/\\']", " ", str(title)).strip()[:28] or "Tableau"
    candidate, number = name, 2
    while candidate in used:
        candidate = f"{name[:25]} {number}"
        number += 1
    used.add(candidate)
    return candidate


def xlsx_bytes(sheets):
    """`sheets`: [(title, columns, rows)], one worksheet each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(title, used))
        sheet.append([str(column) for column in columns])
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(str(column)) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def csv_response(filename, columns, rows):
    return download(csv_bytes(columns, rows), f"{filename}.csv", "text/csv; charset=utf-8")


def xlsx_response(filename, sheets):
    return download(xlsx_bytes(sheets), f"{filename}.xlsx", XLSX_TYPE)
