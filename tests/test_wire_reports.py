"""Classes of police, protest and conflict wire reports the coder was fixed for, each tested
on sentences of our own: datelines, crowd control, fighters, unknown attackers, riots,
protests against policies, statements that act for whoever issued them, people held for
questioning, buildings stormed or burned, and countries named across a border."""

from __future__ import annotations

import pytest

from newsledger.nlp.sentences import datelines

PUBLISHED = "2024-05-03"


def coded(pipeline, text: str):
    return pipeline.process(text, published=PUBLISHED).events


def sides(event) -> tuple[list[str], list[str]]:
    return sorted({a.country or "-" for a in event.actor}), sorted({r.country or "-" for r in event.recipient})


@pytest.mark.parametrize(
    "text, dateline",
    [
        ("QUITO, May 2 (Wire) - Police", "QUITO, May 2 (Wire) - "),
        ("NEW YORK (Wire) — The", "NEW YORK (Wire) — "),
        ("Tbilisi, Georgia (Wire) — Riot", "Tbilisi, Georgia (Wire) — "),
        ("HARARE -- Students", "HARARE -- "),
        ("Headline\n\nADDIS ABABA, Feb. 13 (Wire) - A", "Headline\n\nADDIS ABABA, Feb. 13 (Wire) - "),
        ("BAUCHI, Nigeria, June 9 (Wire) - Armed", "BAUCHI, Nigeria, June 9 (Wire) - "),
        ("US - China talks resumed in Geneva.", None),
        ("EU-wide rules apply.", None),
        ("Officials in Quito - the capital - said so.", None),
        ("NATO - the alliance - met.", None),
        ("KARACHI, Sept 9 (Wire) - police", "KARACHI, Sept 9 (Wire) - "),  # terse lower-case wire copy
        ("harare, june 9 (wire) - riot police", "harare, june 9 (wire) - "),  # a feed all in lower case
        ("officials, as always, said - no", None),
    ],
)
def test_a_wire_dateline_is_found_only_at_a_paragraph_start(text, dateline):
    match = next(datelines(text), None)
    assert (text[: match.end()] if match else None) == dateline


def test_the_lead_after_a_dateline_has_its_own_subject(pipeline):
    """"QUITO, May 2 (Wire) - Police detained..." parsed as one sentence made "QUITO" the
    subject and "May" a person; the dateline is a sentence of its own."""
    events = coded(pipeline, "QUITO, May 2 (Wire) - Ecuadorean police detained 40 protesters outside the "
                             "national assembly on Thursday, the interior ministry said.")
    arrests = [e for e in events if e.event_type == "COERCE"]
    assert len(arrests) == 1 and arrests[0].actor[0].text == "Ecuadorean police"
    assert sides(arrests[0]) == (["ECU"], ["ECU"])
    assert arrests[0].evidence.text.startswith("Ecuadorean police")


def test_fighters_are_people_not_aircraft(pipeline):
    events = coded(pipeline, "NIAMEY, May 2 (Wire) - Jihadist fighters ambushed an army convoy near Tillaberi in "
                             "western Niger on Tuesday, the Nigerien defence ministry said.")
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.actor and assault.actor[0].country == "NER" and assault.actor[0].sector == "REB"


def test_a_capitalised_plural_role_at_the_start_of_a_lead_is_still_that_role(pipeline):
    events = coded(pipeline, "MANILA, May 2 (Wire) - Rebels ambushed an army patrol in the southern Philippines "
                             "on Sunday, the Philippine army said.")
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.actor[0].sector == "REB" and assault.actor[0].country == "PHL"


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Unidentified gunmen killed nine villagers in Burkina Faso's Sahel region, officials in Burkina Faso said.", "-"),
        ("Gunmen shot dead two traders at a market in northern Burkina Faso, officials in Burkina Faso said.", "-"),
        ("Malian gunmen shot dead two traders at a market in northern Burkina Faso, officials said.", "MLI"),
    ],
)
def test_an_unknown_attacker_takes_no_country_unless_the_text_gives_one(pipeline, text, actor):
    assault = next(e for e in coded(pipeline, text) if e.event_type == "ASSAULT")
    assert sides(assault)[0] == [actor]


def test_the_weapon_fired_is_the_means_and_the_purpose_clause_names_the_target(pipeline):
    events = coded(pipeline, "Kenyan riot police fired tear gas to disperse hundreds of students outside the "
                             "education ministry in Nairobi.")
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert sides(assault) == (["KEN"], ["KEN"])
    assert "students" in assault.recipient[0].text and "gas" not in assault.recipient[0].text


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Peruvian riot police charged protesters with batons outside Congress in Lima.", "ASSAULT"),
        ("Peruvian prosecutors charged three protesters with vandalism in Lima.", "ACCUSE"),
    ],
)
def test_a_charge_with_batons_is_force_a_charge_with_a_crime_is_an_accusation(pipeline, text, kind):
    assert [e.event_type for e in coded(pipeline, text)] == [kind]


def test_crowd_control_falls_on_a_local_crowd_when_the_text_names_none(pipeline):
    """"Officers responded with tear gas": the act is force on the crowd, people of the
    country whose police use it; the implied crowd has no text."""
    events = coded(pipeline, "Youths in Bolivia blocked roads in El Alto, and Bolivian police officers responded "
                             "with tear gas.")
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert sides(assault) == (["BOL"], ["BOL"])
    assert assault.recipient[0].text == "" and assault.recipient[0].resolution == "other_party"
    assert "crowd-control" in assault.mode


