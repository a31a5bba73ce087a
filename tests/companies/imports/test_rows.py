"""Row validation: every value normalised or rejected with its reason, good rows always kept."""

from __future__ import annotations

import io
from datetime import date

import pytest

from companies.imports.read import RawRow
from companies.imports.rows import LocationRow, RejectedRow, RowValidator, parse_locations
from tests.companies.imports.files import csv_text

HEADER = [
    "Name", "Address", "City", "Country", "Latitude", "Longitude", "Sector", "Processing type",
    "Number of workers", "Open Supply Hub ID", "Tier", "Product categories", "First year", "Last year",
    "Show publicly",
]  # fmt: skip
TODAY = date(2026, 6, 1)


def _row(**values: str) -> LocationRow | RejectedRow:
    base = {"Name": "Rahman Knitwear", "Address": "Plot 12", "City": "Gazipur", "Country": "Bangladesh"}
    by_key = {column.lower().replace(" ", "_"): column for column in HEADER}
    base.update({by_key[key]: value for key, value in values.items()})
    cells = [base.get(column, "") for column in HEADER]
    _table, _columns, rows = parse_locations(io.BytesIO(csv_text([HEADER, cells]).encode()), today=TODAY)
    (row,) = list(rows)
    return row


def _value(field: str, **values: str) -> object:
    row = _row(**values)
    assert isinstance(row, LocationRow), row
    return getattr(row, field)


def _reasons(**values: str) -> list[str]:
    row = _row(**values)
    assert isinstance(row, RejectedRow), row
    return row.reasons


@pytest.mark.parametrize(
    ("written", "code"),
    [("Bangladesh", "BD"), ("Turkije", "TR"), ("Türkiye", "TR"), ("turkey", "TR"), ("VN", "VN"),
     ("PAK", "PK"), ("Viet Nam", "VN"), ("Verenigd Koninkrijk", "GB"), ("Indonesië", "ID")],
)  # fmt: skip
def test_country_names_in_english_or_dutch_and_codes_become_iso_codes(written: str, code: str) -> None:
    assert _value("country", country=written) == code


def test_an_unknown_country_is_a_reason() -> None:
    assert _reasons(country="Atlantis") == [
        "Unknown country “Atlantis”: use its name in English or Dutch, or its ISO code."
    ]


def test_coordinates_are_kept_with_a_decimal_comma_too() -> None:
    row = _row(latitude="23,8103", longitude="90.4125")
    assert isinstance(row, LocationRow)
    assert (row.latitude, row.longitude) == (23.8103, 90.4125)


@pytest.mark.parametrize(("lat", "lon"), [("91", "10"), ("10", "-180.5"), ("north", "10"), ("nan", "1")])
def test_coordinates_out_of_range_are_rejected(lat: str, lon: str) -> None:
    (reason,) = _reasons(latitude=lat, longitude=lon)
    assert "is not a number between" in reason


def test_one_coordinate_without_the_other_is_rejected() -> None:
    assert _reasons(latitude="23.8") == ["Give both latitude and longitude, or neither."]


@pytest.mark.parametrize(
    ("written", "tier"), [("1", 1), ("2", 2), ("3", 3), ("3+", 3), ("Tier 2", 2), ("4", 3)]
)
def test_tiers(written: str, tier: int) -> None:
    assert _value("tier", tier=written) == tier


@pytest.mark.parametrize("written", ["0", "-1", "2+", "first"])
def test_tier_zero_and_nonsense_are_rejected(written: str) -> None:
    assert _reasons(tier=written) == [f"The tier “{written}” must be 1, 2 or 3 (or 3+)."]


def test_years_in_the_future_are_rejected() -> None:
    assert _reasons(first_year="2027") == ["The first year “2027” must be a year from 1900 up to 2026."]
    assert _value("last_year", first_year="2019", last_year="2026") == 2026


def test_first_year_after_last_year_is_rejected() -> None:
    assert _reasons(first_year="2024", last_year="2020") == [
        "The first year (2024) is after the last year (2020)."
    ]


@pytest.mark.parametrize(
    ("written", "band"),
    [("850", "501-1000"), ("1.200", "1001-5000"), ("12,000", "5000+"), ("1-100", "1-100"),
     ("101\u2013500", "101-500"), ("more than 5000", "5000+"), ("Meer dan 5.000", "5000+"), ("5000+", "5000+"),
     ("100-500", "101-500"), ("", "")],
)  # fmt: skip
def test_worker_counts_and_bands_map_to_the_bands(written: str, band: str) -> None:
    assert _value("worker_band", number_of_workers=written) == band


@pytest.mark.parametrize("written", ["0", "many", "1,5"])
def test_worker_counts_that_are_no_count_are_rejected(written: str) -> None:
    (reason,) = _reasons(number_of_workers=written)
    assert reason.startswith(f"The number of workers “{written}” is neither a number nor one of the bands")


