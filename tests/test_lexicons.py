"""Users extend the shipped lexicons with files of the same names in their own folders
(README, "Bring your own lexicons or model"): their rows and words change what is coded."""

from __future__ import annotations

import pytest

from newsledger.nlp.lexicon import LexiconError, load_lexicon
from newsledger.pipeline import Pipeline
from newsledger.settings import Settings

PEOPLE_HEADER = "name\taliases\tcode\tsector\trole\tstart\tend\n"


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """A pipeline with a user folder: a new protester word and a new minister."""
    folder = tmp_path_factory.mktemp("lexicon")
    (folder / "word_classes.yaml").write_text("protester: [picketer]\n", encoding="utf-8")
    (folder / "people.tsv").write_text(
        PEOPLE_HEADER + "Amara Okonkwo-Bello\t\tNGA\tGOV\tinterior minister\t2023-01-01\t\n", encoding="utf-8")
    return Pipeline(Settings(min_confidence=0.0, lexicon_dirs=(str(folder),)))


def _kinds(pipeline: Pipeline, text: str) -> list[tuple[str, list[str]]]:
    return [(e.event_type, e.mode) for e in pipeline.process(text).events]


def test_a_word_added_to_a_word_class_changes_what_is_coded(pipeline, extended):
    text = "Picketers set fire to a bus in Santiago, and police in Chile made arrests."
    assert ("PROTEST", ["riot"]) not in _kinds(pipeline, text)
    assert ("PROTEST", ["riot"]) in _kinds(extended, text)


def test_a_person_added_to_people_resolves_with_their_country(pipeline, extended):
    text = "Amara Okonkwo-Bello accused Ghana of harbouring smugglers."

    def actors(p: Pipeline) -> list[str | None]:
        return [a.country for e in p.process(text).events if e.event_type == "ACCUSE" for a in e.actor]

    assert actors(extended) == ["NGA"]
    assert actors(pipeline) != ["NGA"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("protestor_heads: [picketer]\n", "unknown word class 'protestor_heads'"),
        ("protester: picketer\n", "expected a list of lemmas"),
        ("- picketer\n", "expected a mapping"),
    ],
)
def test_a_word_class_file_the_coder_cannot_use_is_refused_with_its_path(tmp_path, content, message):
    (tmp_path / "word_classes.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as refused:
        load_lexicon((str(tmp_path),))
    assert str(tmp_path / "word_classes.yaml") in str(refused.value)


def test_a_given_name_is_no_surname_where_names_are_written_both_ways():
    """Singapore writes two-word names given name first ("Karen Tan" is "Tan") and longer
    ones family name first ("Lee Hsien Loong" is "Lee"): a lone "Karen" (a Karen militia in
    Myanmar) is not Singapore's ambassador. Chinese names stay family name only."""
    surnames = load_lexicon().surnames

    def countries(word: str) -> set[str | None]:
        return {term.code for term in surnames.get(word, [])}

    assert "SGP" not in countries("Karen")
    assert "SGP" in countries("Tan") and "SGP" in countries("Lee")
    assert "CHN" in countries("Xi") and "CHN" not in countries("Jinping")
