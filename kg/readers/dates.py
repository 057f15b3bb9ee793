"""Dates as they appear on paper listings."""

import re
from datetime import date, datetime

_MONTH_DAY = re.compile(r"([A-Z][a-z]{2})[a-z]*\.? (\d{1,2})(?:, (\d{4}))?")


def parse_date(text: str, reference: date) -> str | None:
    """'Nov 6, 2025' or 'Apr 14' (year of the reference date) or ISO -> 'yyyy-mm-dd'."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%Y-%m"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            pass
    m = _MONTH_DAY.fullmatch(text)
    if not m:
        return None
    year = int(m.group(3)) if m.group(3) else reference.year
    try:
        return datetime.strptime(f"{m.group(1)} {m.group(2)} {year}", "%b %d %Y").date().isoformat()
    except ValueError:
        return None
