"""Validity windows: issuanceDate/validFrom/nbf to expirationDate/validUntil/exp/expires."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ler_navigator.models.verification import ValidityCheck, ValidityVerdict

FROM_FIELDS = ("validFrom", "issuanceDate")
UNTIL_FIELDS = ("validUntil", "expirationDate", "expires")


def parse_datetime(value: Any) -> datetime | None:
    """An aware UTC datetime from an XML Schema dateTime/date string or a Unix time."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    if parsed.tzinfo is None:  # a date-time without offset is read as UTC
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def check_validity(
    credential: dict[str, Any],
    now: datetime,
    *,
    not_before: Any = None,
    expires: Any = None,
) -> tuple[ValidityCheck, list[str]]:
    """Where ``now`` falls in the credential's window; also warnings about unreadable dates.

    ``not_before``/``expires`` are a JWT's nbf/exp claims; the stricter bound wins.
    """
    warnings: list[str] = []
    starts = _dates(credential, FROM_FIELDS, warnings) + _extra(not_before, "nbf", warnings)
    ends = _dates(credential, UNTIL_FIELDS, warnings) + _extra(expires, "exp", warnings)
    valid_from = max(starts) if starts else None
    valid_until = min(ends) if ends else None
    verdict = ValidityVerdict.OK
    if valid_until is not None and now > valid_until:
        verdict = ValidityVerdict.EXPIRED
    elif valid_from is not None and now < valid_from:
        verdict = ValidityVerdict.NOT_YET_VALID
    check = ValidityCheck(
        verdict=verdict, valid_from=valid_from, valid_until=valid_until, checked_at=now
    )
    return check, warnings


def _dates(
    credential: dict[str, Any], fields: tuple[str, ...], warnings: list[str]
) -> list[datetime]:
    found = []
    for field in fields:
        if field in credential:
            parsed = parse_datetime(credential[field])
            if parsed is None:
                warnings.append(f"The date in '{field}' cannot be read: {credential[field]!r}.")
            else:
                found.append(parsed)
    return found


def _extra(value: Any, claim: str, warnings: list[str]) -> list[datetime]:
    if value is None:
        return []
    parsed = parse_datetime(value)
    if parsed is None:
        warnings.append(f"The JWT '{claim}' claim cannot be read: {value!r}.")
        return []
    return [parsed]


def format_day(moment: datetime) -> str:
    """'3 May 2024' (English month names, independent of the locale)."""
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    return f"{moment.day} {months[moment.month - 1]} {moment.year}"
