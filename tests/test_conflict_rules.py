"""Classes of police and conflict sentence the coder reads (sentences of our own): attacks
told through their weapon's fire or an air strike as the subject, deaths suffered in an
attack, corporal punishment, two verbs of one act, the toll of one attack, places named as provinces or on a place
noun, killings by crowds, coming under fire, crowd-control force, instruments and
units marked with an armed side, crowds gathering to press a demand, towns raided, and
protests whose demand names a foreign party."""

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


@pytest.mark.parametrize("text", [
    "A truck bomb outside the governor's office in Kirkuk killed six Iraqi policemen and wounded eleven others on Sunday.",
    "Two guards were killed and seven were wounded at a checkpoint outside Kirkuk on Sunday night.",
])
def test_the_toll_of_one_attack_is_one_act(pipeline, text):
    """"killed six policemen and wounded eleven others": more victims of the same attack
    are one act, not a second attack by the same side on the same target."""
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == ["ASSAULT"]


def test_victims_of_another_side_are_another_act(pipeline):
    text = "Gunmen killed two Turkish engineers and wounded three Iraqi guards near Kirkuk on Sunday."
    assert sorted(recipient for _, _, recipient in event_sides(pipeline, text)) == [["IRQ"], ["TUR"]]


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


@pytest.mark.parametrize(
    "text, expected",
    [
        # taking people away is an arrest; picking up a thing is nothing
        ("Security agents picked up two activists from their homes in Khartoum overnight.", [("COERCE", ["SDN"], ["SDN"])]),
        ("She picked up the phone and called her sister in Khartoum.", []),
        # hacking people is violence, hacking accounts a cyber attack
        ("Militiamen hacked five villagers to death in Ituri province.", [("ASSAULT", ["-"], ["COD"])]),
        ("A mob hacked a suspected thief to death near Gulu.", [("ASSAULT", ["UGA"], ["UGA"])]),
        # breaking up a protest is crowd control
        ("Police broke up a protest camp outside parliament in Tbilisi.", [("ASSAULT", ["GEO"], ["GEO"])]),
    ],
)
def test_phrasal_acts_of_police_and_militias(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_hacking_accounts_is_a_cyber_attack_and_exchanging_fire_is_fighting(pipeline):
    events = pipeline.process("Hackers hacked the email accounts of officials in Warsaw.", published="2024-05-02").events
    assert [(e.event_type, e.mode) for e in events] == [("COERCE", ["cyber"])]
    events = pipeline.process("Troops and rebels exchanged fire near Goma for several hours.", published="2024-05-02").events
    assert [(e.event_type, sorted(a.text for a in e.actor)) for e in events] == [("ASSAULT", ["Troops", "rebels"])]


@pytest.mark.parametrize(
    "text, kind",
    [
        # a strike carried out by an armed side or a weapon, or made on a target, is an attack
        ("Turkish jets carried out strikes on militant positions in northern Iraq.", ("ASSAULT", ["aerial"])),
        ("The army launched strikes against rebel bases near Goma.", ("ASSAULT", ["aerial"])),
        # a walkout on a day is a walkout
        ("Dockers began a strike on Monday in Antwerp.", ("PROTEST", ["strike"])),
        # the attack that hits says how it was done
        ("A drone strike hit a minibus near Gondar on Thursday.", ("ASSAULT", ["aerial"])),
    ],
)
def test_a_strike_by_armed_forces_or_on_a_target_is_an_attack(pipeline, text, kind):
    events = pipeline.process(text, published="2024-05-02").events
    assert [(e.event_type, e.mode) for e in events] == [kind]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a killing told as suffered in a raid is by the raid's doers
        ("Eight suspected militants were killed in an overnight raid by Nigerian special forces.",
         [("ASSAULT", ["NGA"], ["NGA"]), ("COERCE", ["NGA"], ["NGA"])]),
        ("Two protesters were shot dead during a police raid on the camp in Lagos.", [("ASSAULT", ["NGA"], ["NGA"])]),
    ],
)
def test_a_killing_in_a_raid_is_by_the_raids_doers(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected, raid",
    [
        # the raid the killers killed in is theirs, and its victims are whom they killed
        ("Israeli troops shot dead two Palestinian gunmen during a raid on Jenin.",
         [("ASSAULT", ["ISR"], ["PSE"]), ("COERCE", ["ISR"], ["PSE"])], (["Israeli troops"], ["Jenin"])),
        ("Police in Lagos killed three suspected kidnappers in a raid on a hideout near Ikorodu.",
         [("ASSAULT", ["NGA"], ["NGA"]), ("COERCE", ["NGA"], ["NGA"])], (["Police"], ["suspected kidnappers"])),
        # a killing only alleged gives the attack no doer, and the attack is alleged too
        ("Police in Lagos detained a man accused of killing a guard in an attack on a bank.",
         [("COERCE", ["NGA"], ["NGA"])], None),
    ],
)
def test_a_raid_or_attack_in_which_a_side_kills_is_that_sides_own(pipeline, text, expected, raid):
    assert event_sides(pipeline, text) == expected
    if raid is not None:
        found = next(e for e in pipeline.process(text, published="2024-05-02").events if e.evidence.trigger == "raid")
        assert ([a.text for a in found.actor], [r.text for r in found.recipient]) == raid


def test_a_weapon_named_by_its_modifier_is_fired_at_the_target_of_the_at_phrase(pipeline):
    """"fired mortar bombs at the airport": the modifier names the weapon, and what it was
    fired at (not the weapon) is what the attack fell on."""
    [event] = pipeline.process("Rebel fighters fired mortar bombs at the airport in Goma.", published="2024-05-02").events
    assert (event.event_type, event.mode) == ("ASSAULT", ["heavy-weapons"])
    assert [(r.name, r.country) for r in event.recipient] == [("airport", "COD")]
    # a modifier that names no weapon makes no attack, and "money laundering" commits no money
    assert event_sides(pipeline, "Protesters fired paint balls at the parliament building.") == []
    assert not any(t == "AGREE" for t, _, _ in event_sides(pipeline, "She was convicted of conspiracy to commit money laundering."))


