"""Malformed libraries are rejected with the file, the path inside it and the line (issue 2 item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rsec.engine.frameworks import FrameworkError, read_library


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing ``needle``."""
    for n, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in text")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _issues(path: Path) -> list[str]:
    with pytest.raises(FrameworkError) as info:
        read_library(path)
    assert all(issue.file == str(path) for issue in info.value.issues)
    return [str(i) for i in info.value.issues]


def test_missing_english_title_names_file_path_and_line(tmp_path, shipped_text):
    """P-5 catalogue with an untranslated title: `mitigation.yaml: items[0].title.en: is a required property`."""
    text = shipped_text("mitigation_measures.yaml").replace("      en: Attendance at training\n", "", 1)
    path = _write(tmp_path, "mitigation.yaml", text)
    with pytest.raises(FrameworkError) as info:
        read_library(path)
    (issue,) = info.value.issues
    assert str(issue).startswith(f"{path}: items[0].title.en: is a required property")
    assert issue.line == line_of(text, "ja: 研修受講")


def test_missing_japanese_text_is_rejected(tmp_path, shipped_text):
    text = shipped_text("mitigation_measures.yaml").replace("      ja: 研修受講\n", "", 1)
    (msg,) = _issues(_write(tmp_path, "m.yaml", text))
    assert "items[0].title.ja: is a required property" in msg


def test_swapped_languages_are_caught(tmp_path, shipped_text):
    """Bilingual means Japanese in `ja` and English in `en`: a swapped pair is rejected."""
    text = shipped_text("mitigation_measures.yaml").replace(
        "      ja: 研修受講\n      en: Attendance at training\n",
        "      ja: Attendance at training\n      en: 研修受講\n",
        1,
    )
    msgs = _issues(_write(tmp_path, "m.yaml", text))
    assert any("items[0].title.ja" in m and "no Japanese script" in m for m in msgs)
    assert any("items[0].title.en" in m and "no Latin letters" in m for m in msgs)


def test_unknown_kind_is_rejected(tmp_path, shipped_text):
    text = shipped_text("mitigation_measures.yaml").replace("kind: mitigation_catalogue", "kind: wishlist")
    (msg,) = _issues(_write(tmp_path, "m.yaml", text))
    assert "kind: 'wishlist' is not a known kind" in msg and f"(line {line_of(text, 'kind:')})" in msg


def test_wrong_kind_for_the_content_is_rejected(tmp_path, shipped_text):
    """A catalogue declared as a checklist fails the checklist schema (sections, answers …)."""
    text = shipped_text("mitigation_measures.yaml").replace("kind: mitigation_catalogue", "kind: checklist")
    msgs = _issues(_write(tmp_path, "m.yaml", text))
    assert any(": sections: is a required property" in m for m in msgs)
    assert any(m.startswith(f"{tmp_path / 'm.yaml'}: items[0]") for m in msgs)


def test_duplicate_item_ids_are_rejected(tmp_path, shipped_text):
    text = shipped_text("mitigation_measures.yaml").replace("  - id: cyber_defence\n", "  - id: training\n")
    (msg,) = _issues(_write(tmp_path, "m.yaml", text))
    assert "items[5].id: duplicate id 'training' (first at items[0].id)" in msg
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == "  - id: training"]
    assert msg.endswith(f"(line {lines[1]})")


def test_duplicate_nested_ids_are_rejected(tmp_path, shipped_text):
    """Follow-up ids share the items' namespace: a follow-up may not reuse an item id."""
    text = shipped_text("mitigation_measures.yaml").replace("- id: training.completed", "- id: cyber_defence")
    (msg,) = _issues(_write(tmp_path, "m.yaml", text))
    assert "duplicate id 'cyber_defence'" in msg and "items[5].id" in msg


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "01.0.0", "1.0.0.0"])
def test_bad_version_is_rejected(tmp_path, shipped_text, version):
    text = shipped_text("risk_matrix.yaml").replace('version: "1.0.0"', f'version: "{version}"', 1)
    (msg,) = _issues(_write(tmp_path, "r.yaml", text))
    assert f"version: '{version}' is not a semantic version" in msg
    assert f"(line {line_of(text, 'version:')})" in msg


