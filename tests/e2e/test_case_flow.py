"""End to end in a real browser: the research-security officer registers and submits a case; the FA sees
it; the partner institution sees only its part (P-1, P-3, P-5 scope, tenancy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import PASSWORD

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("[data-testid=whoami]")


def sign_out(page) -> None:
    page.click("header form.inline button")
    page.wait_for_selector("#id_username")


def test_officer_registers_and_submits_fa_sees_partner_sees_its_part(live_server_url, new_page):
    base = live_server_url
    SHOTS.mkdir(exist_ok=True)
    page = new_page()

    # 1. the research-security officer of institution A creates a case
    sign_in(page, base, "a_officer")
    page.click("text=新しい案件")
    page.select_option("#id_program", label="経済安全保障重要技術育成プログラム（量子・AI）")
    page.fill("#id_title", "量子中継器の耐タンパ設計")
    page.fill("#id_summary", "関西工科大学との共同研究。")
    page.click("button.primary")
    page.wait_for_selector("text=案件を作成しました")
    case_url = page.url

    # 2. partner institution B (an rsec tenant)
    page.click("text=共同研究先機関を追加")
    page.fill("#id_name_ja", "関西工科大学")
    page.fill("#id_country", "jp")
    page.select_option("#id_organization", label="関西工科大学")
    page.click("button.primary")
    page.wait_for_selector("text=共同研究先機関を追加しました")

    # 3. a PI with a kanji name
    page.click("#members summary")
    page.select_option("#id_role", "pi")
    page.fill("#id_family_name", "渡邉")
    page.fill("#id_given_name", "恵美子")
    page.fill("#id_family_name_kana", "ワタナベ")
    page.fill("#id_given_name_kana", "エミコ")
    page.fill("#id_family_name_latin", "Watanabe")
    page.fill("#id_given_name_latin", "Emiko")
    page.click("#members button.primary")
    page.wait_for_selector("text=渡邉 恵美子 を登録しました")

    # 4. a CO-PI at the partner institution, whose membership B looks after
    page.click("#members summary")
    page.select_option("#id_role", "co_pi")
    page.select_option("#id_owner", label="関西工科大学")
    page.fill("#id_family_name", "長谷川")
    page.fill("#id_given_name", "翔")
    page.fill("#id_affiliation", "関西工科大学 工学部")
    page.click("#members button.primary")
    page.wait_for_selector("text=長谷川 翔 を登録しました")
    members = page.inner_text("#members table")
    assert (
        "研究代表者" in members
        and "渡邉 恵美子" in members
        and "研究分担者" in members
        and "長谷川 翔" in members
    )

    # 5. submit to the FA
    page.fill("#id_note", "リスク確認を終えました。")
    page.click("[data-testid=submit-case]")
    page.wait_for_selector("text=FAへ提出しました")
    page.screenshot(path=str(SHOTS / "e2e-officer-case.png"), full_page=True)
    sign_out(page)

    # 6. the FA program officer sees the submitted case
    sign_in(page, base, "fa_officer")
    page.goto(base + "/submissions/")
    page.click("text=量子中継器の耐タンパ設計")
    body = page.inner_text("main")
    assert "渡邉 恵美子" in body and "長谷川 翔" in body and "東都大学" in body
    page.screenshot(path=str(SHOTS / "e2e-fa-submission.png"), full_page=True)
    assert page.goto(case_url).status == 404  # no live case data for the FA
    sign_out(page)

    # 7. the partner institution's officer sees the case, but only its own part
    sign_in(page, base, "b_officer")
    page.goto(case_url)
    assert page.is_visible("[data-testid=partner-scope]")
    body = page.inner_text("main")
    assert "長谷川 翔" in body
    assert "渡邉" not in body and "関西工科大学との共同研究" not in body
    page.screenshot(path=str(SHOTS / "e2e-partner-view.png"), full_page=True)


def test_interface_switches_to_english(live_server_url, new_page):
    page = new_page("en-US")
    sign_in(page, live_server_url, "a_officer")
    page.goto(live_server_url + "/cases/")
    assert "Cases" in page.inner_text("h1")
