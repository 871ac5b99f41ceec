"""Classes of police and conflict sentence the coder reads (sentences of our own): attacks
told through their weapon's fire or an air strike as the subject, deaths suffered in an
attack, corporal punishment, two verbs of one act, and places named as provinces or on
a place noun."""

from __future__ import annotations

import pytest
from conftest import event_sides

from newsledger.nlp.places import gazetteer


@pytest.mark.parametrize(
    "text, expected",
    [
        # an attack named as a noun hits or targets something: the verb reports it
        ("A drone strike hit a fuel truck near Kirkuk on Monday.", [("ASSAULT", [], ["IRQ"])]),
        ("An air strike targeted a warehouse on the edge of Idlib.", [("ASSAULT", [], ["SYR"])]),
    ],
)
def test_an_attack_that_hits_something_is_an_assault(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_a_labour_strike_that_hits_trade_is_no_assault(pipeline):
    assert all(kind != "ASSAULT" for kind, _, _ in event_sides(pipeline, "A strike by dockers hit exports from Rotterdam."))


def test_fire_named_by_its_weapon_is_an_attack_and_a_bare_fire_is_an_accident(pipeline):
    assert event_sides(pipeline, "Three shepherds lost their lives in artillery fire near Izium.") == [("ASSAULT", [], ["UKR"])]
    assert event_sides(pipeline, "A fire destroyed a textile warehouse in Dhaka.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the attack the victims were killed in is the act, its owner the actor (not the victims' country)
        ("Nine miners were killed in Sudanese shelling near Malakal.", [("ASSAULT", ["SDN"], ["SSD"])]),
        ("Six farmers were killed in a Turkish drone strike near Aleppo.", [("ASSAULT", ["TUR"], ["SYR"])]),
        # one act, told by the verb and the noun of its means
        ("Two guards were wounded by sniper fire at the gate of the compound in Juba.", [("ASSAULT", [], ["SSD"])]),
    ],
)
def test_a_death_suffered_in_an_attack_is_that_attack(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_corporal_punishment_is_an_assault_and_lashing_out_is_criticism(pipeline):
    assert event_sides(pipeline, "Militants publicly flogged two women in Kunduz province.") == [("ASSAULT", ["AFG"], ["AFG"])]
    assert [kind for kind, _, _ in event_sides(pipeline, "The opposition leader lashed out at the finance ministry over the budget.")] == ["ACCUSE"]


def test_two_verbs_of_one_object_are_one_act(pipeline):
    assert event_sides(pipeline, "Troops shot and killed four miners in Kolwezi.") == [("ASSAULT", ["COD"], ["COD"])]
    # two objects: two acts
    assert len(event_sides(pipeline, "Troops shot four miners and killed a fifth in Kolwezi.")) == 2


def test_provinces_and_states_of_any_country_are_places():
    assert gazetteer().find("Zamfara state").country == "NGA"
    assert gazetteer().find("Ghazni province").country == "AFG"
    assert gazetteer().find("Helmand").country == "AFG"
    # a big city keeps its name; an everyday word or a name two countries share is no region
    assert gazetteer().find("Lagos").precision == "city"
    assert gazetteer().find("Western Province") is None
    assert gazetteer().find("Punjab") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gunmen killed three aid workers in Helmand province.", [("ASSAULT", ["-"], ["AFG"])]),
        # the name on a place noun is the place: the depot is Russian, not the drones' own
        ("Ukrainian drones hit a fuel depot in the Belgorod region.", [("ASSAULT", ["UKR"], ["RUS"])]),
    ],
)
def test_victims_are_of_the_province_or_region_named(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected
