"""How long a text message is: the GSM 03.38 alphabet, UCS-2, and segments.

A text in the GSM 7-bit default alphabet (3GPP TS 23.038: the basic table, plus the extension
table whose characters cost two septets, "€" among them) fits 160 septets in one segment, or 153
per segment once it is split (the concatenation header takes the rest). Any other character
(â, ê, î, ô, û, ç, œ, emoji…) makes the whole text UCS-2: 70 code units in one segment, 67 per
segment when split. Splitting never cuts a two-septet character or a surrogate pair.

`prepare()` is the rule the outbox applies to every body (see its docstring); `measure()`
reports (encoding, segments, units) for any text.
"""

import re
import unicodedata
from typing import NamedTuple

GSM7 = "gsm7"
UCS2 = "ucs2"
MAX_SEGMENTS = 2

# Index = the septet's value; "\x1b" (escape to the extension table) is not a character.
BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = {
    "\x0c": 0x0A,
    "^": 0x14,
    "{": 0x28,
    "}": 0x29,
    "\\": 0x2F,
    "[": 0x3C,
    "~": 0x3D,
    "]": 0x3E,
    "|": 0x40,
    "€": 0x65,
}
ESCAPE = 0x1B
BASIC_INDEX = {char: index for index, char in enumerate(BASIC) if index != ESCAPE}

SINGLE = {GSM7: 160, UCS2: 70}
PART = {GSM7: 153, UCS2: 67}

# Typography that never carries meaning in a text message: apostrophes, quotes, dashes, spaces.
TYPOGRAPHY = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‚": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\t": " ",
        "œ": "oe",
        "Œ": "OE",
    }
)
FRENCH_QUOTES = re.compile(r"«\s*|\s*»")


class Measure(NamedTuple):
    encoding: str  # GSM7 or UCS2
    segments: int
    units: int  # septets (GSM7) or UTF-16 code units (UCS2)


def is_gsm7(text):
    """True if every character is in the GSM 03.38 basic or extension table."""
    return all(char in BASIC_INDEX or char in EXTENSION for char in text)


def _cost(char, encoding):
    if encoding == GSM7:
        return 2 if char in EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def split(text):
    """The text as sent: one piece if it fits one segment, else pieces of at most 153 septets
    (GSM-7) or 67 code units (UCS-2), never cutting a character."""
    encoding = GSM7 if is_gsm7(text) else UCS2
    if sum(_cost(char, encoding) for char in text) <= SINGLE[encoding]:
        return [text]
    pieces, current, used = [], [], 0
    for char in text:
        cost = _cost(char, encoding)
        if used + cost > PART[encoding]:
            pieces.append("".join(current))
            current, used = [], 0
        current.append(char)
        used += cost
    pieces.append("".join(current))
    return pieces


def measure(text):
    """(encoding, segments, units) of `text` exactly as `split()` would send it."""
    encoding = GSM7 if is_gsm7(text) else UCS2
    units = sum(_cost(char, encoding) for char in text)
    return Measure(encoding, len(split(text)), units)


def encode_gsm7(text):
    """The SMPP form of a GSM-7 text: one octet per septet (unpacked), escape + code for the
    extension table. The SMSC packs septets for the radio interface."""
    out = bytearray()
    for char in text:
        if char in EXTENSION:
            out += bytes((ESCAPE, EXTENSION[char]))
        else:
            out.append(BASIC_INDEX[char])
    return bytes(out)


def fold_typography(text):
    """Curly quotes, French quotes, dashes, ellipsis, special spaces and œ → their plain forms."""
    return FRENCH_QUOTES.sub('"', text).translate(TYPOGRAPHY)


def fold_accents(text):
    """Letters outside GSM-7 → their base letter when that one is in GSM-7 (ê → e, ç → c, Â → A)."""
    out = []
    for char in text:
        if char not in BASIC_INDEX and char not in EXTENSION:
            base = unicodedata.normalize("NFD", char)[0]
            if base in BASIC_INDEX:
                char = base
        out.append(char)
    return "".join(out)


def prepare(text):
    """The body the outbox stores: typography folded, and accents folded only if that saves a segment.

    "é è à ù É Ç €" and the other GSM-7 characters always arrive as written; a text with "ê" or
    "ç" stays in UCS-2, accents intact, unless folding them to "e" or "c" makes it need fewer
    segments (for example one GSM-7 segment of 150 characters instead of three UCS-2 ones).
    """
    text = fold_typography(text).replace("\r\n", "\n").strip()
    if is_gsm7(text):
        return text
    folded = fold_accents(text)
    return folded if measure(folded).segments < measure(text).segments else text
