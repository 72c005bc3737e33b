"""Word weights: rare words in listed entity names weigh 1, common ones little; screening
listed individuals as well must not change how much the words of company names weigh."""

from __future__ import annotations

from pathlib import Path

from screen.matching.weights import DISTINCTIVE, GENERIC_CAP, TokenWeights
from screen.reference import bundled_dir, load_reference

HEADER = "list,official_id,entity_type,name_type,name,programs,countries,listed_on,group_id,source,source_date,remarks\n"


def test_individuals_make_their_words_common_but_leave_company_words_alone() -> None:
    entities = [["strategic", "forces"], ["kaniat"], ["namgang", "trading"]]
    people = [["kim", "chol"], ["kim", "song", "il"]] * 400
    alone = TokenWeights.build(bundled_dir(), entities)
    both = TokenWeights.build(bundled_dir(), entities, people)
    for word in ("holdings", "trading", "company", "namgang", "strategic"):
        assert both(word) == alone(word), word
    assert both("kim") < alone("kim")


def test_a_few_entities_and_many_people_keep_weights_in_order(tmp_path: Path) -> None:
    # no token_freq.csv: the corpus is the loaded entities alone, and "kim" is in more names
    # (people's) than there are entity names
    for entities in ([["acme", "e0"]], [["acme"], ["beta"], ["gamma"]]):
        weights = TokenWeights.build(tmp_path, entities, [["kim"]] * 50)
        assert weights("acme") == 1.0  # rare: in one entity name
        assert weights("kim") == 0.03  # common: the floor, not an error or a complex number


def _list_file(folder: Path, people: int) -> Path:
    rows = [
        "OWN,E1,entity,primary,STRATEGIC ROCKET FORCE,,KP,,,x,2026-01-01,",
        "OWN,E1,entity,weak,STRATEGIC FORCES,,KP,,,x,2026-01-01,",
        "OWN,E2,entity,primary,KORYO HOLDINGS GROUP,,KP,,,x,2026-01-01,",
        "OWN,E3,entity,primary,PYONGSU HOLDINGS,,KP,,,x,2026-01-01,",
    ]
    rows += [
        f"OWN,P{i},individual,primary,PERSON NUMBER{i} SURNAME{i % 7},,KP,,,x,2026-01-01,"
        for i in range(people)
    ]
    path = folder / "own.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_loading_individuals_keeps_entity_weights(tmp_path: Path) -> None:
    path = _list_file(tmp_path, people=3000)
    entities = load_reference([path], bundled=False).name_index.weights
    with_people = load_reference(
        [path], bundled=False, entity_types=("entity", "individual")
    ).name_index.weights
    for word in ("holdings", "strategic", "forces", "rocket", "group"):
        assert with_people(word) == entities(word), word
    assert with_people("surname3") < entities("surname3")


def test_generic_words_are_capped_below_distinctive_but_keep_their_rarity(tmp_path: Path) -> None:
    (tmp_path / "generic_words.csv").write_text("word,source\noverseas,test\n", encoding="utf-8")
    entities = [["mansudae", "overseas", "project"], ["namgang"], ["korea", "trading"]] * 2
    with_list = TokenWeights.build(tmp_path, entities)
    without = TokenWeights.build(tmp_path / "none", entities)
    assert without("overseas") == without.rarity("overseas") >= DISTINCTIVE  # rare on these lists
    assert with_list("overseas") == GENERIC_CAP < DISTINCTIVE  # never distinctive
    assert with_list.rarity("overseas") == without("overseas")  # its rarity unchanged
    assert with_list("mansudae") == without("mansudae")  # other words unchanged


def test_bundled_generic_words() -> None:
    weights = TokenWeights.build(bundled_dir(), [])
    for word in ("overseas", "project", "projects", "resources", "restaurant", "banking", "logging"):
        assert weights(word) <= GENERIC_CAP, word
    for word in ("mansudae", "rungrado", "namgang"):
        assert weights(word) >= DISTINCTIVE, word
