"""Numbers and dates rounded for people."""

from __future__ import annotations

from datetime import date

from scoping_app.report import formatting as fmt


def test_days_to_one_decimal() -> None:
    assert fmt.days(12.345) == "12.3"
    assert fmt.days(0.05) == "0.1"
    assert fmt.days(1234.56) == "1,234.6"
    assert fmt.days(0) == "0.0"


def test_money_with_thousands_and_code() -> None:
    assert fmt.money(3430.4, "EUR") == "EUR 3,430"
    assert fmt.money(1234567.5, "USD") == "USD 1,234,568"
    assert fmt.money(0, "GBP") == "GBP 0"


def test_points_and_milliseconds() -> None:
    assert fmt.points(14) == "14"
    assert fmt.points(2.25) == "2.3"
    assert fmt.milliseconds(1920.4) == "1,920 ms"


def test_margin_against_budget_and_target() -> None:
    assert fmt.margin(1920, 2500, fmt.milliseconds, at_most=True) == "580 ms under"
    assert fmt.margin(2600, 2500, fmt.milliseconds, at_most=True) == "100 ms over"
    assert fmt.margin(14, 12, fmt.points, at_most=False) == "2 above"
    assert fmt.margin(10, 12, fmt.points, at_most=False) == "2 short"
    assert fmt.margin(12, 12, fmt.points, at_most=False) == "exactly on target"
    assert fmt.within(2500, 2500, at_most=True)
    assert fmt.within(5, None, at_most=False)
    assert not fmt.within(11.9, 12, at_most=False)


def test_long_date_is_locale_free() -> None:
    assert fmt.long_date(date(2026, 3, 3)) == "3 March 2026"


def test_huge_and_infinite_figures_are_written_not_crashed_on() -> None:
    assert fmt.days(1e307) == f"{1e307:,.1f}"
    assert fmt.hours(float("inf")) == "more than 10^308 h"
    assert fmt.money(-float("inf"), "EUR") == "EUR less than -10^308"
    assert fmt.days(2.25) == "2.3"  # halves still round away from zero
