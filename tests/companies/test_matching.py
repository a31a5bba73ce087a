"""Worked examples of normalising and matching, and the match services (automatic, potential, confirm,
reject, merge and undo)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from companies import matching, services
from companies.blocking import COMMON_WORDS_CAP, CountryBlocks
from companies.models import LocationEvent, LocationMatch, LocationStatus, ProductionLocation, SupplyLink

from .factories import LocationFactory, SupplyLinkFactory


def _same(a: str, b: str) -> float:
    return matching.name_similarity(matching.normalise_name(a), matching.normalise_name(b))


def test_legal_suffix_and_case_variants_are_one_name():
    assert matching.normalise_name("Dhaka Knit Composite Ltd.") == "dhaka knit composite"
    assert matching.normalise_name("DHAKA KNIT COMPOSITE LIMITED") == "dhaka knit composite"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sunrise Apparels (Pvt) Ltd", "Sunrise Apparels Private Limited"),
        ("Hua Feng Co., Ltd.", "HUA FENG CO LTD"),
        ("Textil Norte, S.A.", "Textil Norte SA"),
        ("Malhas Minho, Lda.", "Malhas Minho"),
        ("PT Sinar Jaya", "Sinar Jaya Tbk"),
        ("Kain Sdn. Bhd.", "KAIN SDN BHD"),
    ],
)
def test_suffix_variants_are_one_name(a, b):
    assert matching.normalise_name(a) == matching.normalise_name(b)


def test_turkish_letters_meet_their_ascii_form():
    turkish = "Işık Örme Tekstil San. ve Tic. A.Ş."  # noqa: RUF001 - Turkish letters on purpose
    ascii_form = "ISIK ORME TEKSTIL SANAYI VE TICARET AS"
    assert matching.normalise_name(turkish) == matching.normalise_name(ascii_form) == "isik orme tekstil"


def test_han_characters_meet_their_pinyin_however_the_words_are_grouped():
    han = "深圳华丰服装有限公司"
    assert matching.normalise_name(han) == "shen zhen hua feng fu zhuang"
    assert _same(han, "Shenzhen Huafeng Fuzhuang Co., Ltd.") == 100
    # An English translation is not a transliteration: at most a case for review, never automatic.
    assert _same(han, "Shenzhen Huafeng Garment Co., Ltd.") < matching.AUTO_MATCH_SCORE


def test_abbreviations_in_addresses_are_written_out():
    assert matching.normalise_address("Plot 12, Ind. Rd.") == matching.normalise_address(
        "plot 12 industrial road"
    )


def test_a_name_that_is_only_a_legal_form_keeps_its_words():
    assert matching.normalise_name("Company Ltd") == "company ltd"


def test_thresholds_split_automatic_review_and_new():
    assert matching.decision(95) == "match"
    assert matching.decision(80) == "review"
    assert matching.decision(50) == "new"


# --- services -------------------------------------------------------------------------------------


BASE = {
    "name": "Dhaka Knit Composite Ltd.",
    "address": "Plot 12, Industrial Road, Konabari",
    "city": "Gazipur",
    "country": "BD",
}


@pytest.mark.django_db
def test_same_factory_with_other_spelling_is_matched_automatically(company_user, other_company_user):
    first = services.location_match_or_create(actor=company_user, **BASE)
    assert first.result == "created"
    second = services.location_match_or_create(
        actor=other_company_user,
        name="DHAKA KNIT COMPOSITE LIMITED",
        address="Plot 12 Ind. Rd., Konabari",
        city="GAZIPUR",
        country="BD",
    )
    assert second.result == "matched"
    assert second.location.pk == first.location.pk
    assert ProductionLocation.objects.count() == 1
    assert second.match.status == LocationMatch.Status.AUTOMATIC
    assert second.match.score >= matching.AUTO_MATCH_SCORE
    assert "country+city" in second.match.rule


@pytest.mark.django_db
def test_the_same_name_in_another_country_is_never_matched(company_user):
    services.location_match_or_create(actor=company_user, **BASE)
    other = services.location_match_or_create(actor=company_user, **{**BASE, "country": "IN"})
    assert other.result == "created"
    assert ProductionLocation.objects.count() == 2
    assert not LocationMatch.objects.exists()


@pytest.mark.django_db
def test_a_similar_name_becomes_a_potential_match_for_review(company_user):
    existing = services.location_match_or_create(actor=company_user, **BASE).location
    outcome = services.location_match_or_create(
        actor=company_user, **{**BASE, "name": "Dhaka Knit Composite Garments Unit 2"}
    )
    assert outcome.result == "review"
    match = outcome.match
    assert match.existing == existing and match.candidate == outcome.location
    assert matching.REVIEW_SCORE <= float(match.score) < matching.AUTO_MATCH_SCORE
    assert match.status == LocationMatch.Status.PENDING


@pytest.mark.django_db
def test_bad_input_is_refused_per_field(company_user):
    with pytest.raises(ValidationError) as info:
        services.location_match_or_create(
            actor=company_user, **{**BASE, "name": "x" * 10_000, "latitude": 91}
        )
    assert {"name", "latitude"} <= set(info.value.message_dict)


@pytest.mark.django_db
def test_an_ngo_cannot_disclose_locations(ngo_user):
    with pytest.raises(PermissionDenied):
        services.location_match_or_create(actor=ngo_user, **BASE)


def _review_pair(company_user):
    existing = services.location_match_or_create(actor=company_user, **BASE).location
    outcome = services.location_match_or_create(
        actor=company_user, **{**BASE, "name": "Dhaka Knit Composite Garments Unit 2"}
    )
    return existing, outcome.location, outcome.match


@pytest.mark.django_db
def test_confirming_a_match_merges_the_new_location_into_the_existing(company_user, secretariat_user):
    existing, candidate, match = _review_pair(company_user)
    link = SupplyLinkFactory(location=candidate)
    services.location_match_confirm(actor=secretariat_user, match_id=match.pk)
    link.refresh_from_db()
    candidate.refresh_from_db()
    match.refresh_from_db()
    assert link.location == existing
    assert candidate.status == LocationStatus.MOVED and candidate.moved_to == existing
    assert match.status == LocationMatch.Status.CONFIRMED and match.decided_by == secretariat_user
    with pytest.raises(ValidationError, match="already been decided"):
        services.location_match_reject(actor=secretariat_user, match_id=match.pk)


@pytest.mark.django_db
def test_rejecting_a_match_keeps_both_locations(company_user, secretariat_user):
    _existing, candidate, match = _review_pair(company_user)
    services.location_match_reject(actor=secretariat_user, match_id=match.pk)
    candidate.refresh_from_db()
    assert candidate.status == LocationStatus.ACTIVE and candidate.moved_to is None
    assert LocationMatch.objects.get(pk=match.pk).status == LocationMatch.Status.REJECTED


@pytest.mark.django_db
def test_only_the_secretariat_decides_matches_and_merges(company_user):
    existing, candidate, match = _review_pair(company_user)
    with pytest.raises(PermissionDenied):
        services.location_match_confirm(actor=company_user, match_id=match.pk)
    with pytest.raises(PermissionDenied):
        services.location_merge(actor=company_user, source_id=candidate.pk, target_id=existing.pk)


@pytest.mark.django_db
def test_merge_and_undo_restore_every_link_and_keep_the_history(secretariat_user):
    source, target = LocationFactory(), LocationFactory()
    moved = SupplyLinkFactory(location=source, show_publicly=True)
    clash_on_target = SupplyLinkFactory(location=target)
    # The same company and covenant at both: the target keeps its link; the source's is kept aside.
    clash_on_source = SupplyLinkFactory(
        location=source,
        company=clash_on_target.company,
        covenant=clash_on_target.covenant,
        tier=2,
        product_categories=["fabrics"],
    )
    before = {
        link.pk: (link.company_id, link.covenant_id, link.tier, link.product_categories, link.show_publicly)
        for link in SupplyLink.objects.filter(location=source)
    }

    event = services.location_merge(actor=secretariat_user, source_id=source.pk, target_id=target.pk)
    assert set(SupplyLink.objects.filter(location=target).values_list("pk", flat=True)) == {
        moved.pk,
        clash_on_target.pk,
    }
    source.refresh_from_db()
    assert source.status == LocationStatus.MOVED and source.moved_to == target

    services.location_merge_undo(actor=secretariat_user, event_id=event.pk)
    source.refresh_from_db()
    assert source.status == LocationStatus.ACTIVE and source.moved_to is None
    after = {
        link.pk: (link.company_id, link.covenant_id, link.tier, link.product_categories, link.show_publicly)
        for link in SupplyLink.objects.filter(location=source)
    }
    assert after == before
    assert clash_on_source.pk in after
    assert list(SupplyLink.objects.filter(location=target).values_list("pk", flat=True)) == [
        clash_on_target.pk
    ]
    kinds = list(LocationEvent.objects.filter(location=source).order_by("pk").values_list("kind", flat=True))
    assert kinds == [LocationEvent.Kind.MERGED_INTO, LocationEvent.Kind.MERGE_UNDONE]
    with pytest.raises(ValidationError, match="already been undone"):
        services.location_merge_undo(actor=secretariat_user, event_id=event.pk)


@pytest.mark.django_db
def test_undoing_a_confirmed_match_puts_it_back_in_the_queue(company_user, secretariat_user):
    _existing, _candidate, match = _review_pair(company_user)
    event = services.location_match_confirm(actor=secretariat_user, match_id=match.pk)
    services.location_merge_undo(actor=secretariat_user, event_id=event.pk)
    assert LocationMatch.objects.get(pk=match.pk).status == LocationMatch.Status.PENDING


@pytest.mark.django_db
def test_a_location_cannot_be_merged_into_itself(secretariat_user):
    location = LocationFactory()
    with pytest.raises(ValidationError, match="into itself"):
        services.location_merge(actor=secretariat_user, source_id=location.pk, target_id=location.pk)


# --- numbers in names, and the shortlist ----------------------------------------------------------


def test_units_with_other_numbers_are_other_places_unless_they_share_the_address():
    unit_1, unit_2 = (
        matching.normalise_name("Sunrise Knitwear Unit 1"),
        matching.normalise_name("Sunrise Knitwear Unit 2"),
    )
    assert matching.name_similarity(unit_1, unit_2) < matching.REVIEW_SCORE
    other = matching.Candidate(1, unit_1, "plot 12 road 4")
    assert matching.best_match(unit_2, "", [other], block="b") is None
    assert matching.best_match(unit_2, "plot 9 road 7", [other], block="b") is None
    same_address = matching.best_match(unit_2, "plot 12 road 4", [other], block="b")
    assert same_address is not None and matching.decision(same_address.score) == "review"
    # A name without a number against one with: still a case for review (a unit of the same group).
    plain = matching.normalise_name("Sunrise Knitwear")
    assert matching.name_similarity(plain, unit_2) >= matching.REVIEW_SCORE


def _crowded_block(size: int) -> CountryBlocks:
    """A city block of `size` locations with the same common words and a number each."""
    blocks = CountryBlocks()
    kinds = ["garments", "knitwear", "textile mills", "apparels"]
    for n in range(size):
        name = matching.normalise_name(f"Golden {kinds[n % 4]} {n}")
        blocks.add(matching.Candidate(n, name, f"plot {n} road {n % 50}", "dhaka"))
    return blocks


def test_the_shortlist_finds_the_same_factory_among_thousands_of_similar_names():
    blocks = _crowded_block(5_000)
    blocks.add(matching.Candidate(99_001, matching.normalise_name("Rahman Knit Composite"), "", "dhaka"))
    block, label = blocks.block_for("dhaka", "")
    assert label == "country+city"
    # A telling word keeps the shortlist short: the number, or the rare words of the name.
    assert len(block.shortlist(matching.normalise_name("Golden Garments 1234"))) <= 3
    typo = matching.normalise_name("Rahmann Knit Composite Ltd")
    assert 99_001 in [block.candidates[i].pk for i in block.shortlist(typo)]
    found = blocks.best(typo, "", "dhaka", "")
    assert found is not None and found.pk == 99_001
    # The same name spelled otherwise is matched; a neighbour with another number is not.
    again = blocks.best(matching.normalise_name("GOLDEN GARMENTS 1232"), "plot 1232 road 32", "dhaka", "")
    assert again is not None and again.pk == 1232 and matching.decision(again.score) == "match"
    assert blocks.best(matching.normalise_name("Golden Garments 7777"), "plot 1 road 1", "dhaka", "") is None


def test_a_name_of_only_common_words_is_scored_against_those_bearing_both_rarest():
    blocks = _crowded_block(2_000)
    block, _label = blocks.block_for("dhaka", "")
    shortlist = block.shortlist(matching.normalise_name("Golden Garments"))
    assert 0 < len(shortlist) <= COMMON_WORDS_CAP
    assert all("garments" in block.candidates[i].name_key for i in shortlist)


def test_the_same_letters_meet_however_the_words_are_grouped_in_a_crowded_block():
    blocks = _crowded_block(3_000)
    blocks.add(matching.Candidate(77, matching.normalise_name("深圳华丰服装有限公司"), "", "dhaka"))
    found = blocks.best(matching.normalise_name("Shenzhen Huafeng Fuzhuang Co., Ltd."), "", "dhaka", "")
    assert found is not None and found.pk == 77