def test_an_attack_that_is_the_subject_of_a_killings_time_clause_is_that_killing(pipeline):
    """"were killed when a Russian missile strike hit an apartment block in Dnipro": one
    attack, by the attack's owner, on the people of the place it hit."""
    text = "Four civilians were killed when a Russian missile strike hit an apartment block in Dnipro."
    assert event_sides(pipeline, text) == [("ASSAULT", ["RUS"], ["UKR"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        # fighting that an armed side does, suffers or shares is an armed clash
        ("The army fought rebels near Goma on Sunday.", [("ASSAULT", ["COD"], ["COD"])]),
        ("Government troops battled Islamist militants near the Somali town of Afgoye.", [("ASSAULT", ["SOM"], ["SOM"])]),
        ("Rebels fought with soldiers near the Malian town of Gao.", [("ASSAULT", ["MLI"], ["MLI"])]),
        # a fight against a policy or to save lives is none
        ("The president vowed to fight corruption.", [("AGREE", ["-"], [])]),
        ("Doctors battled to save the wounded in Gaza.", []),
    ],
)
def test_fighting_is_armed_only_when_an_armed_side_is_in_it(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the unnamed people a court sentences are its recipients, of its country
        ("A court in Tehran sentenced a rapper to six years in prison.", [("SANCTION", ["IRN"], ["IRN"])]),
        # a sentence handed to someone is a sentence: who gets it is the dative or the to-phrase
        ("A military court in Tehran handed a rapper a six-year prison sentence.", [("SANCTION", ["IRN"], ["IRN"])]),
        ("A Pakistani court handed death sentences to four men.", [("SANCTION", ["PAK"], ["PAK"])]),
        ("A tribunal in Dhaka passed death sentences on seven army officers.", [("SANCTION", ["BGD"], ["BGD"])]),
        ("The judge in Nairobi handed the case to prosecutors.", []),
    ],
)
def test_a_sentence_handed_or_passed_falls_on_the_people_who_get_it(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a clash between two sides of one country has both as actors, as one between two countries does
        ("Clashes between protesters and police in Dakar left two dead.", [("ASSAULT", ["SEN"], [])]),
        ("Clashes between Armenian and Azerbaijani troops on the border left 15 soldiers dead.",
         [("ASSAULT", ["ARM", "AZE"], [])]),
    ],
)
def test_a_clash_between_two_sides_has_both_as_actors(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_where_a_venue_named_in_the_act_stands_is_where_it_happened(pipeline):
    """An embassy is foreign where it stands: the city it is in places the act."""
    assert event_sides(pipeline, "Police arrested ten protesters outside the French embassy in Kinshasa.") == [
        ("COERCE", ["COD"], ["COD"])
    ]


@pytest.mark.parametrize("text, sector, country", [
    ("Gang members kidnapped five police officers near Guayaquil.", "CRM", "ECU"),
    ("GUSAU, Nigeria (Wire) - Bandits killed 30 villagers in Zamfara state on Sunday.", "CRM", "NGA"),
    ("Drug traffickers ambushed a patrol of soldiers near Culiacan, the Mexican army said.", "CRM", "MEX"),
    # an attacker of unknown allegiance stays of no country (CODING.md) ...
    ("Gunmen kidnapped five police officers near Guayaquil.", "UNK", None),
    # ... unless a word of a known kind says whose side they are on
    ("Cartel gunmen kidnapped five police officers near Culiacan, the Mexican army said.", "CRM", "MEX"),
    ("BAMAKO, May 2 (Wire) - Jihadist gunmen kidnapped five police officers near Mopti.", "REB", "MLI"),
])
def test_criminal_gangs_are_of_where_they_act_and_unknown_attackers_of_none(pipeline, text, sector, country):
    """Gang members, bandits and traffickers are criminals of the country they act in (their
    kind is known: crime, not a foreign or political cause); gunmen and attackers nobody has
    identified could be anyone's."""
    events = pipeline.process(text, published="2024-05-02").events
    assert [(e.event_type, [(a.sector, a.country) for a in e.actor]) for e in events] == [("ASSAULT", [(sector, country)])]


@pytest.mark.parametrize(
    "text, expected",
    [
        # whoever was the target or the victims of an attack is hit by it, never its doer
        ("In 2011, the Nigerian embassy was the target of a suicide attack.", [("ASSAULT", [], ["NGA"])]),
        ("Dozens of Syrian farmers were the victims of Russian air strikes.", [("ASSAULT", ["RUS"], ["SYR"])]),
    ],
)
def test_the_target_of_an_attack_is_its_recipient(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # protesters of one country protesting where another rules protest against its authorities
        ("Kenyan workers protested outside the parliament in Kampala.", [("PROTEST", ["KEN"], ["UGA"])]),
        ("Palestinian detainees rioted on Monday at a prison in northern Israel.", [("PROTEST", ["PSE"], ["ISR"])]),
        # at home, against their own
        ("Thousands of Kenyan workers marched in Nairobi.", [("PROTEST", ["KEN"], ["KEN"])]),
    ],
)
def test_a_protest_abroad_is_against_the_hosts_authorities(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the act a journey is made for is its travellers'
        ("Thousands of Zambians converged on Lusaka on Friday for a rally against the fuel price.",
         [("PROTEST", ["ZMB"], ["ZMB"])]),
        # the act taken part in is its participants'
        ("Serbian police units were engaged in ethnic cleansing in Kosovo.", [("ASSAULT", ["SRB"], ["XKX"])]),
        # war games of two navies are a joint exercise; of one, a show of force
        ("Greek and Cypriot warships launched five days of war games off Crete.", [("COOPERATE", ["CYP", "GRC"], [])]),
        ("China began war games near Taiwan on Monday.", [("MOBILIZE", ["CHN"], ["TWN"])]),
    ],
)
def test_acts_named_by_a_noun_after_a_journey_or_taking_part(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_swearing_to_fight_is_a_threat_and_being_sworn_in_is_no_event(pipeline):
    assert [kind for kind, _, _ in event_sides(pipeline, "Tuareg rebels have sworn to fight until the army leaves.")] == ["THREATEN"]
    assert event_sides(pipeline, "The new Malian president was sworn in on Tuesday.") == []


def test_a_vow_that_people_will_be_hunted_down_is_a_threat(pipeline):
    text = "President Ruto vowed that those who planned the attack on Mombasa would be hunted down."
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == ["THREATEN"]
    assert [kind for kind, _, _ in event_sides(pipeline, "Police in Mombasa hunted down three suspects.")] == ["COERCE"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # set on fire, as set ablaze; a crowd breaking into a seat of power riots
        ("Protesters set a police car on fire in Dakar.", [("PROTEST", ["SEN"], ["SEN"])]),
        ("Hundreds of protesters broke into the parliament building in Asuncion.", [("PROTEST", ["PRY"], ["PRY"])]),
        # taken away into custody in a van
        ("Police bundled nine marchers into a van in Harare.", [("COERCE", ["ZWE"], ["ZWE"])]),
    ],
)
def test_setting_on_fire_breaking_in_and_bundling_away(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_breaking_into_a_home_or_setting_foot_somewhere_is_no_event(pipeline):
    assert event_sides(pipeline, "Thieves broke into a house in Lagos.") == []
    assert event_sides(pipeline, "The minister set foot on the island on Monday.") == []


def test_the_with_phrase_of_an_attack_noun_names_no_target(pipeline):
    """"air strikes with the Egyptian air force": whom they fly with, not whom they hit."""
    events = pipeline.process("Egypt backed the government in Tripoli, conducting air strikes with the Egyptian air force.",
                              published="2024-05-02").events
    strikes = [e for e in events if e.event_type == "ASSAULT"]
    assert strikes and all("EGY" not in {r.country for r in e.recipient} for e in strikes)


def test_what_rioters_accuse_someone_of_is_an_accusation_of_its_own(pipeline):
    text = "A mob torched the offices of two Nepali councillors in Birgunj, accusing them of stealing relief funds."
    assert sorted(kind for kind, _, _ in event_sides(pipeline, text)) == ["ACCUSE", "PROTEST"]
    # a peaceful protest's grievance stays part of the protest
    text = "Teachers marched through Kathmandu on Monday, accusing the government of broken promises."
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == ["PROTEST"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # every result participle of one strike is that strike, joined ones too
        ("Sudanese army jets bombed a market in Nyala on Monday, killing nine people and wounding 40.",
         [("ASSAULT", ["SDN"], ["SDN"])]),
        # a second act of the same side in its own clause is its own record
        ("Sudanese army jets bombed a market in Nyala and shelled a school in El Fasher.",
         [("ASSAULT", ["SDN"], ["SDN"]), ("ASSAULT", ["SDN"], ["SDN"])]),
    ],
)
def test_joined_result_participles_are_the_act_they_result_from(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a raised alert is a show of force
        ("Indian troops remained on high alert along the Line of Control on Sunday.", [("MOBILIZE", ["IND"], [])]),
        ("The minister remained on holiday in Goa.", []),
        # defacing websites is a cyber attack by whoever did it, not an act of the victims' state
        ("Hackers defaced dozens of Estonian government websites on Friday.", [("COERCE", [], ["EST"])]),
    ],
)
def test_alerts_are_shows_of_force_and_defaced_websites_cyber_attacks(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, kinds",
    [
        # the protest of the people the police acted on, told in a relative clause, is an event
        ("Police arrested 30 farmers who blocked the highway near Multan on Monday.", ["COERCE", "PROTEST"]),
        ("Riot police fired tear gas at thousands of students who marched on the parliament in Dhaka.",
         ["ASSAULT", "PROTEST"]),
        # ... or in a present participle clause on them
        ("Police fired tear gas at students protesting the fee increase in Nairobi.", ["ASSAULT", "PROTEST"]),
        ("Students protesting the fee increase were arrested in Nairobi.", ["PROTEST", "COERCE"]),
        # what those arrested are held for is only alleged
        ("Police arrested two men who attacked a police station in Multan.", ["COERCE"]),
    ],
)
def test_a_protest_told_of_those_the_police_acted_on_is_an_event(pipeline, text, kinds):
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == kinds


