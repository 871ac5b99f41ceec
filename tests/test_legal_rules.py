"""Classes of court, prosecution and custody sentence the coder reads (sentences of our
own): prosecutions named by a noun, decisions challenged or appealed, labels pinned on an
act in quotes, demands not yielded to, whom "before being arrested" is about, and people charged
with no prosecutor named ("nine remain in custody, charged with rioting"); orders to free
someone; and whom a change to "her sentence" is done to."""

from __future__ import annotations

import pytest
from conftest import event_sides


def test_a_prosecution_of_someone_is_an_accusation_and_the_bare_noun_is_none(pipeline):
    assert event_sides(pipeline, "Chile will pursue the prosecution of Alberto Fujimori next year.") == [
        ("ACCUSE", ["CHL"], ["PER"])
    ]
    assert all(kind != "ACCUSE" for kind, _, _ in event_sides(pipeline, "The prosecution rested its case on Friday."))


@pytest.mark.parametrize(
    "text, expected",
    [
        # contesting a decision or its lawfulness; whose decision, from inside the passive subject
        ("The validity of the Kenyan president's decree was challenged by the opposition in Nairobi.",
         [("ACCUSE", ["KEN"], ["KEN"])]),
        ("Ghana's opposition party challenged the election result in the Supreme Court.",
         [("ACCUSE", ["GHA"], ["GHA"])]),
    ],
)
def test_a_challenged_decision_is_an_accusation(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_challenging_a_person_in_a_contest_is_no_accusation(pipeline):
    assert event_sides(pipeline, "The Kenyan senator will challenge the governor in next year's race.") == []


def test_a_decision_appealed_is_rejected_and_an_appeal_to_someone_is_a_request(pipeline):
    assert [kind for kind, _, _ in event_sides(
        pipeline, "Lawyers for the Brazilian senator appealed the verdict on Monday.")] == ["REJECT"]
    assert [kind for kind, _, _ in event_sides(
        pipeline, "The Brazilian senator appealed to the Supreme Court for calm.")] == ["REQUEST"]


def test_a_quoted_label_the_parser_hangs_on_the_object_is_criticism(pipeline):
    assert event_sides(pipeline, 'The Egyptian foreign minister called the Turkish agreement "null and void".') == [
        ("ACCUSE", ["EGY"], ["TUR"])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean government did not accede to the miners' demands for higher wages.",
        "Peru's president has not given in to the teachers' demands.",
    ],
)
def test_a_demand_not_yielded_to_is_rejected(pipeline, text):
    assert [kind for kind, _, _ in event_sides(pipeline, text) if kind in ("REJECT", "CONCEDE")] == ["REJECT"]


