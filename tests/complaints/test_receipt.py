"""The receipt code: sixteen digits with a check digit, typed back in any script, stored as a keyed
digest that survives a key rotation and never contains the code."""

from __future__ import annotations

import pytest

from complaints import receipt


def test_generated_codes_are_sixteen_digits_valid_and_distinct():
    codes = {receipt.generate() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 16 and code.isdigit() and receipt.is_valid(code) for code in codes)


def test_the_check_digit_follows_the_luhn_rule_on_a_worked_example():
    # The classic worked example: 7992739871 has check digit 3.
    assert receipt._luhn_digit("7992739871") == "3"
    assert receipt.is_valid("4539578763621486")
    assert not receipt.is_valid("4539578763621487")


@pytest.mark.parametrize(
    "typed",
    [
        "4539 5787 6362 1486",
        " 4539-5787-6362-1486 ",
        "4539.5787.6362.1486",
        "\u09ea\u09eb\u09e9\u09ef \u09eb\u09ed\u09ee\u09ed \u09ec\u09e9\u09ec\u09e8 \u09e7\u09ea\u09ee\u09ec",  # Bengali
        "\u06f4\u06f5\u06f3\u06f9\u06f5\u06f7\u06f8\u06f7\u06f6\u06f3\u06f6\u06f2\u06f1\u06f4\u06f8\u06f6",  # Urdu
        "\u1044\u1045\u1043\u1049\u1045\u1047\u1048\u1047\u1046\u1043\u1046\u1042\u1041\u1044\u1048\u1046",  # Burmese
        "\uff14\uff15\uff13\uff19\uff15\uff17\uff18\uff17\uff16\uff13\uff16\uff12\uff11\uff14\uff18\uff16",  # full-width
    ],
)
def test_a_code_is_read_back_from_what_people_type(typed):
    assert receipt.normalise(typed) == "4539578763621486"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "4539 5787 6362 148",  # too short
        "4539 5787 6362 14860",  # too long
        "4539 5787 6362 148a",  # a letter
        "4539 5787 6362 1487",  # one digit wrong
        "4539 5787 6362 1468",  # two neighbours swapped
        "4539/5787/6362/1486",  # not a separator
        "9" * 10_000,
    ],
)
def test_what_cannot_be_a_code_is_refused_without_a_lookup(typed):
    assert receipt.normalise(typed) is None


def test_the_digest_is_keyed_stable_and_never_contains_the_code(settings):
    code = "4539578763621486"
    stored = receipt.digest(code)
    assert stored == receipt.digest(code) and len(stored) == 64
    assert code not in stored and receipt.digest("7992739871300005") != stored
    assert receipt.matches(code, stored)
    assert not receipt.matches("7992739871300005", stored)
    settings.SECRET_KEY = "another-key-" + "x" * 40
    assert not receipt.matches(code, stored)  # the key matters


def test_a_key_rotation_keeps_old_codes_working(settings):
    code = receipt.generate()
    stored = receipt.digest(code)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "rotated-key-" + "y" * 40
    assert receipt.digest(code) != stored
    assert receipt.matches(code, stored)
    assert stored in receipt.digests(code)


def test_codes_are_shown_in_groups_of_four():
    assert receipt.display("4539578763621486") == "4539 5787 6362 1486"