@pytest.mark.parametrize("text", [
    "Police fired tear gas to disperse hundreds of people protesting against fuel prices in Kano on Friday.",
    "Riot police used water cannon to scatter thousands of traders protesting against new taxes in Kano.",
])
def test_the_people_dispersed_not_the_police_are_the_protesters(pipeline, text):
    """"fired tear gas to disperse hundreds of people protesting": the people counted are the
    protest's doers, not the police whose verb acted on them."""
    protest = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "PROTEST")
    assert protest.actor and all(a.sector != "COP" for a in protest.actor)


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("Soldiers took up positions in the main square of La Paz on Wednesday.", ["MOBILIZE"]),
        ("Riot police had been posted at every junction leading to the palace in Kampala.", ["MOBILIZE"]),
        # a job is no position of force
        ("Ghana's former finance minister took up a new position at the World Bank.", []),
    ],
)
def test_forces_taking_up_positions_or_posted_are_shows_of_force(pipeline, text, kinds):
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == kinds


@pytest.mark.parametrize(
    "text, kinds",
    [
        # people let out of custody with no released object named as a detainee are released
        ("Police detained eleven students in Lagos on Monday. The eleven were released without charge before midnight.",
         ["COERCE", "RETREAT"]),
        ("The company released its quarterly results on Monday.", []),
        # a court keeping them in custody is coercion too
        ("Police detained eleven students in Harare on Monday. A magistrate remanded them in custody until July.",
         ["COERCE", "COERCE"]),
    ],
)
def test_a_release_from_custody_and_a_remand_in_custody_are_coded(pipeline, text, kinds):
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == kinds


