"""``rsec demo`` — migrate, load the watch-list editions shipped with rsec, then create demonstration tenants,
users and two cases (idempotent).

All people are invented. Passwords come from RSEC_DEMO_PASSWORD (default shown once on the console);
the demo is for a local machine, never for production.
"""

from __future__ import annotations

import datetime as dt
import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rsec.app.accounts.models import Organization, Role, User
from rsec.app.cases import models as m
from rsec.app.cases import services

DEFAULT_PASSWORD = "rsec-demo-2026"

USERS = [
    # username, organization key, role, display name
    ("fa_admin", "fa", Role.FA_ADMIN, "資金配分機関 管理者"),
    ("fa_officer", "fa", Role.FA_OFFICER, "佐藤 美咲（FA担当）"),
    ("a_admin", "a", Role.INSTITUTION_ADMIN, "東都大学 管理者"),
    ("a_officer", "a", Role.SECURITY_OFFICER, "鈴木 健一（研究セキュリティ担当）"),
    ("a_pi", "a", Role.RESEARCHER, "山田 太郎"),
    ("a_auditor", "a", Role.AUDITOR, "東都大学 監査"),
    ("b_officer", "b", Role.SECURITY_OFFICER, "高橋 直子（関西工科大学 研究セキュリティ担当）"),
    ("b_copi", "b", Role.RESEARCHER, "中村 陽介"),
]