def test_a_demand_not_yielded_to_under_a_condition_is_no_rejection(pipeline):
    sides = event_sides(pipeline, "If Peru's president does not give in to the demands, the teachers will strike.")
    assert all(kind != "REJECT" for kind, _, _ in sides)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the one the main clause is about is the one arrested or pardoned, not the place
        ("The Venezuelan opposition leader Leopoldo Lopez fled Caracas before being arrested by Spanish police in Madrid.",
         [("COERCE", ["ESP"], ["VEN"])]),
        ("The Iranian blogger served six years in prison in Tehran before being pardoned.",
         [("CONCEDE", ["IRN"], ["IRN"])]),
    ],
)
def test_a_passive_after_a_preposition_is_about_the_main_subject(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_police_beating_a_suspect_is_an_assault(pipeline):
    assert event_sides(pipeline, "Nigerian police officers beat a suspect in Lagos.") == [("ASSAULT", ["NGA"], ["NGA"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a restriction someone is ordered to carry out on themselves is the orderer's act on them
        ("The Bolivian government ordered the radio station to shut down.", [("COERCE", ["BOL"], ["BOL"])]),
        ("The Bolivian radio station was ordered to shut down.", [("COERCE", ["BOL"], ["BOL"])]),
    ],
)
def test_a_restriction_carried_out_on_an_order_is_the_orderers(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_a_refusal_turns_down_whom_the_refused_act_was_for(pipeline):
    """A commission is a government body, of the country it regulates."""
    assert event_sides(pipeline, "The Ghanaian media commission refused to give the radio network a new licence.") == [
        ("REJECT", ["GHA"], ["GHA"])
    ]
    text = "In Accra, the commission refused to give the radio network a new licence, Ghanaian officials said."
    assert event_sides(pipeline, text) == [("REJECT", ["GHA"], ["GHA"])]
    # a thing refused is no party
    assert event_sides(pipeline, "The Ghanaian government refused to sign the agreement.") == [("REJECT", ["GHA"], [])]


@pytest.mark.parametrize("text", [
    "Prosecutors in Kyiv opened a criminal case against the former minister.",
    "Prosecutors in Kyiv launched a criminal case against the former minister.",
])
def test_a_case_opened_against_someone_investigates_them(pipeline, text):
    events = pipeline.process(text, published="2024-05-02").events
    assert [(e.event_type, e.mode, [r.country for r in e.recipient]) for e in events] == [("ACCUSE", ["investigate"], ["UKR"])]


def test_a_court_opening_a_hearing_into_something_investigates_it(pipeline):
    events = pipeline.process("Kenya's high court opened a hearing on Monday into the legality of the deportations.",
                              published="2024-05-02").events
    assert [(e.event_type, e.mode, [a.country for a in e.actor]) for e in events] == [("ACCUSE", ["investigate"], ["KEN"])]


@pytest.mark.parametrize(
    "text",
    [
        # a bare past participle after the clause is passive: its subject was charged
        "ACCRA, June 4 (Wire) - Nine traders remain in custody, charged with rioting.",
        # ... also where the parser hangs it on the verb as a clause describing a noun
        "ACCRA, June 4 (Wire) - Police detained 40 people. Most were freed overnight, but at least six remain in "
        "detention, charged with inciting riots.",
        # unnamed people, told by the clause describing them or by a numeral for those counted
        "ACCRA, June 4 (Wire) - A police spokesman said those arrested will be charged with rioting.",
        "ACCRA, June 4 (Wire) - Police held nine traders overnight. The nine will be charged with rioting.",
    ],
)
def test_people_charged_with_no_prosecutor_named_are_charged_by_the_authorities(pipeline, text):
    assert ("ACCUSE", ["GHA"], ["GHA"]) in event_sides(pipeline, text)


def test_a_bare_past_participle_opening_a_sentence_is_done_to_its_subject(pipeline):
    sides = event_sides(pipeline, "Backed by Washington, the Kurdish fighters seized the town.")
    assert [(kind, actor) for kind, actor, _ in sides if kind == "SUPPORT"] == [("SUPPORT", ["USA"])]


def test_a_second_that_clause_of_a_report_is_reported_as_the_first(pipeline):
    events = pipeline.process("ACCRA, June 4 (Wire) - A police spokesman said the march was unlawful and that "
                              "those arrested would be charged with rioting.", published="2024-06-04").events
    assert [(e.event_type, e.modality) for e in events if e.event_type == "ACCUSE"] == [("ACCUSE", "future")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # costs put "on" a party: a penalty threatened, none named yet (the on-phrase hangs on the noun)
        ("The Council said the EU would keep imposing costs on Minsk for the forced landing.",
         ("THREATEN", ["EUR"], ["BLR"])),
        ("The Canadian foreign minister vowed to raise the costs on Tehran for the crackdown.",
         ("THREATEN", ["CAN"], ["IRN"])),
    ],
)
def test_costs_imposed_on_a_party_threaten_it(pipeline, text, expected):
    assert expected in event_sides(pipeline, text)


def test_a_cost_with_no_party_it_falls_on_is_no_threat(pipeline):
    assert event_sides(pipeline, "The Peruvian government raised the cost of diesel in March.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # a court annulling a measure rejects it; striking down people is an attack
        ("NAIROBI (Wire) - The High Court struck down the presidential decree on Thursday.", ("REJECT", ["KEN"], ["KEN"])),
        ("BRASILIA (Wire) - The Supreme Court overturned the ban on the party.", ("REJECT", ["BRA"], ["BRA"])),
        ("NAIROBI (Wire) - Police struck down two protesters with batons.", ("ASSAULT", ["KEN"], ["KEN"])),
        # owning up to a wrong concedes it
        ("RIYADH (Wire) - The crown prince accepted responsibility for the killing of the journalist.",
         ("CONCEDE", ["SAU"], ["SAU"])),
    ],
)
def test_annulled_measures_are_rejected_and_accepted_blame_is_conceded(pipeline, text, expected):
    assert expected in event_sides(pipeline, text)


def test_a_strike_called_on_what_a_council_does_is_a_threat(pipeline):
    """"the council" is a body (roles.tsv), so a strike announced on its decision threatens it."""
    text = "LUSAKA (Wire) - The teachers' union said it would call a national strike if the council upheld the ruling."
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == ["THREATEN"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a court's ruling or judgment against a side rejects its case
        ("SEOUL (Wire) - A district court issued a ruling against the South Korean president on Monday.",
         ("REJECT", ["KOR"], ["KOR"])),
        # compelling documents or testimony demands them
        ("SEOUL (Wire) - The National Assembly subpoenaed the South Korean defence minister on Monday.",
         ("REQUEST", ["KOR"], ["KOR"])),
    ],
)
def test_rulings_against_a_side_and_subpoenas(pipeline, text, expected):
    assert expected in event_sides(pipeline, text)