@pytest.mark.parametrize("text, expected", [
    # any word for people the roles dictionary knows is someone released
    ("Iran released a French tourist who had been held for nearly a year.", [("RETREAT", ["IRN"], ["FRA"])]),
    ("Belarus released a Lithuanian priest after eight months in custody.", [("RETREAT", ["BLR"], ["LTU"])]),
    # a thing released is no release
    ("The Lithuanian ministry released a statement on the talks with Belarus.", []),
])
def test_people_of_any_kind_released_are_a_release(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_the_doer_of_a_verb_the_parser_hangs_on_a_reduced_relative_is_its_subject(pipeline):
    """"Militants linked to the Islamic State ambushed a convoy ...": after a dateline the
    parser may read "linked" as the finite verb and hang "ambushed" on it as `dep`; the
    subject of the participle is the doer of the act. A verb hung on a participle that
    has an object of its own is no such case."""
    from spacy.tokens import Doc

    from newsledger.nlp.grammar import subject_of

    words = ["Militants", "linked", "to", "the", "group", "ambushed", "a", "convoy"]
    doc = Doc(pipeline.nlp.vocab, words=words, heads=[1, 1, 1, 4, 2, 1, 7, 5],
              deps=["nsubj", "ROOT", "prep", "det", "pobj", "dep", "det", "dobj"],
              tags=["NNS", "VBD", "IN", "DT", "NN", "VBD", "DT", "NN"])
    assert subject_of(doc[5]).i == 0
    words = ["Militants", "met", "the", "envoy", "ambushed", "a", "convoy"]
    doc = Doc(pipeline.nlp.vocab, words=words, heads=[1, 1, 3, 1, 1, 6, 4],
              deps=["nsubj", "ROOT", "det", "dobj", "dep", "det", "dobj"],
              tags=["NNS", "VBD", "DT", "NN", "VBD", "DT", "NN"])
    assert subject_of(doc[4]) is None


@pytest.mark.parametrize(
    "text, doer",
    [
        ("Soldiers stormed the compound an hour after the siege began and arrested all 12 gunmen, the army said.",
         "Soldiers"),
        ("Riot police arrived at the square shortly after the rally started and detained dozens of students.",
         "Riot police"),
    ],
)
def test_an_act_joined_to_a_time_clause_about_a_happening_is_the_main_clauses(pipeline, text, doer):
    """The parser joins "and arrested ..." to "after the siege began"; a siege arrests
    no one, so the act goes on the main clause and is its subject's."""
    arrest = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "COERCE")
    assert [a.text for a in arrest.actor] == [doer]


@pytest.mark.parametrize(
    "text, doer, victims",
    [
        ("Two suspected rebels were killed in a firefight with army troops near Catarman on Tuesday, the army said.",
         "army troops", "suspected rebels"),
        ("Four soldiers were killed in clashes with insurgents in Borno state on Sunday.", "insurgents", "soldiers"),
        # a death told with "died" has the fight noun as its trigger; the fight's other side killed
        ("Two bandits died in a gunfight with soldiers near Gusau on Friday.", "soldiers", "bandits"),
        # the with-phrase the parser hangs on the verb is the fight's
        ("Three robbers were killed in a shoot-out with police in Nakuru.", "police", "robbers"),
        ("Six smugglers were killed in a gun battle with border guards near Zahedan.", "border guards", "smugglers"),
        ("A soldier was wounded in an exchange of fire with gunmen near Lashkar Gah.", "gunmen", "soldier"),
    ],
)
def test_a_death_in_a_fight_with_a_side_is_that_sides_act(pipeline, text, doer, victims):
    """Whoever the victims fought ("in a firefight with army troops") killed them."""
    killing = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT")
    assert [a.text for a in killing.actor] == [doer] and [r.text for r in killing.recipient] == [victims]


def test_a_killing_told_in_a_relative_clause_on_a_raid_is_by_the_raiders(pipeline):
    """"carried out a raid on a camp, in which four militants were killed": the clause hangs
    on the raid (or, as the parser often has it, on the raid's target), whose doers killed."""
    text = ("On Monday, a police unit carried out a raid on a rebel camp in the forest, in which four militants "
            "were killed and two rifles were recovered.")
    killing = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT")
    assert [a.text for a in killing.actor] == ["police unit"] and [r.text for r in killing.recipient] == ["militants"]


@pytest.mark.parametrize(
    "text",
    [
        "Israel said it struck Hezbollah targets overnight. Lebanon's health ministry said five people were killed "
        "when an Israeli drone hit a car near Kfar Dounine.",
        "Israel said it struck Hezbollah targets overnight. Five people were killed when an Israeli drone hit a car "
        "near Kfar Dounine, according to the Lebanese health ministry.",
    ],
)
def test_victims_a_health_authority_counts_are_of_its_country(pipeline, text):
    """A village the gazetteer does not know leaves the victims' country to the article's
    (here Israel's); the health ministry that counts them says whose dead they are."""
    killing = next(e for e in pipeline.process(text, published="2024-05-02").events if e.evidence.trigger == "killed")
    assert [a.country for a in killing.actor] == ["ISR"] and [r.country for r in killing.recipient] == ["LBN"]