def test_number_version_is_rejected(tmp_path, shipped_text):
    """`version: 1.0` (unquoted) is a float, not a semver string."""
    text = shipped_text("risk_matrix.yaml").replace('version: "1.0.0"', "version: 1.0", 1)
    (msg,) = _issues(_write(tmp_path, "r.yaml", text))
    assert "version: 1.0 is not of type 'string'" in msg


def test_yaml_syntax_error_names_the_line(tmp_path, shipped_text):
    text = shipped_text("risk_matrix.yaml").replace(
        "  low: {low: low, medium: low, high: medium}", "  low: {low: low,"
    )
    (msg,) = _issues(_write(tmp_path, "r.yaml", text))
    assert msg.startswith(f"{tmp_path / 'r.yaml'}: ") and "(line " in msg


def test_unsafe_tag_is_rejected_and_not_executed(tmp_path, shipped_text):
    """`!!python/object/apply` must never run: safe construction only."""
    marker = tmp_path / "pwned"
    text = shipped_text("mitigation_measures.yaml").replace(
        "      ja: 研修受講\n", f"      ja: !!python/object/apply:os.system ['touch {marker}']\n", 1
    )
    path = _write(tmp_path, "m.yaml", text)
    (msg,) = _issues(path)
    assert not marker.exists()
    assert "items[0].title.ja: unsafe or unknown YAML tag" in msg
    assert f"(line {line_of(text, 'python/object')})" in msg


def test_python_object_tag_is_rejected(tmp_path, shipped_text):
    text = shipped_text("mitigation_measures.yaml").replace(
        "addresses: [people]\n", "addresses: !!python/object:collections.OrderedDict {}\n", 1
    )
    (msg,) = _issues(_write(tmp_path, "m.yaml", text))
    assert "items[0].addresses: unsafe or unknown YAML tag" in msg


def test_duplicate_mapping_keys_are_rejected(tmp_path, shipped_text):
    """Plain safe_load keeps the last of two equal keys silently; a library must not."""
    text = shipped_text("mitigation_measures.yaml").replace(
        "    addresses: [people]\n", "    addresses: [people]\n    addresses: [partner]\n", 1
    )
    (msg,) = _issues(_write(tmp_path, "m.yaml", text))
    assert "duplicate key 'addresses'" in msg and f"(line {line_of(text, 'addresses: [partner]')})" in msg


def test_aliases_are_refused(tmp_path, shipped_text):
    text = (
        shipped_text("mitigation_measures.yaml")
        .replace("    addresses: [people]\n", "    addresses: &a [people]\n", 1)
        .replace("    addresses: [people, partner, technology]\n", "    addresses: *a\n", 1)
    )
    (msg,) = _issues(_write(tmp_path, "m.yaml", text))
    assert "items[3].addresses: anchors and aliases are not allowed" in msg
    assert f"(anchor on line {line_of(text, '&a')})" in msg