@pytest.mark.parametrize("text, expected", [
    # an order to free someone demands the release of the one ordered; the release is not yet done
    ("A magistrate in Lusaka ordered prison officials to free three opposition activists on Monday.",
     [("REQUEST", ["ZMB"], ["ZMB"])]),
    ("A Kenyan judge directed the police to release the detained editor.", [("REQUEST", ["KEN"], ["KEN"])]),
    # so is an order to pull back; an order to leave the country stays an expulsion
    ("President Ruto confronted the commander and ordered him to withdraw his men.", [("REQUEST", ["KEN"], ["KEN"])]),
    ("Poland ordered the Belarusian ambassador to leave.", [("SANCTION", ["POL"], ["BLR"])]),
])
def test_an_order_to_free_someone_is_a_demand_not_a_release(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_a_persons_legal_standing_changed_is_done_to_the_person(pipeline):
    # "her sentence": the commutation falls on the woman the pronoun refers to
    text = ("President Ramaphosa granted clemency to nine prisoners on Tuesday. Among them was Thandi Mokoena, "
            "a Durban trader. Her sentence was commuted after she had served six years.")
    commuted = [e for e in pipeline.process(text, published="2024-05-02").events if e.evidence.trigger == "commuted"]
    assert commuted and [(r.country, r.resolution) for r in commuted[0].recipient] == [("ZAF", "coreference")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a court blocking an order or dismissing a challenge rules against whoever made it
        ("A federal court in Chile blocked the President's order on Friday.", [("REJECT", ["CHL"], ["CHL"])]),
        ("Chile's Constitutional Court dismissed the senator's challenge to the new pension law.",
         [("REJECT", ["CHL"], ["CHL"])]),
        # declining to act is refusing it; declining to comment refuses nothing
        ("The Chilean foreign minister declined to send observers to Venezuela.", [("REJECT", ["CHL"], ["VEN"])]),
        ("The Chilean foreign minister declined to comment on the report from Caracas.", []),
        ("The Chilean foreign minister refused to say whether Venezuela had replied.", []),
    ],
)
def test_courts_blocking_orders_and_sides_declining_to_act_reject(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, kinds",
    [
        # what a court rules someone did is its finding, not an act reported
        ("The Supreme Court of Kenya annulled the vote on Friday, ruling that the electoral commission had "
         "violated the law.", []),
        # ... and a ruling that holds no act is nothing either
        ("The Supreme Court of Kenya ruled that the police had acted lawfully.", []),
        # an act told as the means of an alleged act is alleged too
        ("Ecuador accused Mexico of insulting the country by granting asylum to the former vice president.",
         ["ACCUSE"]),
    ],
)
def test_a_courts_finding_and_the_means_of_an_alleged_act_are_not_acts(pipeline, text, kinds):
    assert [e.event_type for e in pipeline.process(text, published="2024-05-02").events] == kinds