def test_others_hurt_beside_a_death_in_an_attack_are_hurt_in_that_attack(pipeline):
    """"died in police firing and two other people were wounded": the -ing the parser reads
    as the phrase's verb is the attack, and the agentless passive joined to the death is
    the same act, by the same side, not a second attack by nobody."""
    text = "In Beira, a teenager died in police firing and two other people were wounded on Thursday, residents said."
    assaults = [e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT"]
    assert [[a.text for a in e.actor] for e in assaults] == [["police"]]


@pytest.mark.parametrize("text", [
    "A border guard was killed and two others injured in a Taliban attack on a post in Kunar.",
    "A border guard was killed and two others were injured in a Taliban attack on a post in Kunar.",
])
def test_an_attack_told_on_the_last_of_joined_passives_is_one_act(pipeline, text):
    """"was killed and two others [were] injured in a Taliban attack": the attack on the
    second, auxiliary or not, tells how both were hurt; one record, by the attack's doer."""
    assaults = [e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT"]
    assert [[(a.country, a.sector) for a in e.actor] for e in assaults] == [[("AFG", "REB")]]


@pytest.mark.parametrize("text, doer", [
    ("Two farmers were killed in army shelling on Friday.", "army"),
    ("Two farmers were killed in Sudanese shelling on Friday.", "Sudanese"),
])
def test_the_side_the_parser_splits_from_its_attack_owns_it(pipeline, text, doer):
    """"killed in army shelling" parsed as "in army" + "shelling": the side is the attack's owner."""
    killing = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT")
    assert [a.text for a in killing.actor] == [doer]


FOREIGN_RAID = ("NABLUS, March 3 (Agency) - Israeli troops raided the old city of Nablus before dawn on Tuesday, "
                "the military said.\n\nSoldiers fired tear gas at residents who threw stones at them, witnesses said. "
                "Three men were detained and taken to a base nearby.")


def test_unnamed_troops_after_a_foreign_weapon_alone_are_that_force(pipeline):
    """Only a foreign weapon named near ("Israeli jets"): the men are still of its side."""
    text = ("JENIN, March 3 (Agency) - Israeli jets struck a house in Jenin overnight.\n\n"
            "Soldiers later detained four men in the nearby village of Burqin.")
    arrest = next(e for e in pipeline.process(text, published="2024-03-03").events if e.event_type == "COERCE")
    assert [a.country for a in arrest.actor] == ["ISR"]


def test_unnamed_troops_after_a_foreign_force_are_that_force(pipeline):
    """A story that names a foreign force at work in the country it is set in goes on calling
    it "soldiers"; they, and the arrests it tells with no doer right after the raid, are that
    force's, not the army or authorities of the place."""
    sides = {kind: (actor, recipient) for kind, actor, recipient in event_sides(pipeline, FOREIGN_RAID, "2024-03-03")}
    assert sides["ASSAULT"] == (["ISR"], ["PSE"])
    assert sides["COERCE"] == (["ISR"], ["PSE"])


@pytest.mark.parametrize(
    "text",
    [
        # the home side's force named after the foreign one: "soldiers" are the home side's again
        "KHARKIV, May 3 (Agency) - Russian forces shelled the city overnight, the governor said.\n\n"
        "Ukrainian troops pushed them back from two villages. Soldiers detained three saboteurs near the front.",
        # the foreign force named three sentences before: too far to be whom "soldiers" means
        "KHARKIV, May 3 (Agency) - Russian forces shelled towns in Ukraine's Kharkiv region overnight, the "
        "governor said.\n\nSchools stayed shut. Power came back by noon. Trams ran again in the evening. "
        "Soldiers detained three saboteurs near the front.",
        # a foreign weapon named after the home side's men: "soldiers" continue the men, not the drones
        "KHARKIV, May 3 (Agency) - Ukrainian troops backed by British drones retook a village near Kupiansk.\n\n"
        "Soldiers detained three saboteurs near the front.",
    ],
)
def test_unnamed_troops_are_the_home_sides_unless_a_foreign_force_was_just_named(pipeline, text):
    arrest = next(e for e in pipeline.process(text, published="2024-05-03").events if e.event_type == "COERCE")
    assert [a.country for a in arrest.actor] == ["UKR"]


@pytest.mark.parametrize(
    "text, doer",
    [
        # an unnamed armed group is of the group it is said to belong to
        ("Insurgents linked to the Islamic State beheaded four villagers in Cabo Delgado province.", "IMG"),
        ("Gunmen affiliated with al-Shabaab attacked a police post in Mandera.", "SOM"),
        # a person they follow names no side of theirs
        ("Gunmen loyal to a former governor attacked a police post in Mandera.", "-"),
    ],
)
def test_an_unnamed_group_belongs_to_the_group_it_is_linked_to(pipeline, text, doer):
    attack = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT")
    assert [a.country or "-" for a in attack.actor] == [doer]


def test_an_attack_on_a_police_post_is_an_assault_not_criticism(pipeline):
    """"attacked a police post": a post of the armed forces or police, not one on social media."""
    assert [kind for kind, _, _ in event_sides(pipeline, "Militants attacked an army post near Garissa on Sunday.")] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "In Yerevan, as the crowd moved towards parliament, riot police threw stun grenades into it.",
        "In Tbilisi, as protesters marched on the palace, riot police fired tear gas at them.",
    ],
)
def test_force_used_on_it_or_them_falls_on_the_crowd_just_named(pipeline, text):
    """"it" or "them" after a crowd or protesters that were a clause's subject in the same
    sentence is that crowd (people, CVL), not the last state or government named."""
    attack = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT")
    assert [r.sector for r in attack.recipient] == ["CVL"]


def test_an_act_named_again_is_blamed_on_each_of_its_countries_once(pipeline):
    """"U.S. bombers and fighter jets struck ... condemned the strikes": the doers of the act
    the noun names again are one party per country, not one per phrase that named them."""
    text = ("U.S. bombers and fighter jets struck militia targets in Iraq on Friday. "
            "Iraq's government condemned the strikes as a breach of its sovereignty.")
    condemned = next(e for e in pipeline.process(text, published="2024-02-03").events if e.event_type == "ACCUSE")
    assert [r.country for r in condemned.recipient] == ["USA"]