class Command(BaseCommand):
    help = "Migrate and load demonstration data (FA, institutions A and B, users, two cases)."

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true", help="skip migrate")
        parser.add_argument(
            "--no-lists", action="store_true", help="do not load the list editions shipped with rsec"
        )

    def handle(self, *args, **opts):
        if not opts["no_migrate"]:
            call_command("migrate", verbosity=0, interactive=False)
        if not opts["no_lists"]:
            self._lists()
        if Organization.objects.filter(name_ja="国立研究開発支援機構").exists():
            self.stdout.write("demo data already present")
            return
        password = os.environ.get("RSEC_DEMO_PASSWORD", DEFAULT_PASSWORD)
        if len(password) < 10:
            raise CommandError("RSEC_DEMO_PASSWORD must have at least 10 characters")
        with transaction.atomic():
            self._load(password)
        self.stdout.write(
            self.style.SUCCESS(
                "demo data loaded. Sign in as a_officer (研究セキュリティ担当), fa_officer (FA), b_officer (partner), "
                f"a_pi (researcher) or a_auditor; password: {'(RSEC_DEMO_PASSWORD)' if 'RSEC_DEMO_PASSWORD' in os.environ else password}"
            )
        )

    def _lists(self) -> None:
        """The list editions shipped with rsec, as the first snapshots (skipped when already stored), with
        their screening indexes built and saved now, so the first screening in the server does not wait."""
        from rsec.app.screening.services import ListLoadError, load_bundled_lists, prepare_index

        try:
            loaded = load_bundled_lists()
        except ListLoadError as exc:
            raise CommandError(
                f"{exc.file}: {exc.location + ': ' if exc.location else ''}{exc.reason}"
            ) from exc
        for snap in loaded:
            prepare_index(snap.pk)
            self.stdout.write(f"list {snap.list_code} {snap.published or '-'}: {snap.entity_count} entities")

    def _load(self, password: str) -> None:
        orgs = {
            "fa": Organization.objects.create(
                kind=Organization.Kind.FUNDING_AGENCY,
                name_ja="国立研究開発支援機構",
                name_en="National R&D Support Agency",
            ),
            "a": Organization.objects.create(
                kind=Organization.Kind.INSTITUTION, name_ja="東都大学", name_en="Toto University"
            ),
            "b": Organization.objects.create(
                kind=Organization.Kind.INSTITUTION,
                name_ja="関西工科大学",
                name_en="Kansai Institute of Technology",
            ),
        }
        users = {}
        for username, org, role, name in USERS:
            user = User(username=username, organization=orgs[org], role=role, display_name=name)
            user.set_password(password)
            user.save()
            users[username] = user
        fa, a_off, b_off = users["fa_officer"], users["a_officer"], users["b_officer"]

        program = services.create(
            fa,
            m.Program,
            {
                "title_ja": "経済安全保障重要技術育成プログラム（量子・AI）",
                "title_en": "Key Technologies Programme (quantum, AI)",
                "designated": True,
                "call_title": "令和8年度 第1回公募",
                "technology_area": "量子技術・人工知能",
                "risk_management_deadline": dt.date(2027, 3, 31),
            },
        )
        services.create(
            fa,
            m.Program,
            {
                "title_ja": "一般共同研究支援事業",
                "title_en": "General joint research support",
                "designated": False,
                "technology_area": "全分野",
            },
        )

        pi = services.create(
            a_off,
            m.Person,
            {
                "family_name": "山田",
                "given_name": "太郎",
                "family_name_kana": "ヤマダ",
                "given_name_kana": "タロウ",
                "family_name_latin": "Yamada",
                "given_name_latin": "Taro",
                "orcid": "0000-0002-1825-0097",
                "erad_number": "12345678",
                "affiliation": "東都大学 大学院工学系研究科",
                "nationality": "jp",
            },
        )
        pi.user = users["a_pi"]
        pi.save(update_fields=["user"])
        student = services.create(
            a_off,
            m.Person,
            {
                "family_name": "李",
                "given_name": "明",
                "family_name_latin": "Li",
                "given_name_latin": "Ming",
                "affiliation": "東都大学 大学院工学系研究科 博士課程",
                "nationality": "cn",
            },
        )
        copi = services.create(
            b_off,
            m.Person,
            {
                "family_name": "中村",
                "given_name": "陽介",
                "family_name_kana": "ナカムラ",
                "given_name_kana": "ヨウスケ",
                "family_name_latin": "Nakamura",
                "given_name_latin": "Yosuke",
                "affiliation": "関西工科大学 情報理工学部",
                "nationality": "jp",
            },
        )
        copi.user = users["b_copi"]
        copi.save(update_fields=["user"])

        case1 = services.create(
            a_off,
            m.Case,
            {
                "program": program,
                "title": "耐量子暗号ハードウェアの研究開発",
                "title_en": "Post-quantum cryptography hardware",
                "summary": "耐量子計算機暗号を実装する専用回路の設計と評価。関西工科大学と共同で実施する。",
            },
        )
        services.create(
            a_off,
            m.Partner,
            {
                "case": case1,
                "organization": orgs["b"],
                "name_ja": "関西工科大学",
                "name_en": "Kansai Institute of Technology",
                "country": "jp",
                "purpose": "回路評価環境の提供と共同設計",
                "track_record": "暗号回路の実装研究で10年以上の実績",
            },
        )
        services.create(
            a_off,
            m.Partner,
            {
                "case": case1,
                "name_ja": "ノヴァ・シリコン社",
                "name_en": "Nova Silicon Ltd.",
                "country": "sg",
                "is_company": True,
                "purpose": "試作チップの製造",
                "ownership": "非上場。株主構成は申告書による（確認中）",
            },
        )
        services.create(a_off, m.Member, {"case": case1, "person": pi, "role": m.Member.Role.PI})
        services.create(a_off, m.Member, {"case": case1, "person": student, "role": m.Member.Role.STUDENT})
        services.create(
            b_off, m.Member, {"case": case1, "person": copi, "role": m.Member.Role.CO_PI, "owner": orgs["b"]}
        )
        for data in [
            {
                "category": "education",
                "title": "博士（工学）",
                "counterpart": "東都大学（指導教員: 田中 一郎）",
                "country": "jp",
                "start_date": dt.date(2005, 4, 1),
                "end_date": dt.date(2008, 3, 31),
            },
            {
                "category": "research_history",
                "title": "教授",
                "counterpart": "東都大学 大学院工学系研究科",
                "country": "jp",
                "start_date": dt.date(2018, 4, 1),
            },
            {
                "category": "grant",
                "title": "科研費 基盤研究(B) 格子暗号の高速実装",
                "counterpart": "日本学術振興会",
                "country": "jp",
                "identifier": "23H01234",
                "amount_jpy": 15_000_000,
                "role": "研究代表者",
            },
            {
                "category": "non_grant_support",
                "title": "客員研究員",
                "counterpart": "シンガポール国立研究所（仮称）",
                "country": "sg",
                "role": "兼職（無給）",
                "start_date": dt.date(2022, 10, 1),
            },
            {
                "category": "publication",
                "title": "Compact lattice-based KEM accelerator",
                "identifier": "10.0000/demo.2024.001",
                "role": "責任著者",
            },
        ]:
            services.create(a_off, m.Declaration, {"person": pi, **data})
        services.create(
            b_off,
            m.Declaration,
            {
                "person": copi,
                "category": "research_history",
                "title": "准教授",
                "counterpart": "関西工科大学 情報理工学部",
                "country": "jp",
                "start_date": dt.date(2020, 4, 1),
            },
        )
        services.create(
            a_off,
            m.Supporter,
            {
                "case": case1,
                "name": "ノヴァ・シリコン社",
                "kind": "company",
                "country": "sg",
                "support": "goods",
                "is_research_money": False,
                "description": "試作チップ 20個の無償提供",
                "purpose": "製造技術の評価",
                "conditions": "評価結果の共有を希望（契約で範囲を限定予定）",
            },
        )
        services.create(
            a_off,
            m.Supporter,
            {
                "case": case1,
                "name": "ハルビン工業大学",
                "kind": "university",
                "country": "cn",
                "support": "goods",
                "is_research_money": False,
                "description": "比較測定用の標準試料の提供",
                "purpose": "測定方法の相互検証",
                "conditions": "測定データの共有を希望",
            },
        )
        services.create(
            a_off,
            m.ManagedItem,
            {
                "case": case1,
                "kind": "managed_data",
                "title": "回路設計データ（RTL・レイアウト）",
                "policy": "研究室内サーバのみに保管、参画者のみアクセス",
                "access_level": "レベル2（参画者限定）",
            },
        )
        services.create(
            b_off,
            m.ManagedItem,
            {
                "case": case1,
                "kind": "facility",
                "title": "関西工科大学 電磁波測定室",
                "owner": orgs["b"],
                "policy": "入退室をICカードで記録",
                "access_level": "登録者のみ",
            },
        )
        services.create(
            a_off,
            m.Contract,
            {
                "case": case1,
                "kind": "joint_research",
                "counterparty": "関西工科大学",
                "scope": "回路の共同設計と評価",
                "ip_terms": "共同出願、持分は貢献度による",
                "confidentiality": "終了後3年間の秘密保持",
            },
        )
        services.create(
            a_off,
            m.PeacetimeRecord,
            {
                "category": "information_systems",
                "title": "研究用ネットワーク分離方針",
                "details": "研究室ネットワークを学内LANから分離（2024年改定）",
            },
        )

        case2 = services.create(
            a_off,
            m.Case,
            {
                "program": program,
                "title": "量子センサを用いた材料評価手法の開発",
                "title_en": "Materials characterisation with quantum sensors",
                "summary": "ダイヤモンドNVセンタを用いた計測。",
            },
        )
        services.create(a_off, m.Member, {"case": case2, "person": pi, "role": m.Member.Role.PI})
        services.submit_case(a_off, case2, note="リスク確認の結果を提出します。")
