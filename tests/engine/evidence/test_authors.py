"""Person → author resolution and author clustering (P-3 ①: the person's publications, co-authors)."""

from __future__ import annotations

from rsec.engine.evidence.authors import (
    PersonQuery,
    Signature,
    b3_scores,
    cluster_name_only,
    cluster_signatures,
    name_similarity,
    resolve_person,
)
from rsec.engine.evidence.model import Authorship, InstitutionRef, Provenance, Work


def _work(wid: str, year: int, authors: list[tuple[str, str, str, str]]) -> Work:
    """authors: (name, orcid, institution name, ror id)."""
    return Work(
        id=wid,
        year=year,
        authorships=[
            Authorship(name=n, orcid=o, institutions=[InstitutionRef(name=i, ror_id=r)] if i else [])
            for n, o, i, r in authors
        ],
        provenance=Provenance(source="openalex", record_id=wid, retrieved="2026-01-01"),
    )


def test_cross_script_names_agree_and_different_given_names_do_not():
    """Declared kanji/kana names are compared with Latin bylines, order-free (cross-script matching)."""
    assert name_similarity("山田 太郎", "Taro Yamada").score == 1.0
    assert name_similarity("やまだ たろう", "T. Yamada").score >= 0.8
    assert name_similarity("张伟", "Wei Zhang").score == 1.0
    assert name_similarity("山田 太郎", "Jiro Yamada").score < 0.5
    assert name_similarity("X. Wang", "Y. Wang").score < 0.5


def test_orcid_decides_over_names():
    """P-3: an ORCID on both sides is decisive — same iD matches even under another name form."""
    works = [
        _work("W1", 2022, [("T. Yamada-Suzuki", "0000-0002-1825-0097", "", ""), ("A. B", "", "", "")]),
        _work("W2", 2022, [("Taro Yamada", "0000-0001-0000-0001", "Example Univ", "")]),
    ]
    person = PersonQuery(names=["山田 太郎", "Taro Yamada"], orcid="https://orcid.org/0000-0002-1825-0097")
    matches = resolve_person(person, works)
    by_work = {m.signature.work_id: m for m in matches}
    assert by_work["W1"].decision == "match" and "ORCID" in by_work["W1"].reasons[0]
    assert "W2" not in by_work  # a different ORCID excludes the namesake


def test_name_alone_is_only_possible_affiliation_makes_a_match():
    """A bare name match stays 'possible'; a shared declared institution raises it to 'match'."""
    works = [
        _work("W1", 2021, [("Taro Yamada", "", "Kyoto Example University", "0aaaaaa01")]),
        _work("W2", 2021, [("Taro Yamada", "", "Unrelated Institute of Physics", "0bbbbbb02")]),
    ]
    person = PersonQuery(names=["山田 太郎"], institutions=["Kyoto Example University"])
    by_work = {m.signature.work_id: m for m in resolve_person(person, works)}
    assert by_work["W1"].decision == "match"
    assert any("affiliation" in r for r in by_work["W1"].reasons)
    assert by_work["W2"].decision == "possible"


def test_coauthors_of_confident_matches_pull_in_a_new_affiliation():
    """A work at an undeclared institution is attributed through co-authors seen on confirmed works."""
    works = [
        _work(
            "W1",
            2020,
            [
                ("Taro Yamada", "", "Kyoto Example University", "0aaaaaa01"),
                ("Hana Sato", "", "", ""),
                ("Li Ming", "", "", ""),
            ],
        ),
        _work(
            "W2",
            2023,
            [("Taro Yamada", "", "Foreign Example University", "0ccccccc3"), ("Li Ming", "", "", "")],
        ),
    ]
    person = PersonQuery(names=["Taro Yamada"], ror_ids={"0aaaaaa01"})
    by_work = {m.signature.work_id: m for m in resolve_person(person, works)}
    assert by_work["W2"].decision == "match"
    assert any("co-author" in r for r in by_work["W2"].reasons)


def test_b3_scores():
    assert b3_scores([["a", "b"], ["c"]], [["a", "b"], ["c"]]) == (1.0, 1.0, 1.0)
    p, r, _ = b3_scores([["a", "b", "c"]], [["a", "b"], ["c"]])
    assert r == 1.0 and abs(p - (2 / 3 * 2 + 1 / 3) / 3) < 1e-9


def test_clustering_separates_namesakes_by_affiliation():
    """Two 'Lei Zhang's at different institutions are split where the name-only baseline merges them."""
    sigs = [
        Signature(
            id="1", name="Lei Zhang", first="Lei", last="Zhang", affiliations=["Stony Brook University"]
        ),
        Signature(
            id="2", name="Lei Zhang", first="Lei", last="Zhang", affiliations=["Stony Brook University"]
        ),
        Signature(
            id="3", name="Lei Zhang", first="Lei", last="Zhang", affiliations=["George Mason University"]
        ),
        Signature(
            id="4", name="L. Zhang", first="L.", last="Zhang", affiliations=["George Mason University"]
        ),
    ]
    truth = [["1", "2"], ["3", "4"]]
    assert b3_scores(cluster_signatures(sigs), truth)[2] == 1.0
    assert b3_scores(cluster_name_only(sigs), truth)[2] < 1.0


def test_hangul_declaration_meets_latin_byline_through_the_names_matcher():
    """Cross-script: 김민준 (declared) and 'Min-jun Kim' (byline) agree via the project's names matcher."""
    works = [_work("W1", 2022, [("Min-jun Kim", "", "Example National University", "0ddddddd4")])]
    person = PersonQuery(names=["김민준"], ror_ids={"0ddddddd4"})
    (m,) = resolve_person(person, works)
    assert m.decision == "match" and any("cross-script" in r for r in m.reasons)