@pytest.mark.parametrize(
    "text",
    [
        "Philippine officials called the bombing the deadliest attack on Marawi since 2017.",
        "Four people died at a church in Marawi on Sunday, in what Philippine officials call the deadliest attack "
        "on the city since 2017.",
    ],
)
def test_who_calls_an_attack_so_did_not_do_it(pipeline, text):
    """"officials called the bombing the deadliest attack": the subject of a labelling verb
    names the act, it is not the act's doer."""
    events = pipeline.process(text, published="2023-12-03").events
    assert not any(a.text == "Philippine officials" for e in events if e.event_type == "ASSAULT" for a in e.actor)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a crowd that kills someone assaults them
        ("In Kano, a bus driver was beaten to death by a mob, Nigerian police said.", [("ASSAULT", ["NGA"], ["NGA"])]),
        ("A crowd lynched two men accused of theft in a village near Kano.", [("ASSAULT", ["NGA"], ["NGA"])]),
        ("Rioters stoned a man to death near a mosque in Kano.", [("ASSAULT", ["NGA"], ["NGA"])]),
        # a crowd's stoning of a thing stays a riot
        ("Youths stoned a police van in Lagos.", [("PROTEST", ["NGA"], ["NGA"])]),
    ],
)
def test_a_crowd_that_kills_assaults_where_a_crowd_that_damages_riots(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the subject came under the attack: it is the victim, the from-phrase the doer
        ("Kosovo police came under fire from gunmen near the monastery.", [("ASSAULT", ["-"], ["XKX"])]),
        ("A UN convoy came under attack from rebels near Goma.", [("ASSAULT", ["COD"], ["UNO"])]),
        # with no armed side on either end it is criticism in words
        ("The Kenyan minister came under fire from opposition lawmakers over the budget.", []),
        ("The Kenyan plan came under attack from critics in parliament.", []),
    ],
)
def test_coming_under_fire_from_an_armed_side_is_an_attack_on_the_subject(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Serbian riot police used pepper spray to clear a sit-in in Belgrade.",
        "In Ottawa, mounted officers rode into the crowd, knocking several protesters to the ground.",
    ],
)
def test_pepper_spray_and_knocking_people_down_are_force(pipeline, text):
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an instrument an armed side's name marks says whose the agentless act is
        ("In Buenos Aires, a pensioner was struck with a police baton.", [("ASSAULT", ["ARG"], ["ARG"])]),
        ("In Harare, several activists were beaten with army rifle butts.", [("ASSAULT", ["ZWE"], ["ZWE"])]),
        # an unmarked instrument names no one
        ("Several activists were beaten with batons in Harare.", [("ASSAULT", [], ["ZWE"])]),
    ],
)
def test_an_instrument_marked_with_an_armed_side_names_the_doer(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a unit word whose modifier names an armed side is one
        ("Serbian police units took up positions along the border.", [("MOBILIZE", ["SRB"], [])]),
        ("Police units fought gang members in Guayaquil.", [("ASSAULT", ["ECU"], ["ECU"])]),
        # taking up a post is no deployment
        ("She took up the position of chair of the committee in Belgrade.", []),
    ],
)
def test_units_named_by_an_armed_side_are_armed(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # people who gather to press a demand demonstrate; the demand is what the protest is for
        ("Thousands gathered in central Belgrade on Saturday to demand the resignation of the interior minister.",
         [("PROTEST", ["SRB"], ["SRB"])]),
        ("Several hundred pensioners gathered outside the Congress in Buenos Aires to demand a rise in pensions.",
         [("PROTEST", ["ARG"], ["ARG"])]),
        # leaders or officials who gather to call for something meet and demand, they do not protest
        ("Leaders of the G7 gathered in Rome to call for a ceasefire in Gaza.", [("REQUEST", ["IGO"], ["PSE"])]),
        # ... and so do people who gather or assemble for a demonstration or a rally
        ("Several hundred people gathered in Belfast for a counter-demonstration against racism.",
         [("PROTEST", ["GBR"], ["GBR"])]),
        ("Thousands assembled for a rally outside parliament in Nairobi.", [("PROTEST", ["KEN"], ["KEN"])]),
        # gathering for anything else is no protest
        ("Families gathered in Kabul to mourn the victims.", []),
        ("Hundreds gathered for a concert in a park in Nairobi.", []),
    ],
)
def test_a_crowd_that_gathers_to_press_a_demand_protests(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a town an armed act is done to, named with no party, is done to its country
        ("Israeli forces raided Jenin.", [("COERCE", ["ISR"], ["PSE"])]),
        ("Israeli forces carried out a raid on Jenin.", [("COERCE", ["ISR"], ["PSE"])]),
        ("JERUSALEM, May 3 (Agency) - Israeli forces launched a raid on Nablus early on Tuesday.",
         [("COERCE", ["ISR"], ["PSE"])]),
        # ... and so are the towns coordinated with it, also beside a place that names no party
        ("Israeli troops carried out a raid on Nablus and Tubas overnight.", [("COERCE", ["ISR"], ["PSE"])]),
        ("Israeli troops carried out a raid on Nablus and its old city overnight.", [("COERCE", ["ISR"], ["PSE"])]),
    ],
)
def test_a_town_an_armed_act_is_done_to_is_of_its_own_country(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a person shot with no doer named, after a foreign side's raid, is the raiders' victim,
        # of the raided country (the NER took the town for the article's own)
        ("Israeli troops carried out a raid on Tubas before dawn on Friday. A shepherd was shot dead "
         "near the school, the mayor said.", [("COERCE", ["ISR"], ["PSE"]), ("ASSAULT", ["ISR"], ["PSE"])]),
        # ... not a soldier (of either side), nor after a raid by the victims' own police
        ("Israeli troops carried out a raid on Tubas before dawn on Friday. A soldier was shot dead "
         "near the school, the army said.", [("COERCE", ["ISR"], ["PSE"]), ("ASSAULT", [], ["ISR"])]),
        ("Police in Lagos carried out a raid on a market before dawn on Friday. A trader was shot dead "
         "near the gate, witnesses said.", [("COERCE", ["NGA"], []), ("ASSAULT", [], ["NGA"])]),
    ],
)
def test_a_person_shot_after_a_foreign_raid_is_the_raiders_victim(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_a_town_raided_with_a_place_beside_it_is_still_of_its_own_country(pipeline):
    # the NER takes the town for a person, of the article's country; the gazetteer knows it
    raid = next(e for e in pipeline.process("Israeli forces raided Jenin and its refugee camp on Monday.",
                                            published="2024-05-02").events if e.event_type == "COERCE")
    assert {r.country for r in raid.recipient if r.country} == {"PSE"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a protest's demand that names a foreign party aims the protest at it
        ("Thousands marched in Niamey to demand that French troops leave.", [("PROTEST", ["NER"], ["FRA"])]),
        ("Thousands of people protested in Niamey, demanding the withdrawal of French troops.", [("PROTEST", ["NER"], ["FRA"])]),
        # a demand of their own authorities keeps the protest at home
        ("Thousands marched in Niamey to demand the resignation of the prime minister.", [("PROTEST", ["NER"], ["NER"])]),
    ],
)
def test_a_protest_demanding_a_foreign_party_act_is_aimed_at_it(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize("text, recipient", [
    # those a protest's harm is done to are whom it defends; its target is the mission it is held at
    ("Hundreds of Kenyans protested outside the Chinese embassy in Nairobi against the treatment of Kenyan workers.", ["CHN"]),
    # a protest against a state names that state
    ("Hundreds of Kenyans protested against the Chinese government in Nairobi.", ["CHN"]),
])
def test_the_people_a_protest_defends_are_not_its_target(pipeline, text, recipient):
    [(kind, _, found)] = event_sides(pipeline, text)
    assert (kind, found) == ("PROTEST", recipient)


@pytest.mark.parametrize(
    "text, kinds",
    [
        # "in protest" says why another act was done: with a protest told in the sentence, it is that one
        ("Seven opposition parties in Nepal called a general strike that closed shops in Kathmandu in protest of the "
         "arrest of activists.", ["PROTEST"]),
        # walking off the job is a strike
        ("Dockers in Antwerp walked off the job on Monday over the new contracts.", ["PROTEST"]),
        ("The minister walked off the stage in Antwerp.", []),
    ],
)
def test_one_protest_told_with_in_protest_and_walking_off_the_job(pipeline, text, kinds):
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == kinds


def test_most_or_several_of_those_just_counted_are_people_acted_on(pipeline):
    """"Most were released within hours": a quantity standing alone for the people the
    report has just counted is released (or hurt) like them."""
    text = "Police in Yerevan detained 90 protesters on Monday. Most were released within hours."
    assert event_sides(pipeline, text) == [("COERCE", ["ARM"], ["ARM"]), ("RETREAT", ["ARM"], ["ARM"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a service word stands for what its modifier names: suspending internet services is censorship
        ("Mobile internet and data services were suspended in Imphal on Friday.", [("COERCE", ["IND"], ["IND"])]),
        ("The operator suspended bus services in Lagos on Friday.", []),
    ],
)
def test_suspending_internet_services_is_censorship(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # clamping a curfew or an order on a place imposes it; clamping down is a crackdown
        ("Officials clamped a curfew on the old city of Srinagar on Sunday.", [("COERCE", ["IND"], ["IND"])]),
        ("She clamped the papers to the board in Srinagar.", []),
        # "media" is the press, though the tagger lemmatises it to "medium"
        ("The junta clamped down on independent media in Yangon.", [("COERCE", ["MMR"], ["MMR"])]),
    ],
)
def test_clamping_a_curfew_or_down_on_the_media_is_coercion(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_media_are_the_press_whatever_their_lemma(pipeline):
    events = pipeline.process("The junta cracked down on independent media in Yangon.", published="2024-03-01").events
    assert [(r.country, r.sector) for e in events for r in e.recipient] == [("MMR", "MED")]


@pytest.mark.parametrize(
    "text, kinds",
    [
        # forces brought into a city, ordered onto the streets or sent as a column are deployed
        ("About 1,000 officers had been brought into Ottawa for the operation.", ["MOBILIZE"]),
        ("Police brought in reinforcements from Nairobi.", ["MOBILIZE"]),
        ("President Noboa ordered the armed forces onto the streets of Quito.", ["MOBILIZE"]),
        ("The company brought in new managers.", []),
    ],
)
def test_forces_brought_in_or_ordered_onto_the_streets_are_deployed(pipeline, text, kinds):
    assert [kind for kind, _, _ in event_sides(pipeline, text)] == kinds


@pytest.mark.parametrize(
    "text, expected",
    [
        # a rally the police break up is told too: a protest by whom its by-phrase names, at their own authorities
        ("Police dispersed a demonstration by farmers in Lahore.",
         [("ASSAULT", ["PAK"], ["PAK"]), ("PROTEST", ["PAK"], ["PAK"])]),
        # held in the passive, a rally is by whom its by-phrase names, and aimed at their authorities, not at them
        ("A rally by garment workers was held in Dhaka on Sunday.", [("PROTEST", ["BGD"], ["BGD"])]),
    ],
)
def test_a_rally_broken_up_or_held_in_the_passive_is_its_protesters(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


def test_a_rally_held_in_the_passive_is_aimed_at_the_authorities(pipeline):
    events = pipeline.process("A rally by garment workers was held in Dhaka on Sunday.", published="2024-03-01").events
    assert [([a.text for a in e.actor], [(r.text, r.sector) for r in e.recipient]) for e in events] == [
        (["garment workers"], [("", "GOV")])]


def test_a_suicide_bomber_is_a_person_not_a_bomber_aircraft(pipeline):
    """"A suicide bomber struck a mosque": the attacker is named (of no known side), not an
    instrument someone else wielded; "Russian bombers" stay aircraft of Russia."""
    events = pipeline.process("A suicide bomber struck a mosque in Kunduz province on Friday, killing 18 worshippers.",
                              published="2024-03-01").events
    assert [(e.event_type, [(a.text, a.sector) for a in e.actor]) for e in events] == [
        ("ASSAULT", [("suicide bomber", "UNK")])]
    assert event_sides(pipeline, "Russian bombers struck Aleppo overnight.")[0][:2] == ("ASSAULT", ["RUS"])


def test_a_warning_of_what_the_warners_will_do_to_someone_is_a_threat(pipeline):
    """"warned that it would target any convoy": the warner's own act on someone, whatever
    its verb, is a threat aimed at them; a warning of what will befall the warner is none."""
    threats = [e for e in pipeline.process("GAO, Mali (Wire) - The rebel coalition warned that it would target any "
                                           "soldiers on the road to Kidal.", published="2024-05-02").events
               if e.event_type == "THREATEN"]
    assert [(t.evidence.trigger, [r.text for r in t.recipient]) for t in threats] == [("warned", ["soldiers"])]
    threats = [e for e in pipeline.process("GAO, Mali (Wire) - The rebel coalition warned that it would target any "
                                           "security personnel in the north.", published="2024-05-02").events
               if e.event_type == "THREATEN"]
    assert [(r.text, r.sector) for t in threats for r in t.recipient] == [("security personnel", "MIL")]
    assert not [e for e in pipeline.process("GAO, Mali (Wire) - Aid agencies warned that they would run out of "
                                            "food by June.", published="2024-05-02").events if e.event_type == "THREATEN"]


@pytest.mark.parametrize(
    "text, kinds",
    [
        # a sit-down where traffic runs is a protest; sitting down with someone is talking
        ("LIMA (Wire) - Police removed 30 pensioners who sat down on the highway outside the ministry.", {"PROTEST"}),
        ("LIMA (Wire) - The labour minister sat down with union leaders on Monday.", set()),
        # an armed side leaving a place it held withdraws; an attack leaving people dead does not
        ("LIMA (Wire) - By nightfall the soldiers had left the town.", {"RETREAT"}),
        ("LIMA (Wire) - The ambush left five soldiers dead.", set()),
    ],
)
def test_sitting_down_in_a_road_and_forces_leaving_a_place(pipeline, text, kinds):
    found = {e.event_type for e in pipeline.process(text, published="2024-05-02").events}
    assert found & {"PROTEST", "RETREAT"} == kinds


def test_the_evidence_shows_a_hyphenated_trigger_whole(pipeline):
    (attack,) = pipeline.process("KYIV (Wire) - The army launched a counter-attack near the river.",
                                 published="2024-05-02").events
    assert attack.evidence.trigger == "counter-attack"


@pytest.mark.parametrize("text, first, second", [
    # the parser joins the second clause's subject to the first clause's object
    ("Ivorian police detained two Malian traders and Burkinabe gendarmes shot a smuggler near the border.",
     ("COERCE", ["CIV"], ["MLI"]), ("ASSAULT", ["BFA"])),
    ("Police detained nine Georgian students and Russian soldiers beat two reporters in Tskhinvali.",
     ("COERCE", ["GEO"], ["GEO"]), ("ASSAULT", ["RUS"])),
])
def test_a_second_clause_read_into_the_first_ones_object_keeps_its_own_subject(pipeline, text, first, second):
    found = event_sides(pipeline, text)
    assert first in found
    assert [(kind, actor) for kind, actor, _ in found if kind == second[0]] == [second]


@pytest.mark.parametrize("text, expected", [
    # people hit where a foreign mission or body stands are not that foreign party
    ("French police fired tear gas at protesters outside the Chinese embassy in Paris.", ("ASSAULT", ["FRA"], ["FRA"])),
    ("Belgian police fired water cannon at farmers who burned tyres outside the European Commission.",
     ("ASSAULT", ["BEL"], ["BEL"])),
])
def test_a_place_named_beside_the_people_hit_is_no_party(pipeline, text, expected):
    assert event_sides(pipeline, text)[:1] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "A curfew was imposed in the northern town of Bawku after clashes between two clans left four dead.",
        "Dozens of youths were detained in Bawku after clashes between two clans left four dead.",
    ],
)
def test_a_clash_in_a_time_clause_imposes_no_curfew_and_makes_no_arrest(pipeline, text):
    """A weapon or an attack in a time clause is the doer of a killing ("were killed when
    shells landed"), never of a curfew or an arrest: those stay the local authorities'."""
    act = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "COERCE")
    assert [(a.text, a.country, a.sector) for a in act.actor] == [("", "GHA", "GOV")]