def test_billion_laughs_is_refused_quickly(tmp_path):
    """Nested aliases would expand exponentially in validation; the first repeated node stops the load."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    (msg,) = _issues(_write(tmp_path, "lol.yaml", "\n".join(lines) + "\n"))
    assert "aliases are not allowed" in msg


def test_yes_no_and_dates_stay_strings(tmp_path, shipped_text):
    """Unquoted `yes`/`no` and dates are read as strings (YAML 1.2 core), as the schemas expect."""
    text = (
        shipped_text("checklist_template.yaml")
        .replace('- id: "yes"', "- id: yes")
        .replace('choices: ["yes", "no", partially]', "choices: [yes, no, partially]")
    )
    text = text.replace('date: "2025-06-11"', "date: 2025-06-11")
    lib = read_library(_write(tmp_path, "c.yaml", text))
    assert lib.answer_types[0].id == "yes" and lib.item("ri.office").choices[:2] == ("yes", "no")
    assert lib.source.date == "2025-06-11"


def test_checklist_section_must_exist(tmp_path, shipped_text):
    """P-7: a question must belong to a declared section (a reference a schema cannot check)."""
    text = shipped_text("checklist_template.yaml").replace(
        "    section: research_integrity\n    requirement: [P-7, P-2]\n    title:\n      ja: 研究セキュリティ",
        "    section: governance\n    requirement: [P-7, P-2]\n    title:\n      ja: 研究セキュリティ",
        1,
    )
    (msg,) = _issues(_write(tmp_path, "c.yaml", text))
    assert "items[0].section: 'governance' is not a section of this checklist" in msg
    assert f"(line {line_of(text, 'section: governance')})" in msg


def test_risk_matrix_must_be_complete(tmp_path, shipped_text):
    """P-4: every likelihood × impact cell rates to a declared level."""
    text = shipped_text("risk_matrix.yaml").replace(
        "  high: {low: medium, medium: high, high: high}", "  high: {low: medium, medium: severe}"
    )
    msgs = _issues(_write(tmp_path, "r.yaml", text))
    assert any("matrix.high.medium: 'severe' is not one of levels" in m for m in msgs)
    assert any("matrix.high: cell 'high' is missing" in m for m in msgs)


def test_contract_check_must_reference_declared_facts_and_parameters(tmp_path, shipped_text):
    """M-5: the check's parameter and facts are declared, or the library is rejected."""
    text = shipped_text("meti_contract_clauses.yaml").replace(
        "value: {param: state_share_min}", "value: {param: state_share_minimum}"
    )
    text = text.replace("{field: prior_notice_clause,", "{field: prior_notice,")
    msgs = _issues(_write(tmp_path, "k.yaml", text))
    assert any("items[2].check: parameter 'state_share_minimum' is not defined" in m for m in msgs)
    assert any("items[3].check: field 'prior_notice' is not declared in facts" in m for m in msgs)


def test_condition_operator_needs_a_value(tmp_path, shipped_text):
    text = shipped_text("meti_contract_clauses.yaml").replace(
        '- {field: participation_form, op: "==", value: commission}',
        '- {field: participation_form, op: "=="}',
    )
    msgs = _issues(_write(tmp_path, "k.yaml", text))
    assert any("items[2].applies_when.all[0].value: is a required property" in m for m in msgs), msgs


def test_unknown_property_is_rejected(tmp_path, shipped_text):
    text = shipped_text("mitigation_measures.yaml").replace(
        "    addresses: [people]\n", "    adresses: [people]\n", 1
    )
    msgs = _issues(_write(tmp_path, "m.yaml", text))
    assert any("items[0].addresses: is a required property" in m for m in msgs)
    assert any(
        f"items[0].adresses: is not an allowed property (line {line_of(text, 'adresses:')})" in m
        for m in msgs
    )
    assert len(msgs) == 2  # no noise about the item's valid properties


def test_all_problems_are_reported_at_once_in_line_order(tmp_path, shipped_text):
    text = (
        shipped_text("mitigation_measures.yaml")
        .replace("      en: Attendance at training\n", "", 1)
        .replace("    addresses: [managed_data, technology]\n", "    addresses: [buildings]\n", 1)
    )
    with pytest.raises(FrameworkError) as info:
        read_library(_write(tmp_path, "m.yaml", text))
    paths = [i.path for i in info.value.issues]
    assert paths[0] == "items[0].title.en" and "items[5].addresses[0]" in paths
    lines = [i.line for i in info.value.issues]
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    "content, expected",
    [
        ("", "must be a YAML mapping"),
        ("- a\n- b\n", "must be a YAML mapping"),
    ],
)
def test_not_a_mapping(tmp_path, content, expected):
    (msg,) = _issues(_write(tmp_path, "x.yaml", content))
    assert expected in msg


def test_not_utf8_and_missing_file(tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert "not UTF-8" in _issues(bad)[0]
    assert "cannot read" in _issues(tmp_path / "missing.yaml")[0]
