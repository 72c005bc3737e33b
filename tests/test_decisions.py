"""The review loop: decisions file, merge, the apply stage, and the run → review → run round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from screen.cli import app
from screen.config import PolicyConfig
from screen.decisions import (
    Decision,
    DecisionBook,
    DecisionsError,
    apply_decisions,
    fingerprint,
    merge_decisions,
    normalize_decision,
    read_decisions,
    write_decisions,
)
from screen.model import CountryResult, Match

runner = CliRunner()
LIST_HEADER = "list,official_id,entity_type,name_type,name,programs,countries,listed_on,group_id,source,source_date,remarks\n"


def _invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


# ---------------------------------------------------------------- keys and the file
def test_fingerprint_is_normalised_name_and_country() -> None:
    assert fingerprint("Namgang Construction Co., Ltd.", "RU") == "namgang construction|RU"
    assert fingerprint("NAMGANG  construction LLC", "RU") == fingerprint("Namgang Construction", "RU")
    assert fingerprint("Namgang Construction", None) == "namgang construction|"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("False Positive", "false positive"),
        ("true_match", "true match"),
        ("needs-information", "needs information"),
        ("FP", "false positive"),
        ("maybe", None),
    ],
)
def test_normalize_decision(text: str, expected: str | None) -> None:
    assert normalize_decision(text) == expected


def _d(decision: str = "false positive", date: str = "2026-01-05", **kw: str) -> Decision:
    base = {"fingerprint": "acme|RU", "ref_id": "W:1", "reviewer": "alice", "entry_hash": "h1", "note": "n"}
    return Decision(decision=decision, date=date, **{**base, **kw})


def test_write_read_is_sorted_and_round_trips(tmp_path: Path) -> None:
    ds = [_d(fingerprint="zeta|CN"), _d(note="=cmd|' /C calc'!A0"), _d(fingerprint="beta|", ref_id="")]
    path = tmp_path / "d.csv"
    write_decisions(path, ds)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("fingerprint,ref_id,decision,reviewer,date,note,entry_hash")
    assert [ln.split(",")[0] for ln in lines[1:]] == ["acme|RU", "beta|", "zeta|CN"]
    assert "'=cmd" in lines[1]  # safe for a spreadsheet, read back as written
    assert sorted(read_decisions(path), key=lambda d: d.key) == sorted(ds, key=lambda d: d.key)


def test_read_rejects_unknown_decision(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    write_decisions(path, [_d()])
    path.write_text(path.read_text(encoding="utf-8").replace("false positive", "perhaps"), encoding="utf-8")
    with pytest.raises(DecisionsError, match="d.csv: line 2: 'perhaps' is not a decision"):
        read_decisions(path)


def test_merge_newer_wins_and_history_is_kept() -> None:
    old = _d("needs information", "2026-01-01", note="asked supplier")
    merged, stats = merge_decisions([old], [_d("false positive", "2026-02-01", note="registry differs")])
    assert (stats.updated, stats.added) == (1, 0)
    (d,) = merged
    assert (
        d.decision == "false positive" and d.history == "2026-01-01 alice: needs information (asked supplier)"
    )
    again, stats = merge_decisions(merged, [_d("false positive", "2026-03-01", note="registry differs")])
    assert stats.unchanged == 1 and again == merged  # re-reading the same workbook changes nothing
    older, stats = merge_decisions(merged, [_d("true match", "2025-12-01", reviewer="bob")])
    assert (
        stats.older == 1 and older[0].decision == "false positive" and "bob: true match" in older[0].history
    )


# ---------------------------------------------------------------- the stage
def _match(band: str = "hit", score: float = 97.0, entry_hash: str = "h1", ref: str = "W:1") -> Match:
    return Match(
        ref_id=ref,
        list="W",
        official_id=ref.split(":")[1],
        name="ACME TRADING",
        matched_alias="ACME TRADING",
        alias_type="primary",
        score=score,
        band=band,
        explanation="x",
        entry_hash=entry_hash,
    )  # type: ignore[arg-type]


def _frame(matches: tuple[Match, ...], sid: str = "S1", country: str = "DE") -> pd.DataFrame:
    c = CountryResult(input=country, code=country, status="resolved", name=country)
    return pd.DataFrame(
        {
            "_row": [2],
            "_blank": [False],
            "id": [sid],
            "name": ["Acme Trading GmbH"],
            "country_result": [c],
            "sectors": [()],
            "matches": [matches],
            "risk": ["high"],
            "rationale": [["Name matches a listed entity (hit): x"]],
        }
    )


def _book(*ds: Decision) -> DecisionBook:
    return DecisionBook(list(ds))


FP = fingerprint("Acme Trading GmbH", "DE")


def test_false_positive_clears_but_keeps_the_match() -> None:
    df = _frame((_match(),))
    out = apply_decisions(df, _book(_d(fingerprint=FP)), PolicyConfig())
    assert out.at[0, "risk"] == "clear"
    assert out.at[0, "matches"] == df.at[0, "matches"]  # still listed, band still reported
    why = out.at[0, "rationale"]
    assert why[0] == (
        "The match with W:1 'ACME TRADING' (score 97, hit) was cleared as a false positive by alice "
        "on 2026-01-05: n."
    )
    assert out.at[0, "decision"][0]["effect"] == "cleared"
    assert df.at[0, "risk"] == "high"  # input untouched


def test_true_match_confirms_and_raises_a_review_match_to_high() -> None:
    df = _frame((_match("review", 84),)).assign(risk=["medium"])
    out = apply_decisions(df, _book(_d("true match", fingerprint=FP, reviewer="bob")), PolicyConfig())
    assert out.at[0, "risk"] == "high"
    assert "confirmed as a true match by bob on 2026-01-05" in out.at[0, "rationale"][0]


def test_needs_information_is_shown_and_keeps_the_risk() -> None:
    out = apply_decisions(_frame((_match(),)), _book(_d("needs information", fingerprint=FP)), PolicyConfig())
    assert out.at[0, "risk"] == "high" and "'needs information'" in out.at[0, "rationale"][0]


def test_reopened_when_the_list_entry_changes() -> None:
    out = apply_decisions(_frame((_match(entry_hash="h2"),)), _book(_d(fingerprint=FP)), PolicyConfig())
    assert out.at[0, "risk"] == "high"
    assert out.at[0, "decision"][0]["effect"] == "re-opened"
    assert "the list entry changed since (entry hash h1 → h2)" in out.at[0, "rationale"][0]


def test_reopened_when_the_supplier_data_changes() -> None:
    # the same supplier ID, now in another country: the fingerprint differs
    out = apply_decisions(
        _frame((_match(),), country="AT"), _book(_d(fingerprint=FP, supplier_id="S1")), PolicyConfig()
    )
    assert out.at[0, "risk"] == "high"
    assert (
        "the supplier's data changed since (was 'acme trading|DE', now 'acme trading|AT')"
        in out.at[0, "rationale"][0]
    )


def test_no_decisions_only_adds_fingerprints() -> None:
    df = _frame((_match(),))
    out = apply_decisions(df, None, PolicyConfig())
    assert list(out["fingerprint"]) == [FP] and "decision" not in out
    assert out.drop(columns="fingerprint").equals(df)


# ---------------------------------------------------------------- round trip through the workbook
def _set_decision(
    report: Path, sheet: str, ref_id: str, decision: str, reviewer: str, note: str, date: str = "2026-02-03"
) -> None:
    wb = openpyxl.load_workbook(report)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    row = next(
        r for r in range(2, ws.max_row + 1) if ws.cell(r, header.index("key: ref_id") + 1).value == ref_id
    )
    for name, value in (
        ("Decision", decision),
        ("Reviewer", reviewer),
        ("Decided on", date),
        ("Note", note),
    ):
        ws.cell(row, header.index(name) + 1).value = value
    wb.save(report)


def _one_match_report(
    tmp_path: Path, suppliers: str = "S1,Zorblax Trading Co.,Russia\n"
) -> tuple[Path, Path]:
    """A report screened against one listed entry (WATCH:W1, which S1 matches), written as
    r1.xlsx from s.csv and watch.csv in ``tmp_path``, and where its decisions go."""
    lst = tmp_path / "watch.csv"
    lst.write_text(
        LIST_HEADER
        + "WATCH,W1,entity,primary,Zorblax Trading Company,TEST,RU,2024-01-01,,test,2024-01-01,\n",
        encoding="utf-8",
    )
    src = tmp_path / "s.csv"
    src.write_text("Supplier ID,Supplier,Country\n" + suppliers, encoding="utf-8")
    r1, dec = tmp_path / "r1.xlsx", tmp_path / "decisions.csv"
    assert _invoke("run", str(src), "-r", str(lst), "-o", str(r1)).exit_code == 0
    return r1, dec


def test_round_trip_false_positive_cleared_then_reopened(tmp_path: Path) -> None:
    r1, dec = _one_match_report(tmp_path, "S1,Zorblax Trading Co.,Russia\nS2,Müller GmbH,Germany\n")
    lst, src = tmp_path / "watch.csv", tmp_path / "s.csv"
    _set_decision(r1, "Matches", "WATCH:W1", "false positive", "alice", "Different company (registry 123)")

    r = _invoke("review", str(r1), "--decisions", str(dec))
    assert r.exit_code == 0, r.output
    assert "1 decision(s) read: 1 new, 0 updated, 0 unchanged." in r.stdout
    (d,) = read_decisions(dec)
    assert (d.fingerprint, d.ref_id, d.decision, d.reviewer, d.date) == (
        "zorblax trading|RU",
        "WATCH:W1",
        "false positive",
        "alice",
        "2026-02-03",
    )

    r2, j2 = tmp_path / "r2.xlsx", tmp_path / "r2.json"
    assert (
        _invoke(
            "run", str(src), "-r", str(lst), "-o", str(r2), "--json", str(j2), "--decisions", str(dec)
        ).exit_code
        == 0
    )
    s1 = json.loads(j2.read_text(encoding="utf-8"))["suppliers"][0]
    assert s1["risk"] == "low"  # Russia alone: the match is cleared
    assert s1["matches"][0]["band"] == "hit"  # never hidden
    assert s1["matches"][0]["cleared"] is True  # but said to be cleared, for scripts
    assert (
        s1["decision"][0]
        | {"effect": "cleared", "reviewer": "alice", "note": "Different company (registry 123)"}
        == s1["decision"][0]
    )
    assert (
        "cleared as a false positive by alice on 2026-02-03: Different company (registry 123)."
        in s1["rationale"][0]
    )
    wb = openpyxl.load_workbook(r2)
    m = dict(zip([c.value for c in wb["Matches"][1]], [c.value for c in wb["Matches"][2]], strict=True))
    assert (m["Decision"], m["Reviewer"], m["Status"]) == (
        "false positive",
        "alice",
        "cleared by alice on 2026-02-03",
    )
    # reviewing the new report again changes nothing
    assert "0 new, 0 updated, 1 unchanged" in _invoke("review", str(r2), "--decisions", str(dec)).stdout

    # the list entry changes (a new program): the decision is re-opened
    lst.write_text(lst.read_text(encoding="utf-8").replace("TEST,RU", "TEST;DPRK3,RU"), encoding="utf-8")
    j3 = tmp_path / "r3.json"
    r3 = tmp_path / "r3.xlsx"
    assert (
        _invoke(
            "run", str(src), "-r", str(lst), "-o", str(r3), "--json", str(j3), "--decisions", str(dec)
        ).exit_code
        == 0
    )
    s1 = json.loads(j3.read_text(encoding="utf-8"))["suppliers"][0]
    assert s1["risk"] == "high" and s1["decision"][0]["effect"] == "re-opened"
    assert s1["rationale"][0].startswith("Re-opened: the earlier decision on match with WATCH:W1")
    m = dict(
        zip(
            [c.value for c in openpyxl.load_workbook(r3)["Matches"][1]],
            [c.value for c in openpyxl.load_workbook(r3)["Matches"][2]],
            strict=True,
        )
    )
    assert m["Decision"] is None and m["Status"].startswith("re-opened")  # not pre-filled: decide again


def test_review_flagged_sheet_and_conflicts(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text("Supplier,Country\nNamkang Constr. Co. Ltd.,Russian Federation\n", encoding="utf-8")
    rep = tmp_path / "r.xlsx"
    assert _invoke("run", str(src), "-o", str(rep)).exit_code == 0
    _set_decision(rep, "Flagged", "OFAC-SDN:19612", "true match", "carol", "same address")
    _set_decision(rep, "Matches", "OFAC-SDN:19612", "false positive", "dave", "")
    r = _invoke("review", str(rep))
    assert r.exit_code == 0
    assert (
        "Warning: Flagged row 2: 'true match' for OFAC-SDN:19612 conflicts with 'false positive' on Matches row 2; "
        "Matches row 2 is used (the later decision, or the Matches sheet's on the same day)." in r.stderr
    )
    (d,) = read_decisions(tmp_path / "decisions.csv")  # default: beside the report
    assert (d.decision, d.reviewer) == ("false positive", "dave")


def test_a_later_decision_on_the_flagged_sheet_wins_over_an_earlier_one_on_matches(tmp_path: Path) -> None:
    """A report run with --decisions shows the earlier decision on both sheets; a reviewer who
    changes it on the Flagged sheet only is not overruled by the unchanged Matches cell."""
    src = tmp_path / "s.csv"
    src.write_text("Supplier,Country\nNamkang Constr. Co. Ltd.,Russian Federation\n", encoding="utf-8")
    rep = tmp_path / "r.xlsx"
    assert _invoke("run", str(src), "-o", str(rep)).exit_code == 0
    _set_decision(rep, "Matches", "OFAC-SDN:19612", "needs information", "dave", "", "2026-02-03")
    _set_decision(rep, "Flagged", "OFAC-SDN:19612", "true match", "carol", "same address", "2026-03-10")
    r = _invoke("review", str(rep))
    assert r.exit_code == 0 and "Matches row 2: 'needs information'" in r.stderr
    (d,) = read_decisions(tmp_path / "decisions.csv")
    assert (d.decision, d.reviewer, d.date) == ("true match", "carol", "2026-03-10")


def test_review_rejects_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Matches"
    wb.active.append(["Decision", "Supplier"])
    wb.save(tmp_path / "x.xlsx")
    r = _invoke("review", str(tmp_path / "x.xlsx"))
    assert r.exit_code == 1
    assert r.stderr.strip() == (
        "Error: x.xlsx: Matches sheet has no column(s) 'key: fingerprint', 'key: ref_id', 'key: entry_hash'; pass a report "
        "written by 'screen run' (the key columns are hidden, do not delete them)."
    )


def test_review_and_verify_say_which_file_to_pass_for_a_json(tmp_path: Path) -> None:
    js = tmp_path / "results.json"
    js.write_text("{}", encoding="utf-8")
    for args in (("review", str(js)), ("verify", str(js), "--input", str(js))):
        r = _invoke(*args)
        assert r.exit_code == 1
        assert r.stderr.strip() == (
            "Error: results.json: not an .xlsx report; pass the report workbook written by 'screen run' (-o)."
        ), args


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2026/12/07", "2026-12-07"),
        ("07.12.2026", "2026-12-07"),
        ("25/12/2026", "2026-12-25"),
        ("12/25/2026", "2026-12-25"),
        ("12/07/2026", ""),
    ],
)
def test_a_date_typed_as_text_is_read_when_it_says_which_part_is_which(text: str, date: str) -> None:
    from screen.report.readback import _other_date

    assert _other_date(text) == date


def test_the_report_shows_the_best_match_not_cleared() -> None:
    from screen.report.rows import RowView

    first, second = _match(score=97.0, ref="W:1"), _match(band="review", score=88.0, ref="W:2")
    cleared = {"ref_id": "W:1", "decision": "false positive", "effect": "cleared", "reviewer": "al"}

    def view(decisions: tuple[dict[str, object], ...], matches: tuple[Match, ...]) -> RowView:
        return RowView(0, 2, "", "Acme", "", None, (), matches, "medium", (), "fp", decisions=decisions)

    v = view((cleared,), (first, second))
    assert v.best is second and v.score == 88.0
    assert v.best_text() == "W:2 ACME TRADING"
    alone = view((cleared,), (first,))  # all cleared: the cleared one, said so
    assert alone.best is first and alone.score == 0.0
    assert alone.best_text() == "W:1 ACME TRADING (cleared as a false positive)"
    assert view((), (first, second)).best_text() == "W:1 ACME TRADING"


def test_a_date_that_cannot_be_read_stops_the_review(tmp_path: Path) -> None:
    # not today's date in its place: a decision dated wrongly could win over a later one
    r1, dec = _one_match_report(tmp_path)
    _set_decision(r1, "Matches", "WATCH:W1", "false positive", "alice", "", date="12/07/2026")
    r = _invoke("review", str(r1), "--decisions", str(dec))
    assert r.exit_code == 1 and not dec.exists()
    assert r.stderr.strip() == (
        "Error: r1.xlsx: Matches row 2, Decided on '12/07/2026' (day or month first?) cannot be read; "
        "write decisions as the drop-down offers them and dates as YYYY-MM-DD (e.g. 2026-12-07; empty for "
        "today), and run 'screen review' again."
    )


def test_a_decision_without_a_reviewer_says_who_it_is_recorded_as(tmp_path: Path) -> None:
    r1, dec = _one_match_report(tmp_path)
    _set_decision(r1, "Matches", "WATCH:W1", "false positive", "", "")
    r = _invoke("review", str(r1), "--decisions", str(dec), "--reviewer", "carol")
    assert r.exit_code == 0, r.output
    assert (
        "Warning: Matches row 2: no Reviewer given; recorded as 'carol' (pass --reviewer NAME, or fill in "
        "the Reviewer cells, to record someone else)." in r.stderr
    )
    assert read_decisions(dec)[0].reviewer == "carol"


def test_a_decision_that_cannot_be_read_stops_the_review(tmp_path: Path) -> None:
    r1, dec = _one_match_report(tmp_path)
    _set_decision(r1, "Matches", "WATCH:W1", "fals positive", "alice", "")
    r = _invoke("review", str(r1), "--decisions", str(dec))
    assert r.exit_code == 1 and not dec.exists()
    assert r.stderr.startswith(
        "Error: r1.xlsx: Matches row 2, Decision 'fals positive' (use true match, false positive, needs "
        "information) cannot be read;"
    )
