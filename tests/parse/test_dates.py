"""Header dates in every format, with their zone assumption."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inzage.parse.dates import AMSTERDAM, parse_date


@pytest.mark.parametrize(
    ("text", "assume", "month_first", "expected", "zone"),
    [
        ("Tue 6/9/2020 9:05:12 AM", "UTC", True, datetime(2020, 6, 9, 9, 5, 12, tzinfo=UTC), "UTC"),
        (
            "Tue 6/9/2020 9:05:12 PM",
            "UTC",
            True,
            datetime(2020, 6, 9, 21, 5, 12, tzinfo=UTC),
            "UTC",
        ),
        (
            "Thu 8/6/2020 12:40:44 AM",
            "UTC",
            True,
            datetime(2020, 8, 6, 0, 40, 44, tzinfo=UTC),
            "UTC",
        ),
        (
            "dinsdag 9 juni 2020 10:20",
            "Europe/Amsterdam",
            False,
            datetime(2020, 6, 9, 10, 20, tzinfo=AMSTERDAM),
            "Europe/Amsterdam",
        ),
        (
            "donderdag 03 sep. 2020 4:07 PM",
            "Europe/Amsterdam",
            False,
            datetime(2020, 9, 3, 16, 7, tzinfo=AMSTERDAM),
            "Europe/Amsterdam",
        ),
        (
            "3 september 2020 om 16:07",
            "Europe/Amsterdam",
            False,
            datetime(2020, 9, 3, 16, 7, tzinfo=AMSTERDAM),
            "Europe/Amsterdam",
        ),
        (
            "do 3-9-2020 16:07",
            "Europe/Amsterdam",
            False,
            datetime(2020, 9, 3, 16, 7, tzinfo=AMSTERDAM),
            "Europe/Amsterdam",
        ),
        (
            "Tuesday, June 9, 2020 9:05 AM",
            "Europe/Amsterdam",
            False,
            datetime(2020, 6, 9, 9, 5, tzinfo=AMSTERDAM),
            "Europe/Amsterdam",
        ),
        (
            "woensdag 28 september 2022 00:24",
            "Europe/Amsterdam",
            False,
            datetime(2022, 9, 28, 0, 24, tzinfo=AMSTERDAM),
            "Europe/Amsterdam",
        ),
        (
            "vr 11-12-2020 9.30 uur",
            "Europe/Amsterdam",
            False,
            datetime(2020, 12, 11, 9, 30, tzinfo=AMSTERDAM),
            "Europe/Amsterdam",
        ),
        (
            "11 mrt 2021",
            "Europe/Amsterdam",
            False,
            datetime(2021, 3, 11, tzinfo=AMSTERDAM),
            "Europe/Amsterdam",
        ),
    ],
)
def test_formats(text: str, assume: str, month_first: bool, expected: datetime, zone: str) -> None:
    parsed = parse_date(text, assume, month_first)  # type: ignore[arg-type]
    assert parsed.value == expected
    assert parsed.value is not None and parsed.value.utcoffset() == expected.utcoffset()
    assert parsed.zone_assumed == zone
    assert parsed.warning is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 augustus 2020 om 10:33:10 CEST", datetime(2020, 8, 6, 8, 33, 10, tzinfo=UTC)),
        ("Tue, 9 Jun 2020 09:05:12 +0200", datetime(2020, 6, 9, 7, 5, 12, tzinfo=UTC)),
        ("2020-06-09T09:05:12Z", datetime(2020, 6, 9, 9, 5, 12, tzinfo=UTC)),
        ("2020-06-09 09:05:12 +00:00", datetime(2020, 6, 9, 9, 5, 12, tzinfo=UTC)),
    ],
)
def test_a_written_zone_wins_and_no_assumption_is_recorded(text: str, expected: datetime) -> None:
    parsed = parse_date(text, "Europe/Amsterdam")
    assert parsed.value == expected
    assert parsed.zone_assumed is None


def test_daylight_saving_boundary() -> None:
    """Amsterdam went from CEST (+2) to CET (+1) at 03:00 on 25 October 2020."""
    before = parse_date("zondag 25 oktober 2020 01:30").value
    after = parse_date("zondag 25 oktober 2020 04:30").value
    assert before is not None and after is not None
    assert before.utcoffset() == timedelta(hours=2)
    assert after.utcoffset() == timedelta(hours=1)
    # Same tzinfo: Python subtracts wall clocks, so compare instants in UTC.
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=4)


def test_utc_reply_orders_after_local_original_only_with_zones() -> None:
    """09:05 UTC answers 10:20 Amsterdam summer time (08:20 UTC): later, though it reads earlier."""
    reply = parse_date("Tue 6/9/2020 9:05:12 AM", "UTC", month_first=True).value
    original = parse_date("dinsdag 9 juni 2020 10:20", "Europe/Amsterdam").value
    assert reply is not None and original is not None
    assert reply > original
    assert reply.replace(tzinfo=None) < original.replace(tzinfo=None)


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("31/02/2020 10:00", "impossible date '31/02/2020 10:00'"),
        ("maandag 31 februari 2020", "impossible date 'maandag 31 februari 2020'"),
        ("geen datum hier", "no date found"),
        ("1-1-0001 00:30 +0200", "impossible date '1-1-0001 00:30 +0200'"),
        (
            "Mon, 3 Feb 2020 10:00:00 +9999",
            "impossible time zone in 'Mon, 3 Feb 2020 10:00:00 +9999'",
        ),
    ],
)
def test_bad_dates_are_warnings(text: str, warning: str) -> None:
    parsed = parse_date(text)
    assert parsed.value is None
    assert parsed.warning == warning


def test_month_first_with_a_day_over_twelve_swaps_with_a_warning() -> None:
    parsed = parse_date("Thu 25/6/2020 9:05 AM", "UTC", month_first=True)
    assert parsed.value == datetime(2020, 6, 25, 9, 5, tzinfo=UTC)
    assert parsed.warning == "day and month swapped in 'Thu 25/6/2020 9:05 AM'"


@given(st.text(max_size=80))
def test_never_raises(text: str) -> None:
    parsed = parse_date(text)
    assert parsed.value is not None or parsed.warning


@given(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
    st.sampled_from(["", " +0200", " -0500", " UTC", " +1400"]),
)
def test_a_date_at_the_ends_of_the_calendar_is_a_value_in_utc_or_a_warning(
    moment: datetime, zone: str
) -> None:
    parsed = parse_date(f"{moment:%d-%m-%Y %H:%M}{zone}")
    if parsed.value is None:
        assert parsed.warning
    else:
        parsed.value.astimezone(UTC)  # what fingerprints and the store do with it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 december2020", datetime(2020, 12, 4, tzinfo=AMSTERDAM)),  # text layer lost a space
        ("9januari 2020", datetime(2020, 1, 9, tzinfo=AMSTERDAM)),
        ("19 APR, 2019", datetime(2019, 4, 19, tzinfo=AMSTERDAM)),  # date stamp
        ("0 4 SEP. 2020", datetime(2020, 9, 4, tzinfo=AMSTERDAM)),  # OCR read the stamp apart
        ("1 9 APR 2019", datetime(2019, 4, 19, tzinfo=AMSTERDAM)),
        # Digits apart before a month in lower case are two numbers: the day is the last.
        ("punt 1 9 april 2019", datetime(2019, 4, 9, tzinfo=AMSTERDAM)),
    ],
)
def test_text_layer_and_stamp_spellings(text: str, expected: datetime) -> None:
    assert parse_date(text).value == expected


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["", " "]),
    st.sampled_from(["", ".", ",", ".,"]),
    st.sampled_from(["", " ", "  "]),
)
def test_a_stamp_read_apart_is_its_date(day: date, inner: str, dot: str, gap: str) -> None:
    stamped = datetime.combine(day, datetime.min.time())
    months = ["JAN", "FEB", "MRT", "APR", "MEI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEC"]
    digits = f"{stamped.day:02d}"
    text = f"{digits[0]}{inner}{digits[1]}{gap}{months[stamped.month - 1]}{dot} {stamped.year}"
    parsed = parse_date(text).value
    assert parsed is not None and parsed.replace(tzinfo=None) == stamped
