"""Event locations from the offline gazetteer (newsledger.nlp.places): sentences of our own."""

from __future__ import annotations

import pytest

from newsledger.nlp.places import gazetteer

PUBLISHED = "2023-05-10"


def location_of(pipeline, text: str, event_type: str):
    events = [e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == event_type]
    assert events, text
    return events[0].location


def test_a_city_named_by_in_gets_coordinates_admin1_and_country(pipeline):
    where = location_of(pipeline, "Police arrested 40 people in Kano on Saturday, Nigerian officials said.", "COERCE")
    assert (where.text, where.country, where.geo_precision, where.admin1) == ("Kano", "NGA", "city", "NG.29")
    assert where.lat == pytest.approx(12.0, abs=0.1) and where.lon == pytest.approx(8.5, abs=0.1)


def test_a_place_inside_the_acts_own_phrase_is_found(pipeline):
    where = location_of(pipeline, "Russia carried out an air strike on a market in Kharkiv.", "ASSAULT")
    assert (where.text, where.country, where.geo_precision) == ("Kharkiv", "UKR", "city")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Gunmen killed nine villagers in a raid on a hamlet in Myanmar's Sagaing region.", "Sagaing"),
        ("Police shot dead five men in Bulacan province in the Philippines.", "Bulacan province"),
    ],
)
def test_a_named_region_is_a_region_without_a_point(pipeline, text, name):
    where = location_of(pipeline, text, "ASSAULT")
    assert (where.text, where.geo_precision, where.lat, where.lon) == (name, "region", None, None)
    assert where.country in ("MMR", "PHL")


def test_a_us_state_is_a_region_and_a_country_is_a_country(pipeline):
    assert location_of(pipeline, "Police detained two activists in Texas on Monday.", "COERCE").geo_precision == "region"
    where = location_of(pipeline, "Soldiers opened fire on protesters in Sudan on Monday.", "ASSAULT")
    assert (where.country, where.geo_precision, where.lat) == ("SDN", "country", None)


def test_the_namesake_in_the_articles_countries_wins():
    # the gazetteer prefers the namesake in the article's countries over the biggest one
    assert gazetteer().find("London").country == "GBR"
    assert gazetteer().find("London", {"CAN"}).country == "CAN"
    assert gazetteer().find("the Netherlands").precision == "country"
    assert gazetteer().find("Xanadupolis") is None


def test_a_recipient_named_by_in_is_not_also_its_location(pipeline):
    events = pipeline.process("Turkey launched air strikes on Kurdish fighters in Syria.", published=PUBLISHED).events
    strike = [e for e in events if e.event_type == "ASSAULT"][0]
    recipients = {(r.start, r.end) for r in strike.recipient}
    assert strike.location is None or (strike.location.start, strike.location.end) not in recipients


def test_a_place_named_only_by_its_demonym_is_that_country(pipeline):
    where = location_of(pipeline, "Gunmen killed four farmers in a Nigerian village on Sunday.", "ASSAULT")
    assert (where.text, where.country, where.geo_precision, where.lat) == ("Nigerian", "NGA", "country", None)


def test_country_names_are_countries_and_small_namesakes_abroad_are_not_taken():
    assert gazetteer().find("Mexico").precision == "country"  # not Mexico City
    assert gazetteer().find("Palestine").country == "PSE"  # not Palestine, Texas
    assert gazetteer().find("Sake", {"COD"}).country == "COD"
    assert gazetteer().find("Sake", {"FRA"}) is None  # a town of 17,000 elsewhere is no guess


def test_a_place_the_lexicon_gives_another_country_keeps_no_point(pipeline):
    where = location_of(pipeline, "Israeli forces raided a house in Hebron, in the occupied West Bank.", "COERCE")
    assert where.country == "PSE"


@pytest.mark.parametrize("name", ["the Red Sea", "Red Sea", "the Gulf of Aden", "the Strait of Hormuz"])
def test_a_sea_or_strait_is_no_countrys_though_a_province_shares_its_name(name):
    assert gazetteer().find(name) is None


def test_a_citys_code_is_not_one_of_its_names():
    """"SEA" (Seattle's airport) made "the Red Sea" read as Seattle's in an article naming no country."""
    assert gazetteer().find("Sea") is None
    assert gazetteer().find("Bombay").country == "IND"  # other names of big cities still count


def test_an_act_at_sea_has_the_sea_as_its_place_and_no_country(pipeline):
    where = location_of(pipeline, "Houthi rebels seized a cargo ship in the Red Sea.", "COERCE")
    assert (where.text, where.country) == ("the Red Sea", None)


def test_a_city_named_with_city_after_it_is_that_city():
    assert (gazetteer().find("Gaza City").name, gazetteer().find("Gaza City").country) == ("Gaza", "PSE")
    assert gazetteer().find("Inner City") is None


@pytest.mark.parametrize(
    "text, country",
    [
        # a city's name inside a street's names no city: the avenue is not in Peru
        ("Police fired tear gas at pensioners gathered on Callao Avenue on Wednesday.", None),
        # ... the city itself does
        ("Police fired tear gas at pensioners gathered in Callao on Wednesday.", "PER"),
    ],
)
def test_a_city_named_in_a_street_name_sets_no_country(pipeline, text, country):
    attack = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT")
    assert [a.country for a in attack.actor] == [country]


@pytest.mark.parametrize(
    "text, country",
    [
        # a town a force acts on is of the gazetteer's country, not the country the story is filed from
        ("JERUSALEM, March 3 (Agency) - Israeli troops raided Jenin before dawn on Tuesday, the military said.", "PSE"),
        ("MOSCOW, March 3 (Agency) - Russian forces shelled Kharkiv overnight, the defence ministry said.", "UKR"),
    ],
)
def test_a_town_acted_on_is_of_its_own_country(pipeline, text, country):
    act = next(e for e in pipeline.process(text, published="2024-03-03").events if e.event_type in ("COERCE", "ASSAULT"))
    assert [r.country for r in act.recipient] == [country]