def test_a_ten_thousand_character_name_is_rejected_not_truncated() -> None:
    row = _row(name="N" * 10_000)
    assert isinstance(row, RejectedRow)
    assert row.reasons == ["The name is 10,000 characters long; at most 500 are allowed."]
    assert row.values[0] == "N" * 10_000  # the original is kept for the result file
    assert row.name == "N" * 200  # enough to recognise the row in the result


def test_empty_required_values_are_reasons() -> None:
    assert _reasons(name="", address=" ") == ["The name is empty.", "The address is empty."]


def test_open_supply_hub_ids_are_checked() -> None:
    assert _value("osh_id", open_supply_hub_id="cn2019303bq3fzp") == "CN2019303BQ3FZP"
    (reason,) = _reasons(open_supply_hub_id="CN2019303")
    assert reason.startswith("The Open Supply Hub ID “CN2019303” is not valid")


@pytest.mark.parametrize(
    ("sector", "processing", "codes"),
    [("Garments", "Cut-make-trim", ("garments_textile", "cut_make_trim")),
     ("Kleding en textiel", "Verven", ("garments_textile", "dyeing")),
     ("textiel", "Spinnerij", ("garments_textile", "spinning")),
     ("Metalen", "Smelter", ("metals", "smelter"))],
)  # fmt: skip
def test_sector_and_processing_words_in_both_languages_become_codes(
    sector: str, processing: str, codes: tuple[str, str]
) -> None:
    row = _row(sector=sector, processing_type=processing)
    assert isinstance(row, LocationRow)
    assert (row.sector, row.processing_type) == codes


def test_unknown_processing_words_become_other_and_keep_the_words() -> None:
    row = _row(processing_type="Quilting")
    assert isinstance(row, LocationRow)
    assert (row.processing_type, row.processing_type_text) == ("other", "Quilting")


@pytest.mark.parametrize(
    ("written", "public"), [("yes", True), ("Ja", True), ("x", True), ("nee", False), ("", False)]
)
def test_show_publicly(written: str, public: bool) -> None:
    assert _value("show_publicly", show_publicly=written) is public


def test_show_publicly_must_be_yes_or_no() -> None:
    assert _reasons(show_publicly="perhaps") == ["Show publicly must be yes or no, not “perhaps”."]


def test_product_categories_are_split_and_deduplicated() -> None:
    assert _value("product_categories", product_categories="Jeans; Shirts|jeans |Jeans") == (
        "Jeans",
        "Shirts",
        "jeans",
    )


def test_a_formula_is_stored_as_the_text_it_is() -> None:
    assert (
        _value("name", name='=HYPERLINK("http://evil.example","click")')
        == '=HYPERLINK("http://evil.example","click")'
    )


def test_duplicates_inside_one_file_point_at_the_earlier_line() -> None:
    rows = [
        HEADER[:4],
        ["Rahman Knitwear Ltd", "Plot 12", "Gazipur", "BD"],
        ["Ege Tekstil", "Road 4", "İzmir", "TR"],
        ["RAHMAN  knitwear ltd.", "Plot 12/A", "gazipur", "Bangladesh"],
        ["Rahman Knitwear Ltd", "Plot 12", "Dhaka", "BD"],  # another city: another location
    ]
    _table, _columns, parsed = parse_locations(io.BytesIO(csv_text(rows).encode()), today=TODAY)
    assert [(row.line, getattr(row, "duplicate_of", "x")) for row in parsed] == [
        (2, None),
        (3, None),
        (4, 2),
        (5, None),
    ]


def test_broken_rows_are_rejected_and_valid_rows_kept() -> None:
    text = csv_text([HEADER[:4], ["A", "Road 1", "Dhaka", "BD"]])
    text += (
        '"B unclosed,Road 2,Dhaka,BD\r\n' + "C,Road 3,Dhaka\r\n" + csv_text([["D", "Road 4", "Dhaka", "BD"]])
    )
    _table, _columns, parsed = parse_locations(io.BytesIO(text.encode()), today=TODAY)
    outcome = [(row.line, type(row).__name__) for row in parsed]
    assert outcome == [(2, "LocationRow"), (3, "RejectedRow"), (4, "RejectedRow"), (5, "LocationRow")]


def test_a_reader_problem_becomes_the_rejection_reason() -> None:
    from companies.imports.columns import map_columns

    validator = RowValidator(map_columns(HEADER), today=TODAY)
    row = validator.validate(RawRow(7, ['x,"y'], "A quote is opened and never closed."))
    assert row == RejectedRow(7, ['x,"y'], ["A quote is opened and never closed."])