def test_water_cannon_used_to_disperse_a_crowd_is_one_use_of_force(pipeline):
    events = coded(pipeline, "Riot police in Serbia used water cannon to disperse a crowd outside parliament in Belgrade.")
    assaults = [e for e in events if e.event_type == "ASSAULT"]
    assert len(assaults) == 1 and sides(assaults[0]) == (["SRB"], ["SRB"])


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Masked protesters set fire to a bus in Santiago, and police in Chile made arrests.", "set"),
        ("Rioters attacked a police station in the Chilean city of Valparaiso.", "attacked"),
    ],
)
def test_violence_by_protesters_is_rioting_not_an_armed_attack(pipeline, text, trigger):
    riot = next(e for e in coded(pipeline, text) if e.evidence.trigger.startswith(trigger))
    assert (riot.event_type, riot.mode) == ("PROTEST", ["riot"])
    assert sides(riot)[0] == ["CHL"]


@pytest.mark.parametrize(
    "text, recipient, implied",
    [
        ("Thousands marched in Khartoum against military rule, witnesses in Sudan said.", ["SDN"], True),
        ("Thousands marched in Lima against President Boluarte's pension reform, witnesses in Peru said.", ["PER"], True),
        ("Teachers in Nairobi went on strike on Monday over unpaid salaries.", ["KEN"], True),
        ("Thousands marched in Lima against the government, witnesses in Peru said.", ["PER"], False),
        ("Palestinian riots against Israeli military policies continued in Hebron.", ["ISR"], False),
    ],
)
def test_a_protest_is_aimed_at_the_protesters_own_authorities_unless_it_names_a_foreign_party(
        pipeline, text, recipient, implied):
    """A domestic policy, or no target at all, makes the protesters' own government the
    recipient, implied (no text); a party the sentence names is the recipient itself."""
    protest = next(e for e in coded(pipeline, text) if e.event_type == "PROTEST")
    assert sorted({r.country for r in protest.recipient if r.country}) == recipient
    assert all((r.text == "" and r.sector == "GOV") == implied for r in protest.recipient)


@pytest.mark.parametrize(
    "text, kind, actor, recipient",
    [
        ("The Uganda Police Force said 30 people had been taken into custody in Kampala.", "COERCE", "UGA", "UGA"),
        ("An opposition lawmaker in Uganda was beaten by police outside the parliament in Kampala.", "ASSAULT", "UGA", "UGA"),
        ("Israel said militants had fired rockets at Israeli towns, and Israel responded with air strikes on Gaza.",
         "ASSAULT", "ISR", "PSE"),
    ],
)
def test_custody_beatings_and_answers_in_kind(pipeline, text, kind, actor, recipient):
    """"Taken into custody" is an arrest; a beaten lawmaker is a victim of force, not a
    sports result; "responded with air strikes" is the responder's attack."""
    found = [e for e in coded(pipeline, text) if e.event_type == kind and sides(e) == ([actor], [recipient])]
    assert len(found) == 1


@pytest.mark.parametrize(
    "text, kind, actor, recipient",
    [
        ("Pakistan's foreign ministry issued a statement condemning the raid on its embassy in Kabul.",
         "ACCUSE", "PAK", "AFG"),
        ("The Kenyan government released a letter accusing Somalia of meddling in its elections.", "ACCUSE", "KEN", "SOM"),
        ("The head of the Emirati state broadcaster attributed the bombing to Houthi rebels.", "ACCUSE", "ARE", "YEM"),
        # an act blamed on someone accuses whom it is blamed on; a warrant "on" people accuses them
        ("The head of the Emirati state broadcaster blamed the bombing on Houthi rebels.", "ACCUSE", "ARE", "YEM"),
        ("A Tehran court issued arrest warrants on 36 people, including US President Donald Trump.",
         "ACCUSE", "IRN", "USA"),
    ],
)
def test_a_statement_acts_for_whoever_issued_it_and_attributing_an_attack_accuses(pipeline, text, kind, actor, recipient):
    found = [e for e in coded(pipeline, text) if e.event_type == kind]
    assert [sides(e) for e in found] == [([actor], [recipient])]


def test_an_act_one_was_convicted_or_accused_of_is_no_new_event(pipeline):
    """"Executed a man convicted of killing a guard": the killing was tried, the article
    reports the execution."""
    events = coded(pipeline, "TEHRAN, March 4 (Wire) - Iran executed a man convicted of killing a prison guard in "
                             "Tehran, Iranian state media reported.")
    assert [e.evidence.trigger for e in events if e.event_type == "ASSAULT"] == ["executed"]


def test_fighting_named_as_the_doer_makes_both_sides_actors(pipeline):
    events = coded(pipeline, "KHARTOUM, March 4 (Wire) - Fighting between the Sudanese army and the Rapid Support "
                             "Forces killed at least 40 civilians in Khartoum on Saturday.")
    killing = next(e for e in events if e.event_type == "ASSAULT")
    assert {a.name for a in killing.actor} >= {"Rapid Support Forces"} and len(killing.actor) == 2
    assert sides(killing) == (["SDN"], ["SDN"])


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        # the object counted ("dozens of rockets") meets the trigger's object list
        ("Hezbollah fired dozens of rockets into northern Israel on Sunday, the Israeli military said.", "LBN", "ISR"),
        # storming a building is an attack on it
        ("Al Shabaab militants stormed a hotel in the Somali capital Mogadishu on Friday night.", "SOM", "SOM"),
        # unnamed targets hit in a named place are that place's, not the attacker's country
        ("Israel struck targets in southern Lebanon on Monday, the Israeli military said.", "ISR", "LBN"),
    ],
)
def test_counted_objects_stormed_buildings_and_targets_in_a_place(pipeline, text, actor, recipient):
    found = [e for e in coded(pipeline, text) if e.event_type == "ASSAULT"]
    assert [sides(e) for e in found] == [([actor], [recipient])]


@pytest.mark.parametrize(
    "text, kind, recipient",
    [
        # youths throwing stones riot; soldiers answering with live fire use force on them
        ("Palestinian youths hurled stones at Israeli troops near Nablus, and the troops responded with live fire, "
         "Palestinian medics said.", "ASSAULT", "PSE"),
        ("Palestinian youths hurled stones at Israeli troops near Nablus, and the troops responded with live fire, "
         "Palestinian medics said.", "PROTEST", "ISR"),
        ("Kenyan anti-riot officers lobbed tear gas canisters at opposition supporters in Nairobi.", "ASSAULT", "KEN"),
    ],
)
def test_stones_hurled_and_gas_lobbed(pipeline, text, kind, recipient):
    found = [e for e in coded(pipeline, text) if e.event_type == kind]
    assert len(found) == 1 and sides(found[0])[1] == [recipient]


def test_stones_thrown_by_an_armed_or_organised_side_are_an_attack_not_a_riot(pipeline):
    events = coded(pipeline, "Israeli settlers hurled stones at Palestinian homes in Hebron on Tuesday night.")
    assert [e.event_type for e in events] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("Residents of Karachi demonstrated outside the United States consulate.", ["USA"]),
        ("Uyghur exiles protested outside the Chinese consulate in Almaty on Sunday.", ["CHN"]),
        ("Activists rallied at the Russian embassy in Berlin.", ["RUS"]),
    ],
)
def test_a_protest_at_a_foreign_mission_is_aimed_at_that_state(pipeline, text, recipient):
    protest = next(e for e in coded(pipeline, text) if e.event_type == "PROTEST")
    assert sorted({r.country for r in protest.recipient if r.country}) == recipient


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("Opposition supporters in Dhaka suspended their protest on Monday.", ["BGD"]),
        ("The teachers' union in Nairobi called off its strike after talks with the education ministry.", ["KEN"]),
    ],
)
def test_calling_off_a_protest_concedes_to_the_protesters_own_authorities(pipeline, text, recipient):
    concession = next(e for e in coded(pipeline, text) if e.event_type == "CONCEDE")
    assert sorted({r.country for r in concession.recipient if r.country}) == recipient


@pytest.mark.parametrize(
    "text, kind, actor, recipient",
    [
        ("Russian rockets hit two schools in Ukraine's Sumy region on Tuesday.", "ASSAULT", ["RUS"], ["UKR"]),
        ("A police post in Afghanistan was hit by mortar shells overnight.", "ASSAULT", [], ["AFG"]),
        ("Syrian jets targeted a hospital in Idlib province.", "ASSAULT", ["SYR"], ["SYR"]),
        ("The cyclone hit the coast of Bangladesh on Sunday.", None, None, None),
        ("The new tariffs hit Mexican farmers hard.", None, None, None),
        ("The sanctions targeted Iranian banks and shipping firms.", None, None, None),
        ("The Kenyan defence force did not respond to questions about the clashes.", None, None, None),
    ],
)
def test_hit_and_target_are_attacks_only_when_a_weapon_does_them(pipeline, text, kind, actor, recipient):
    """"hit" and "target" name an attack when their subject or by-agent is a weapon; a storm,
    a tariff or a sanction hits nobody by force, and a force's subject is no weapon."""
    force = [e for e in coded(pipeline, text) if e.event_type == "ASSAULT"]
    if kind is None:
        assert not force, text
        return
    assert [sides(e) for e in force] == [(actor, recipient)], text


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        ("A Russian missile slammed into a block of flats in Zaporizhzhia before dawn.", ["RUS"], ["UKR"]),
        ("A roadside bomb ripped through a bus carrying police recruits in Balochistan.", [], ["PAK"]),
        ("A car bomb tore through a crowded street in Kirkuk on Friday.", [], ["IRQ"]),
        ("Two mortar shells landed on a school in Aleppo, residents said.", [], ["SYR"]),
        ("An explosion tore through a chemical plant in Jiangsu province.", None, None),
        ("The opposition leader slammed the budget as a betrayal of farmers.", None, None),
        ("The president's plane landed in Nairobi on Tuesday.", None, None),
        # a vessel or a vehicle rammed into something attacks it; a bill rammed through does not
        ("A Chinese coast guard ship rammed a Philippine supply boat near Second Thomas Shoal.", ["CHN"], ["PHL"]),
        ("The ruling party rammed the budget bill through parliament in Manila.", None, None),
    ],
)
def test_a_weapon_or_vessel_slamming_into_or_tearing_through_something_attacks_it(pipeline, text, actor, recipient):
    """A missile, bomb or shell that slams into, rips or tears through, or lands on
    something attacks it, with whoever the weapon is said to belong to as the actor; an
    explosion may be an accident, "slammed" alone is criticism, and a plane landing is travel."""
    force = [e for e in coded(pipeline, text) if e.event_type == "ASSAULT"]
    if actor is None:
        assert not force, text
        return
    assert [sides(e) for e in force] == [(actor, recipient)], text


def test_a_month_in_a_date_is_no_surname(pipeline):
    """"May 14" is a day: the dictionary's Theresa May is not in the text, and a dateline
    with place, country and date ("JOS, Nigeria, May 14 (Wire) -") names no actor."""
    text = ("JOS, Nigeria, May 14 (Wire) - Armed men attacked a farming village on Saturday, killing six "
            "people, police said.\n\nOn May 15 soldiers arrested two suspects in the area.")
    coder = pipeline.nlp.get_pipe("newsledger_coder")
    names = {m.term.name for m in coder.finder.find(pipeline.nlp(text), "2017-05-20") if m.term}
    assert "Theresa May" not in names
    events = pipeline.process(text, published="2017-05-20").events
    assert events and all(e.country != "GBR" for ev in events for e in (*ev.actor, *ev.recipient))


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("Three student leaders were arrested in Mombasa on Friday.", ["KEN"]),
        ("Four reporters were detained in Lahore overnight.", ["PAK"]),
        ("Two French tourists were detained in Tehran on Monday.", ["FRA"]),
    ],
)
def test_people_arrested_where_the_authorities_are_are_theirs(pipeline, text, recipient):
    """An agentless arrest in a city is by the authorities there; the people they hold are
    of that country unless the text says otherwise (or they are visitors)."""
    (arrest,) = [e for e in coded(pipeline, text) if e.event_type == "COERCE"]
    assert sides(arrest)[1] == recipient, text


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        ("Russian drones killed three civilians in Kherson on Monday.", ["RUS"], ["UKR"]),
        ("Ukrainian drones killed two people in Moscow overnight.", ["UKR"], ["RUS"]),
        ("Nigerian soldiers shot dead four farmers near Maiduguri.", ["NGA"], ["NGA"]),
        # victims the text names keep their own country
        ("Malian soldiers killed two French tourists in Bamako.", ["MLI"], ["FRA"]),
        # ... and where the attack that killed them fell is where they were
        ("A Russian missile strike on the city of Dnipro killed 40 residents.", ["RUS"], ["UKR"]),
        ("An Israeli air strike on a school in Gaza City killed 12 people.", ["ISR"], ["PSE"]),
        # an air raid is a strike, and the shelling "of" a city falls on it as a strike "on" one does
        ("Israeli air raids on Gaza killed 12 people on Friday.", ["ISR"], ["PSE"]),
        ("Russian shelling of Kharkiv killed two people.", ["RUS"], ["UKR"]),
    ],
)
def test_unnamed_victims_are_of_the_city_where_they_were_attacked(pipeline, text, actor, recipient):
    """Victims the text does not name take the country of the city the gazetteer places the
    attack in, not the attacker's: the article's country is only a guess."""
    (attack,) = [e for e in coded(pipeline, text) if e.event_type == "ASSAULT"]
    assert sides(attack) == (actor, recipient), text


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Four men were executed in Riyadh on Tuesday for smuggling weapons.", ["SAU"]),
        ("The students were released on bail in Kampala on Friday.", ["UGA"]),
        # captives are freed or killed by whoever held them, not by the state
        ("Three hostages were executed in Somalia, a militant spokesman said.", []),
        ("The kidnapped journalists were released in Nigeria after a ransom was paid.", []),
    ],
)
def test_a_passive_execution_or_release_is_the_state_s_unless_the_people_are_captives(pipeline, text, actor):
    acts = [e for e in coded(pipeline, text) if e.event_type in ("ASSAULT", "RETREAT", "REJECT")]
    assert acts and sides(acts[0])[0] == actor, text


def test_a_place_in_lower_case_wire_copy_is_still_a_place(pipeline):
    """In copy set in lower case the parser reads "kharkiv" as a common noun, no entity; the
    gazetteer still knows the city."""
    text = "russian troops shelled the city of kharkiv overnight, killing five civilians. local officials said two schools were hit."
    assert sides(coded(pipeline, text)[0]) == (["RUS"], ["UKR"])


def test_a_lower_case_word_is_no_place_in_ordinary_text(pipeline):
    """Only wire copy set in lower case reads a common noun as a place name."""
    from newsledger.nlp.places import country_of_place

    doc = pipeline.nlp("Officers pushed the men into a van. The crowd then walked to the square.")
    assert [country_of_place(t, None) for t in doc if t.lower_ == "van"] == [None]
    lowered = pipeline.nlp("officers pushed the men into a van near ankara. the crowd then walked to the square.")
    assert [country_of_place(t, "TUR") for t in lowered if t.lower_ == "ankara"] == ["TUR"]


@pytest.mark.parametrize(
    "text, mode",
    [
        # verbs of force that wire copy uses and the lexicon lacked
        ("Riot police teargassed opposition supporters in Kinshasa.", "crowd-control"),
        ("Officers baton-charged the marchers in Lahore.", "crowd-control"),
        ("Several houses were set ablaze by gunmen in the Nigerian town of Bokkos.", "destroy"),
        ("Army helicopters strafed villages near the Burmese town of Hpakant.", "aerial"),
    ],
)
def test_more_verbs_of_force(pipeline, text, mode):
    events = coded(pipeline, text)
    assert [(e.event_type, e.mode) for e in events] == [("ASSAULT", [mode])], text


def test_fighting_that_claims_lives_is_an_attack_and_a_disease_that_does_is_none(pipeline):
    assert [e.event_type for e in coded(pipeline, "The fighting has claimed the lives of 200 civilians in El Geneina, Sudan.")] == ["ASSAULT"]
    assert coded(pipeline, "The disease claimed the lives of 40 people in Kano.") == []
    assert coded(pipeline, "The bill was set to pass on Monday.") == []


def test_the_towns_an_article_names_make_it_about_their_country(pipeline):
    """Foreign troops named three times do not make a story about their country: the towns
    and provinces where its acts happen count as namings of theirs (a town no other country
    has, or one of a country the article names)."""
    text = ("PEMBA, Sept 20 (Wire) - Insurgents killed five villagers in Cabo Delgado province on Friday, and Rwandan "
            "troops pursued them towards Mocimboa da Praia, Rwanda's army said. Police in Pemba arrested two men.")
    events = coded(pipeline, text)
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert sides(arrest) == (["MOZ"], ["MOZ"])
    killing = next(e for e in events if e.evidence.trigger.startswith("killed"))
    assert sides(killing)[1] == ["MOZ"]


def test_a_country_named_on_an_embassy_is_a_presence_abroad_not_where_the_story_is(pipeline):
    text = ("Protesters attacked the US embassy and the French embassy on Tuesday. Police fired tear gas to push "
            "the crowds back from the US embassy. The US embassy said its staff were safe. The French embassy in "
            "Kinshasa was set on fire.")
    events = coded(pipeline, text)
    protest = next(e for e in events if e.event_type == "PROTEST")
    assert sides(protest) == (["COD"], ["FRA", "USA"])
    # the crowds pushed back from an embassy are people of where they are, not of the embassy's country
    tear_gas = next(e for e in events if e.evidence.trigger.startswith("fired"))
    assert sides(tear_gas) == (["COD"], ["COD"])


def test_a_place_opening_the_sentence_is_where_its_conjoined_clauses_happen(pipeline):
    """"In mainland China, such unions are not recognised, and last year an author was
    sentenced": the agentless sentence is China's, on someone held there, though the
    article is about Taiwan."""
    text = ("Taiwan's parliament legalised same-sex marriage on Friday, a first for Taiwan. In mainland China, such "
            "unions are not recognised, and last year an author was sentenced to nine years in jail.")
    (sentence,) = [e for e in coded(pipeline, text) if e.event_type == "SANCTION"]
    assert sides(sentence) == (["CHN"], ["CHN"])


@pytest.mark.parametrize(
    "text, stamp",
    [
        ("Intro line\n\n11:30 — Police fired tear gas.", "\n11:30 — "),
        ("09.05 GMT: Troops moved in.", "09.05 GMT: "),
        ("2:15 p.m. - The army said so.", "2:15 p.m. - "),
        ("At 11:30 — police arrived.", None),  # a time inside a sentence
        ("10.5 million - people fled.", None),
    ],
)
def test_a_live_blog_time_stamp_is_found_only_at_a_paragraph_start(text, stamp):
    from newsledger.nlp.sentences import TIMESTAMP

    found = TIMESTAMP.search(text)
    assert (found.group() if found else None) == stamp


def test_a_live_blog_update_after_its_time_stamp_has_its_own_subject(pipeline):
    """"11:50 — Turkish artillery is shelling ...": the parser made the time a second subject
    of the update, and the subject search took it; the stamp is a sentence of its own."""
    text = ("09:10 — Syrian Kurdish officials say the night was quiet around Kobani.\n\n"
            "11:50 — Turkish artillery is shelling villages west of the town, a local monitor reports.")
    shelling = [e for e in coded(pipeline, text) if e.evidence.trigger == "shelling"]
    assert len(shelling) == 1 and shelling[0].actor and shelling[0].actor[0].country == "TUR"
    assert shelling[0].evidence.text.startswith("Turkish artillery")


def test_an_attack_named_after_conjoined_passives_did_each_of_them(pipeline):
    """"Two policemen were killed and three civilians were wounded in clashes between ...":
    the phrase hangs on the last passive but tells where both acts happened, so the sides
    of the clashes are the actors of the killing too."""
    events = coded(pipeline, "GOMA, May 2 (Wire) - Two policemen were killed and three civilians were wounded in "
                             "clashes between Congolese troops and M23 rebels near the town on Thursday.")
    killing = next(e for e in events if e.evidence.trigger.startswith("killed"))
    assert {a.sector for a in killing.actor} == {"MIL", "REB"}
    assert sides(killing)[1] == ["COD"]


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("TBILISI, May 2 (Wire) - Riot officers kicked and punched a man lying on the pavement, witnesses said.", "kicked"),
        ("KAMPALA, May 2 (Wire) - An officer slapped a photographer and seized his camera.", "slapped"),
        ("LIMA, May 2 (Wire) - Police beat them with truncheons outside the court.", "beat"),
        ("QUITO, May 2 (Wire) - About 300 residents marched on the town hall, and police dispersed them "
         "with pepper spray.", "dispersed"),
        # the parser hangs the weapon on the place phrase; any gathering dispersed is crowd control
        ("DHAKA, May 2 (Wire) - Riot police dispersed the sit-in outside the electoral commission with tear gas.",
         "dispersed"),
        ("DHAKA, May 2 (Wire) - Police dispersed a candlelight vigil for the victims outside the press club.", "dispersed"),
    ],
)
def test_blows_and_crowd_weapons_are_force_whatever_the_object(pipeline, text, trigger):
    """Kicks, punches and slaps at a person, a beating with a weapon and a dispersal with a
    crowd-control weapon are force even when the object is a pronoun ("dispersed them")."""
    found = [e for e in coded(pipeline, text) if e.evidence.trigger.startswith(trigger)]
    assert len(found) == 1 and found[0].event_type == "ASSAULT"


def test_blows_at_a_thing_are_no_force(pipeline):
    events = coded(pipeline, "The striker kicked the ball into the net and the team slapped hands.")
    assert not [e for e in events if e.event_type == "ASSAULT"]


def test_a_capitalised_role_word_opening_a_sentence_is_no_name(pipeline):
    """"Riot police fired tear gas": the NER reads the capitalised "Riot" as a person's name,
    which hid the role "riot police"."""
    events = coded(pipeline, "Kenya's students marched again on Monday.\n\nRiot police fired tear gas at students "
                             "near the university in Nairobi.")
    force = next(e for e in events if e.event_type == "ASSAULT")
    assert force.actor[0].sector == "COP" and force.actor[0].name == "riot police"


DIGEST = (
    "WEST AFRICA BRIEFING, MAY 3 (WIRE)\n\n"
    "ABUJA: Police detained 20 members of a youth movement on Friday outside the national assembly.\n\n"
    "KUMASI, Ghana: Soldiers fired tear gas at traders who blocked a market road on Thursday, residents said.\n\n"
    "NORTHERN PROVINCE: Gunmen abducted a village chief overnight, a local official said."
)


def test_each_digest_item_is_set_where_its_heading_places_it(pipeline):
    """A digest whose paragraphs open with their own places ("ABUJA: ...", "KUMASI, Ghana:
    ..."): unnamed police and soldiers are of each item's country, not of the one the
    whole text names most; an item whose place is unknown gets no country."""
    events = coded(pipeline, DIGEST)
    arrest = next(e for e in events if e.event_type == "COERCE")
    force = next(e for e in events if e.event_type == "ASSAULT" and "tear gas" in e.evidence.text)
    assert sides(arrest) == (["NGA"], ["NGA"])
    assert sides(force) == (["GHA"], ["GHA"])
    assert arrest.evidence.text.startswith("Police detained")  # the heading is no part of the sentence


def test_one_dateline_places_the_whole_story_not_its_first_paragraph_alone(pipeline):
    from newsledger.nlp.actors.locations import item_homes

    doc = pipeline.nlp("LAGOS, May 2 (Wire) - Police fired tear gas.\n\nThe ministry in Accra said so.")
    assert item_homes(doc) == []


def test_a_mixed_case_acronym_is_no_ordinary_word(pipeline):
    """"LeT" (Lashkar-e-Taiba) in the lexicon matched every lower-case "let" of a text."""
    events = coded(pipeline, "JAKARTA, May 2 (Wire) - Police fired tear gas at students protesting against "
                             "amendments that let officers hold civilian posts.")
    force = next(e for e in events if e.event_type == "ASSAULT")
    assert all(r.country != "PAK" for r in force.recipient)


def test_a_lower_case_feed_s_dateline_is_a_sentence_of_its_own(pipeline):
    """"harare, june 9 (wire) - riot police fired ..., killing two": with the dateline in the
    sentence the parser lost the subject of the killing."""
    events = coded(pipeline, "harare, june 9 (wire) - riot police in harare fired tear gas and live rounds at "
                             "vendors who had blocked a road on monday, killing two people, a hospital official said.")
    force = [e for e in events if e.event_type == "ASSAULT"]
    assert force and all(e.actor and e.actor[0].sector == "COP" for e in force)
    assert force[0].evidence.text.startswith("riot police")


def test_an_agentless_shooting_right_after_a_foreign_raid_is_the_raiders(pipeline):
    """"Turkish troops raided the village. ... A shepherd was shot dead near the well": the
    actor the article makes clear elsewhere; a shooting far from any raid, or after a raid by
    the victims' own side, keeps no doer."""
    text = ("ERBIL, May 2 (Wire) - Turkish troops raided the Iraqi village of Kani Rash at dawn on Monday. "
            "A shepherd was shot dead near the well, a local official said.")
    shooting = next(e for e in coded(pipeline, text) if e.evidence.trigger.startswith("shot"))
    assert sides(shooting) == (["TUR"], ["IRQ"]) and shooting.actor[0].resolution == "coreference"


def test_an_agentless_shooting_after_a_raid_by_the_victims_own_side_keeps_no_doer(pipeline):
    text = ("ERBIL, May 2 (Wire) - Iraqi troops raided the village of Kani Rash at dawn on Monday. "
            "A shepherd was shot dead near the well, a local official said.")
    shooting = next(e for e in coded(pipeline, text) if e.evidence.trigger.startswith("shot"))
    assert not shooting.actor


@pytest.mark.parametrize(
    "text, trigger, kind, actor_sector",
    [
        # police-report phrasings of force and coercion (sentences of our own)
        ("LAHORE, May 2 (Wire) - Two reporters were roughed up by plainclothes officers while filming the march.",
         "roughed", "ASSAULT", "MIL"),
        ("KARACHI, May 2 (Wire) - Paramilitary rangers raided the offices of the opposition party on Monday.",
         "raided", "COERCE", "MIL"),
        ("LAHORE, May 2 (Wire) - Authorities slapped a ban on gatherings of more than four people in the city.",
         "slapped", "COERCE", "GOV"),
        ("LAHORE, May 2 (Wire) - A case was registered against the former prime minister under the anti-terrorism act.",
         "registered", "ACCUSE", "GOV"),
        ("LAHORE, May 2 (Wire) - A protester died after being hit by a tear gas canister, hospital officials said.",
         "hit", "ASSAULT", None),
        # a ban slapped on another country's goods is still a sanction
        ("Washington slapped sanctions on three Iranian oil firms on Monday.", "slapped", "SANCTION", "GOV"),
    ],
)
def test_police_report_phrasings_of_force_and_coercion(pipeline, text, trigger, kind, actor_sector):
    found = [e for e in coded(pipeline, text) if e.evidence.trigger.startswith(trigger)]
    assert len(found) == 1 and found[0].event_type == kind
    assert [a.sector for a in found[0].actor] == ([actor_sector] if actor_sector else [])


@pytest.mark.parametrize(
    "second, doer",
    [
        ("Two protesters were shot dead near the market, witnesses said.", ["KEN"]),
        ("Two protesters were shot dead near the market, witnesses said, though police denied using live rounds.",
         ["KEN"]),
        # someone other than the crowd, or a death with a cause of its own, names no doer
        ("Two shopkeepers were shot dead near the market, witnesses said.", []),
        ("Two protesters were crushed to death in a stampede near the market, witnesses said.", []),
    ],
)
def test_an_agentless_shooting_of_protesters_after_the_police_acted_on_the_crowd_is_theirs(pipeline, second, doer):
    """"Police fired tear gas at the protesters. Two protesters were shot dead": the actor
    the article makes clear elsewhere (CODING.md), the force that acted on the crowd."""
    text = ("NAIROBI, May 2 (Wire) - Police fired tear gas at hundreds of protesters in Kisumu on Tuesday, and "
            "at least 25 people were arrested, a police spokesman said. " + second)
    shooting = [e for e in coded(pipeline, text) if e.evidence.text.startswith("Two")]
    assert shooting or not doer
    assert all(sorted({a.country for a in e.actor}) == doer for e in shooting)
    assert all(a.sector == "COP" for e in shooting for a in e.actor)


@pytest.mark.parametrize(
    "text, riot",
    [
        ("NAIROBI, May 2 (Wire) - Protesters blocked roads in Kibera, and shops were looted, police said.", True),
        ("NAIROBI, May 2 (Wire) - Thousands marched in Kibera on Tuesday. Police fired tear gas. "
         "Several shops were looted overnight.", True),
        # a war report tells of no crowd: damage with no doer is no riot
        ("GOMA, May 2 (Wire) - Rebels shelled the outskirts of Sake. Several houses were burned and livestock "
         "was looted, residents said.", False),
    ],
)
def test_agentless_looting_is_a_riot_only_where_a_crowd_is_told(pipeline, text, riot):
    looting = [e for e in coded(pipeline, text) if e.evidence.trigger.startswith("looted")]
    assert [e.event_type for e in looting] == (["PROTEST"] if riot else [])


@pytest.mark.parametrize(
    "first, doer",
    [
        ("ADF rebels attacked an army base near Beni on Sunday.", ["COD"]),
        # an attack on others, or by attackers nobody identified, names no doer for the soldiers
        ("ADF rebels attacked a village near Beni on Sunday.", []),
        ("Gunmen attacked an army base near Beni on Sunday.", []),
    ],
)
def test_an_agentless_killing_of_soldiers_after_an_armed_group_attacked_them_is_that_groups(pipeline, first, doer):
    text = f"BENI, May 2 (Wire) - {first} Four soldiers were killed and six wounded, the army said."
    killing = [e for e in coded(pipeline, text) if e.evidence.text.startswith("Four")]
    assert killing and all(sorted({a.country for a in e.actor}) == doer for e in killing)
    assert all(a.sector == "REB" for e in killing for a in e.actor)


@pytest.mark.parametrize(
    "text, kind",
    [
        # armed sides attacking positions fight, also with a capitalised plural opening the sentence
        ("PESHAWAR, May 2 (Wire) - Troops attacked Taliban positions near the border on Tuesday.", "ASSAULT"),
        ("PESHAWAR, May 2 (Wire) - Pakistani troops attacked Taliban positions near the border.", "ASSAULT"),
        # a politician's position attacked is criticism
        ("WASHINGTON, May 2 (Wire) - Democrats attacked the senator's position on immigration.", "ACCUSE"),
    ],
)
def test_attacking_positions_is_fighting_when_armed_sides_do_it(pipeline, text, kind):
    attack = [e for e in coded(pipeline, text) if e.evidence.trigger.startswith("attacked")]
    assert [e.event_type for e in attack] == [kind]


@pytest.mark.parametrize(
    "second, doer",
    [
        ("Six rebels were killed, the army said.", ["COD"]),
        # people other than the side attacked name no doer
        ("Two civilians were killed, residents said.", []),
    ],
)
def test_an_agentless_killing_of_militants_after_the_forces_attacked_them_is_the_forces(pipeline, second, doer):
    text = f"GOMA, May 2 (Wire) - Troops attacked rebel positions near Goma on Tuesday. {second}"
    killing = [e for e in coded(pipeline, text) if e.evidence.text.startswith(second.split()[0])]
    assert killing and all(sorted({a.country for a in e.actor}) == doer for e in killing)
    assert all(a.sector == "MIL" for e in killing for a in e.actor)


@pytest.mark.parametrize(
    "text, expected",
    [
        # people taken in for questioning or on suspicion are detained
        ("Soldiers held eleven fishermen for questioning in Dili on Friday.", [("COERCE", ["TLS"], ["TLS"])]),
        ("Four students were held on suspicion of vandalism after the march in Yerevan.", [("COERCE", ["ARM"], ["ARM"])]),
        # a detention told again as a state is no new act
        ("The two reporters have been held without charge in Asmara since March.", []),
        # a wanted person caught is arrested (a town captured is fought over)
        ("Marines captured the suspect after a chase through the port of Mombasa.", [("COERCE", ["KEN"], ["KEN"])]),
        # buildings of ordinary life stormed or burned are attacked
        ("Militiamen stormed a clinic in the east of Bangui.", [("ASSAULT", ["CAF"], ["CAF"])]),
        ("Rebels burned a market in a village outside Bambari.", [("ASSAULT", ["CAF"], ["CAF"])]),
        ("The minister stormed out of the cabinet meeting in Bangui.", []),
    ],
)
def test_detentions_and_attacks_on_buildings_told_by_their_verb(pipeline, text, expected):
    assert [(e.event_type, *sides(e)) for e in coded(pipeline, text)] == expected


@pytest.mark.parametrize(
    "text, recipient",
    [
        # a country named across a border that places the act is a landmark: the story is
        # where the dateline files it from
        ("GAO, May 3 (Wire) - Jihadist fighters burned a clinic in a village near the border with Niger "
         "on Thursday, residents said.", ["MLI"]),
        ("GAO, May 3 (Wire) - Gunmen set fire to shops in a village near the border with Niger on Thursday, "
         "residents said.", ["MLI"]),
        # a border closed with a country is closed to it
        ("GAO, May 3 (Wire) - Mali closed its border with Niger on Thursday, the transport ministry said.", ["NER"]),
    ],
)
def test_a_country_across_a_border_is_no_party_and_not_where_the_story_is(pipeline, text, recipient):
    events = coded(pipeline, text)
    assert len(events) == 1 and sides(events[0])[1] == recipient


@pytest.mark.parametrize(
    "text, kind",
    [
        # a strike aimed at rebels is an attack, whoever carries it out
        ("N'DJAMENA, May 2 (Wire) - The air force said it had conducted a strike against Boko Haram near Lake Chad.", "ASSAULT"),
        # workers strike against a law or a government, a junta included
        ("LAGOS, May 2 (Wire) - Dockers began a strike against the new labour law.", "PROTEST"),
        ("YANGON, May 2 (Wire) - Teachers joined a general strike against the military junta.", "PROTEST"),
    ],
)
def test_a_strike_against_rebels_is_an_attack(pipeline, text, kind):
    assert [e.event_type for e in coded(pipeline, text) if e.evidence.trigger.startswith("strike")] == [kind]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a charge at people in the street, also when the parser leaves the sentence verbless
        # and reads the verb as a participle on its subject
        ("Mounted police charged at the marchers near the stadium in Nairobi.", [("ASSAULT", ["KEN"])]),
        ("Riot police charged at the crowd outside the court in Nairobi on Friday.", [("ASSAULT", ["KEN"])]),
        ("The striker charged at the goalkeeper in Nairobi.", []),
    ],
)
def test_a_charge_at_a_crowd_is_crowd_control(pipeline, text, expected):
    assert [(e.event_type, sides(e)[0]) for e in coded(pipeline, text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the parser reads the verb of a sentence it leaves verbless as a participle on the
        # subject: it is the sentence's verb
        ("Instead, the two prime ministers called on the European Commission to fund new ports.", [("REQUEST", ["EUR"])]),
        # a verb of naming on a noun names it
        ("A Syrian newspaper called Tishreen on Arabs to unite against Israel.", []),
    ],
)
def test_the_verb_of_a_sentence_read_as_a_participle_is_its_verb(pipeline, text, expected):
    assert [(e.event_type, sides(e)[1]) for e in coded(pipeline, text)] == expected


@pytest.mark.parametrize(
    "before, doer",
    [
        # the press hurt where the police were dispersing a crowd is hurt by the police
        ("Riot police fired tear gas to disperse hundreds of marchers in central Almaty on Saturday.", ["KAZ"]),
        # with no force on a crowd told, the doer stays unknown
        ("Thousands marched peacefully through central Almaty on Saturday.", []),
    ],
)
def test_the_press_hurt_at_a_dispersal_is_hurt_by_the_forces_dispersing_it(pipeline, before, doer):
    text = f"ALMATY, May 2 (Wire) - {before}\n\nTwo reporters were beaten near the square, their editor said."
    beaten = [e for e in coded(pipeline, text) if e.evidence.trigger == "beaten"]
    assert [sides(e)[0] if e.actor else [] for e in beaten] == [doer]


@pytest.mark.parametrize(
    "second, doer_sector",
    [
        # the forces' own men killed in the fight they began were killed by the other side
        ("Two soldiers were killed in the fighting.", "REB"),
        # anyone else killed in it, by the side the article says fought
        ("Two villagers were killed in the fighting.", "MIL"),
    ],
)
def test_a_sides_own_men_killed_in_a_fight_it_began_were_killed_by_the_other_side(pipeline, second, doer_sector):
    text = (f"MOGADISHU, May 2 (Wire) - Somali troops killed six militants in a raid on a village near Afgoye on "
            f"Tuesday, the army said. {second}")
    killed = [e for e in coded(pipeline, text) if e.evidence.text == second]
    assert killed and all([a.sector for a in e.actor] == [doer_sector] for e in killed)


@pytest.mark.parametrize(
    "text, expected",
    [
        # wire-copy words of harsh criticism accuse whom they name
        ("The Kremlin blasted the sanctions imposed by the European Union.", ("ACCUSE", ["RUS"], ["EUR"])),
        ("Beijing hit out at Washington over the arms sale to Taiwan.", ("ACCUSE", ["CHN"], ["USA"])),
        ("The Iranian foreign minister excoriated the International Atomic Energy Agency for its latest report.",
         ("ACCUSE", ["IRN"], ["UNO"])),
        ("Venezuela's president derided the Organization of American States as a tool of Washington.",
         ("ACCUSE", ["VEN"], ["IGO"])),
    ],
)
def test_harsh_words_of_wire_copy_are_criticism(pipeline, text, expected):
    assert expected in [(e.event_type, *sides(e)) for e in pipeline.process(text, published="2023-05-10").events]


@pytest.mark.parametrize(
    "text",
    [
        # a blast that opens or breaks a thing, or one with a weapon, is no criticism
        "Soldiers blasted open the gate of the compound.",
        "Engineers blasted a tunnel through the mountain.",
        "Militants blasted the checkpoint with rockets, killing three police officers.",
    ],
)
def test_a_blast_with_a_weapon_or_through_a_thing_is_no_criticism(pipeline, text):
    assert not any(e.event_type == "ACCUSE" for e in pipeline.process(text, published="2023-05-10").events), text