def test_fighting_with_a_side_after_which_an_armed_act_came_is_the_actors(pipeline):
    """"seized the town after heavy fighting with government troops": the side that took the
    town fought those troops."""
    text = "M23 rebels seized the town of Sake on Thursday after heavy fighting with Congolese troops."
    fight = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT")
    assert [a.text for a in fight.actor] == ["M23 rebels"] and [r.text for r in fight.recipient] == ["Congolese troops"]


@pytest.mark.parametrize(
    "text, country",
    [
        ("Gunmen killed six travellers on the highway between Gao and Ansongo.", "MLI"),
        ("Four aid workers were kidnapped at gunpoint on the road to Goma.", "COD"),
    ],
)
def test_victims_on_a_road_are_of_where_the_road_runs(pipeline, text, country):
    """An act on a road, a highway or a route happened where the towns it runs to, from or
    between are; unnamed victims there are of that country."""
    attack = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ASSAULT")
    assert [r.country for r in attack.recipient] == [country]


@pytest.mark.parametrize(
    "text, expected",
    [
        # birdshot, buckshot and live ammunition fired at people are the means, the people the target
        ("Security forces fired birdshot at mourners in the city of Saqqez.", [("ASSAULT", ["IRN"], ["IRN"])]),
        ("Police fired buckshot at striking miners in Johannesburg.", [("ASSAULT", ["ZAF"], ["ZAF"])]),
        # herders are people who can attack
        ("Armed herders attacked three villages near Jos overnight.", [("ASSAULT", ["NGA"], ["NGA"])]),
    ],
)
def test_shot_fired_at_people_and_herders_attacking(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police in Recife detained the activist Ana Souza on Monday. She was beaten in custody, her lawyer said.",
         [("COERCE", ["BRA"], ["BRA"]), ("ASSAULT", [], ["BRA"])]),
        ("Police in Recife detained the activist Ana Souza on Monday. She was released on Tuesday.",
         [("COERCE", ["BRA"], ["BRA"]), ("RETREAT", ["BRA"], ["BRA"])]),
        # a record beaten or an album released is no person
        ("The singer Ana Souza released her second album in May.", []),
        ("The runner Ana Souza beat the national record in Recife.", []),
    ],
)
def test_a_person_beaten_or_released_may_be_named_by_a_pronoun(pipeline, text, expected):
    """"She was beaten in custody", "he was released": a personal pronoun is a person beaten,
    kicked, punched or released (trigger objects `he`, `she`), the person it refers to."""
    assert event_sides(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a strike nobody named walks out on, just after an attack was told, is more of that attack
        ("Tehran has enriched more uranium this year than ever. Israel has already struck Iranian territory twice "
         "this year. Another round of strikes could close the window for diplomacy for good.",
         [("ASSAULT", ["ISR"], ["IRN"]), ("ASSAULT", ["ISR"], ["IRN"])]),
        # ... while strikes called, or told with marches, are walkouts
        ("Tehran has enriched more uranium this year than ever. Israel has already struck Iranian territory twice "
         "this year. Unions in Tehran called a week of strikes over pay.",
         [("ASSAULT", ["ISR"], ["IRN"]), ("PROTEST", ["IRN"], ["IRN"])]),
    ],
)
def test_a_strike_no_one_walks_out_on_after_an_attack_is_that_attack(pipeline, text, expected):
    assert event_sides(pipeline, text) == expected
