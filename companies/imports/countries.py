"""Country names and codes as companies write them, in English or Dutch, to ISO 3166-1 alpha-2."""

from __future__ import annotations

from functools import lru_cache

from django.utils import translation
from django_countries import countries

from companies.imports.choices import normalise_word

# Names people write that the country list spells otherwise.
ALIASES: dict[str, str] = {
    "turkey": "TR",
    "turkije": "TR",
    "vietnam": "VN",
    "usa": "US",
    "us": "US",
    "unitedstates": "US",
    "verenigdestaten": "US",
    "uk": "GB",
    "greatbritain": "GB",
    "england": "GB",
    "engeland": "GB",
    "grootbrittannie": "GB",
    "southkorea": "KR",
    "zuidkorea": "KR",
    "korea": "KR",
    "burma": "MM",
    "birma": "MM",
    "myanmarburma": "MM",
    "hongkong": "HK",
    "taiwan": "TW",
    "russia": "RU",
    "rusland": "RU",
    "ivorycoast": "CI",
    "ivoorkust": "CI",
    "czechia": "CZ",
    "tsjechie": "CZ",
    "holland": "NL",
}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for language in ("en", "nl"):
        with translation.override(language):
            for code, name in countries:
                table.setdefault(normalise_word(str(name)), code)
    for code, _name in countries:
        table[normalise_word(code)] = code
        alpha3 = countries.alpha3(code)
        if alpha3:
            table[normalise_word(alpha3)] = code
    for word, code in ALIASES.items():
        table.setdefault(word, code)
    return table


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """The ISO alpha-2 code for a country name (English or Dutch) or code, or None if unknown."""
    return _table().get(normalise_word(value))
