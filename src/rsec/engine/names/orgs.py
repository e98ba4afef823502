"""Organisation-name vocabulary: legal forms, generic words, and CJK ↔ English terms (組織名の語彙).

No maintained library translates the generic words of CJK institution names (大学, 研究所, 工業 …)
into the English words the same institutions use, so the small vocabulary below is kept here as data.
Place names and proper names are never listed: they go through readings (pinyin, kanji readings).
"""

from __future__ import annotations

import re

# Legal forms, matched on folded tokens (Latin) or as suffix/prefix strings (CJK, Cyrillic).
LEGAL_FORMS_LATIN = {
    "co ltd": "company limited",
    "co": "company",
    "company": "company",
    "ltd": "limited",
    "limited": "limited",
    "inc": "incorporated",
    "incorporated": "incorporated",
    "corp": "corporation",
    "corporation": "corporation",
    "llc": "llc",
    "llp": "llp",
    "lp": "lp",
    "plc": "plc",
    "pte": "private",
    "pvt": "private",
    "private": "private",
    "gmbh": "gmbh",
    "ag": "ag",
    "kg": "kg",
    "se": "se",
    "sa": "sa",
    "sas": "sas",
    "sarl": "sarl",
    "srl": "srl",
    "spa": "spa",
    "bv": "bv",
    "nv": "nv",
    "oy": "oy",
    "ab": "ab",
    "as": "as",
    "asa": "asa",
    "kk": "kk",
    "jsc": "jsc",
    "pjsc": "pjsc",
    "ojsc": "ojsc",
    "cjsc": "cjsc",
    "ooo": "llc",
    "oao": "ojsc",
    "zao": "cjsc",
    "pao": "pjsc",
    "ao": "jsc",
    "tov": "llc",
    "fze": "fze",
    "fzco": "fzco",
    "fzc": "fzc",
    "sdn": "sdn",
    "bhd": "bhd",
    "tbk": "tbk",
    "pt": "pt",
    "zoo": "zoo",
    "sp": "sp",
    "aktiengesellschaft": "ag",
    "ano": "ano",
    "nko": "ano",
    "gesellschaft": "gesellschaft",
}
# multi-word legal forms, folded and space-joined
LEGAL_PHRASES_LATIN = [
    "joint stock company",
    "public joint stock company",
    "open joint stock company",
    "closed joint stock company",
    "limited liability company",
    "limited liability partnership",
    "public limited company",
    "company limited",
    "co ltd",
    "sp z o o",
    "spolka z ograniczona odpowiedzialnoscia",
    "sdn bhd",
    "pte ltd",
    "pvt ltd",
    "private limited",
    "kabushiki kaisha",
    "yugen kaisha",
    "godo kaisha",
    "publicly traded company",
    "joint public stock company",
    "gesellschaft mit beschrankter haftung",
    "societatea cu raspundere limitata",
    "sp z oo",
]
LEGAL_FORMS_CJK = [
    # Japanese juridical persons (法人格) that are not companies: names in English leave them out
    # (公益財団法人知床財団 = Shiretoko Nature Foundation); longer forms first
    "地方独立行政法人",
    "国立研究開発法人",
    "特定非営利活動法人",
    "独立行政法人",
    "国立大学法人",
    "大学共同利用機関法人",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "医療法人社団",
    "医療法人財団",
    "社会医療法人",
    "社会福祉法人",
    "医療法人",
    "学校法人",
    "宗教法人",
    "NPO法人",
    "npo法人",
    "非公開株式会社",
    "公開株式会社",
    "公共株式会社",
    "閉鎖型株式会社",
    "有限責任会社",
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "有限公司",
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "（株）",
    "(株)",
    "㈱",
    "주식회사",
    "유한회사",
    "(주)",
    "㈜",
    "集团公司",
    "集團公司",
    "总公司",
    "總公司",
    "公司",
]
LEGAL_PHRASES_CYRILLIC = [
    "общество с ограниченной ответственностью",
    "публичное акционерное общество",
    "открытое акционерное общество",
    "закрытое акционерное общество",
    "непубличное акционерное общество",
    "акционерное общество",
    "автономная некоммерческая организация",
    "федеральное государственное унитарное предприятие",
    "товариство з обмеженою відповідальністю",
]
LEGAL_FORMS_CYRILLIC = ["ооо", "оао", "зао", "пао", "ао", "нао", "тов", "пат", "фгуп", "гуп", "муп", "ип"]

# Words that say what kind of body something is. They count, but far less than distinctive words.
GENERIC_WORDS = frozenset(
    """university college institute academy school center centre laboratory laboratories lab group holding
    holdings trading international national society association foundation agency bureau department
    office ministry branch factory plant enterprise enterprises industries industry services general
    research company corporation plant factory bureau design production manufacturing association
    scientific central special federal state shipyard organization movement front brigade committee
    agency exchange name named""".split()
)
STOPWORDS = frozenset("of the and for & und y et after".split())

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fourty fifty sixty seventy eighty ninety".split()
_TEN_VALUES = [20, 30, 40, 40, 50, 60, 70, 80, 90]
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
NUMBER_WORDS = (
    {w: i for i, w in enumerate(_UNITS)}
    | dict(zip(_TENS, _TEN_VALUES, strict=True))
    | {w: i + 1 for i, w in enumerate(_ORDINALS)}
)


def numbers_to_digits(words: list[str]) -> list[str]:
    """``forty four`` → ``44``, ``first`` / ``1st`` → ``1``, ``Forty 4`` → ``44``: numbers compare as digits."""
    out: list[str] = []
    for w in words:
        m = re.fullmatch(r"(\d+)(st|nd|rd|th)", w)
        value = int(m.group(1)) if m else NUMBER_WORDS.get(w, int(w) if w.isdigit() else None)
        if (
            value is not None
            and out
            and out[-1].isdigit()
            and int(out[-1]) % 10 == 0
            and int(out[-1]) >= 20
            and value < 10
        ):
            out[-1] = str(int(out[-1]) + value)
        elif value is not None:
            out.append(str(value))
        else:
            out.append(w)
    return out


# Spelling variants and translations folded onto one English word.
SYNONYMS = {
    "univ": "university",
    "universitat": "university",
    "universitaet": "university",
    "universidad": "university",
    "universite": "university",
    "universita": "university",
    "universiteit": "university",
    "universitet": "university",
    "uniwersytet": "university",
    "universidade": "university",
    "inst": "institute",
    "institut": "institute",
    "instituto": "institute",
    "istituto": "institute",
    "technological": "technology",
    "tech": "technology",
    "technologies": "technology",
    "technische": "technology",
    "technical": "technology",
    "sciences": "science",
    "scientific": "science",
    "centre": "center",
    "labour": "labor",
    "intl": "international",
    "natl": "national",
    "dept": "department",
    "acad": "academy",
    "lab": "laboratory",
    "labs": "laboratory",
    "laboratories": "laboratory",
    "engineering": "engineering",
    "aeronautical": "aeronautics",
    "astronautical": "astronautics",
    "aerospace": "astronautics",
    "aviation": "aeronautics",
    "industrial": "industry",
    "industries": "industry",
    "electronics": "electronic",
    "electrical": "electric",
    "physical": "physics",
    "medical": "medicine",
    "chemical": "chemistry",
    "mechanical": "machinery",
    "normal": "normal",
    "defence": "defense",
    "polytechnic": "technology",
    "polytechnical": "technology",
    "electronic": "electronics",
    "nuclear": "nuclear",
    "chinese": "china",
    "japanese": "japan",
    "korean": "korea",
    "russian": "russia",
    "corp": "corporation",
    "co": "company",
    "machine": "machinery",
    "republican": "republic",
    "works": "plant",
    "factory": "plant",
    "named": "name",
    "imeni": "name",
}

# CJK terms → English words (after simplified/traditional/shinjitai folding to simplified Chinese,
# and, for Japanese-only forms, as written). Longest match wins when segmenting.
CJK_TERMS = {
    "大学校": "university",
    "大学": "university",
    "大學": "university",
    "대학교": "university",
    "대학": "university",
    "学院": "college|university|institute",  # 北京城市学院 Beijing City University
    "學院": "college|university|institute",
    "学校": "school",
    "研究所": "institute",
    "研究院": "institute",
    "연구소": "institute",
    "연구원": "institute",
    "研究中心": "research center",
    "中心": "center",
    "センター": "center",
    "实验室": "laboratory",
    "研究室": "laboratory",
    "実験室": "laboratory",
    "科学院": "academy science*",
    "科学": "science",
    "科學": "science",
    "理科": "science",
    "理工": "science* technology",
    "科技": "science* technology",
    "技术": "technology",
    "技術": "technology",
    "工业": "technology|industry|industrial",
    "工業": "technology|industry|industrial",
    "工科": "technology",
    "工程": "engineering",
    "工学": "engineering",
    "航空": "aeronautics",
    "航天": "astronautics",
    "宇宙": "space",
    "电子": "electronic",
    "電子": "electronic",
    "信息": "information",
    "情報": "information",
    "通信": "communication",
    "电信": "telecommunication",
    "邮电": "posts telecommunication",
    "核": "nuclear",
    "原子力": "nuclear|atomic energy*",  # 日本原子力研究開発機構, Japan Atomic Energy Agency
    "物理": "physics",
    "化学": "chemistry",
    "化學": "chemistry",
    "材料": "materials",
    "机械": "machinery",
    "機械": "machinery",
    "船舶": "shipbuilding",
    "造船": "shipbuilding",
    "兵器": "ordnance",
    "国防": "defense",
    "國防": "defense",
    "防衛": "defense",
    "军事": "military",
    "師範": "normal",
    "师范": "normal",
    "医科": "medicine",
    "医学": "medicine",
    "医学院": "medical college",
    "药科": "pharmaceutical",
    "农业": "agriculture",
    "農業": "agriculture",
    "农": "agricultural|agriculture",  # 北京农学院 Beijing University of Agriculture
    "農": "agricultural|agriculture",
    "城市": "city",  # Chinese: a city (Japanese 城市 is a castle town, rare in a body's name)
    # ordinals (内江市第一人民医院 The First People's Hospital of Neijiang): digits, as the Latin side's are
    **{
        f"第{n}": f"{i}|{w}"
        for i, (n, w) in enumerate(zip("一二三四五六七八九十", _ORDINALS, strict=True), 1)
    },
    "能源": "energy",
    "光学": "optics",
    "精密": "precision",
    "仪器": "instrument",
    "计算": "computing",
    "计算机": "computer",
    "自动化": "automation",
    "动力": "power",
    "集团": "group",
    "集團": "group",
    "グループ": "group",
    "银行": "bank",
    "銀行": "bank",
    "은행": "bank",
    "贸易": "trading",
    "貿易": "trading",
    "商事": "trading|commercial",
    "国际": "international",
    "國際": "international",
    "国際": "international",
    "国家": "national|state",
    "國家": "national|state",
    "国立": "national",
    # who runs a public body (OWNERSHIP_TERMS): part of its name (Osaka City University is not Osaka University)
    "市立": "city|municipal",
    "都立": "metropolitan",
    "府立": "prefecture|prefectural",
    "県立": "prefecture|prefectural",
    "道立": "prefecture|prefectural",
    "省立": "provincial",
    "公立": "public",
    "私立": "private",
    "女子": "women|womens",  # 津田塾大学 … 女子大学, Women's University; 女子医科大学, Women's Medical University
    "政策": "policy",
    "市民": "citizen|civic|municipal|city",  # 市民病院 Municipal Hospital, 市民会館 Civic Hall  # 政策研究大学院大学, National Graduate Institute for Policy Studies
    "中国": "china",
    "中國": "china",
    "日本": "japan",
    "韩国": "korea",
    "朝鲜": "korea",
    "俄罗斯": "russia",
    "人民": "people",
    "解放军": "liberation army",
    "协会": "association",
    "協会": "association",
    "基金会": "foundation",
    "财团": "foundation",
    "財団": "foundation",
    "重点": "key",
    "开发": "development",
    "開発": "development",
    "研究": "research",
    "产业": "industry",
    "産業": "industry",
    "重工": "heavy industry",
    "重工业": "heavy industry",
    "电力": "electric power",
    "電力": "electric power",
    "石油": "petroleum",
    "化工": "chemical",
    "钢铁": "steel",
    "製鉄": "steel",
    "矿业": "mining",
    "控股": "holdings",
    "会社": "company",
    "社": "company",
    "工場": "plant",
    "工厂": "plant",
    "設計局": "design bureau",
    "造船所": "shipyard|shipbuilding",
    "機構": "organization|agency|institute",  # 宇宙航空研究開発機構 JAXA, an agency; 物質・材料研究機構 NIMS, an institute
    "公団": "corporation",
    "生産": "production",
    "製造": "manufacturing",
    "団体": "association",
    "学術": "scientific",
    "中央": "central",
    "特殊": "special",
    "特別": "special",
    "連邦": "federal",
    "国営": "state",
    "国有": "state",
    "企業": "enterprise",
    "海運": "shipping",
    "運動": "movement",
    "集団": "group",
    "戦線": "front",
    "両替所": "exchange",
    "信託": "trust",
    "旅団": "brigade",
    "解放": "liberation",
    "委員会": "committee",
    "省": "ministry|province",  # 外務省 (Japanese) is a ministry, 四川省 (Chinese) a province
    "庁": "agency|government",  # 滋賀県庁, Shiga Prefectural Government
    "局": "bureau|administration",  # 国家林业和草原局, State Forestry and Grassland Administration
    "ホールディングス": "holdings",
    "株式": "",
    "第": "",
    # more CJK terms
    "科工": "science* industry",
    "自动车": "motor",
    "自動車": "motor",
    "电机": "electric",
    "電機": "electric",
    "電気": "electric",
    "製作所": "plant|works|manufacturing|mfg|seisakusho",
    "西北": "northwestern",
    "东北": "northeastern",
    "東北": "northeastern",
    "西南": "southwestern",
    "东南": "southeastern",
    "東南": "southeastern",
    "华北": "north china",
    "华南": "south china",
    "工程院": "academy engineering",
    "兵工": "ordnance",
    "船舶重工": "shipbuilding industry",
    "重工業": "heavy industry",
    # the words of Chinese universities, hospitals and public bodies (simplified; the folding finds the
    # traditional and Japanese forms)
    "医院": "hospital|clinic",
    "附属": "affiliated",
    "职业": "vocational",
    "职业技术": "vocational technical",
    "财经": "finance economics",
    "经济": "economics",
    "金融": "finance",
    "政法": "political* law",
    "法学": "law",
    "外国语": "foreign* languages|studies",
    "外语": "foreign* languages|studies",
    "艺术": "arts",
    "美术": "fine* arts",
    "音乐": "music",
    "传媒": "media|communication",
    "民族": "nationalities|minzu",
    "林业": "forestry",
    "海洋": "ocean|marine",
    "地质": "geosciences|geology|geological",
    "气象": "meteorology",
    "水利": "water* resources|conservancy",
    "建筑": "architecture|construction",
    "纺织": "textile",
    "中医药": "chinese* medicine",
    "中医": "chinese* medicine",
    "交通": "traffic|transportation|jiaotong",
    "轻工": "light* industry|polytechnic",
    "工商": "industry* commerce|gongshang",
    "商学院": "business school",
    "师范学院": "normal college|university",
    "口腔": "stomatology|dental",
    "肿瘤": "cancer|tumor|oncology",
    "妇幼": "maternal child",
    "儿童": "children",
    "人民医院": "people hospital",
    "卫生": "health",
    "委员会": "committee|commission",
    "香港": "hong kong",
    "澳门": "macau|macao",
    "西藏": "tibet|xizang",
    "内蒙古": "inner mongolia",
    "陕西": "shaanxi",
    # words of research institutes, hospitals, public bodies and companies (simplified; the folding finds
    # the traditional and most Japanese forms, and the Japanese forms it folds otherwise are listed too)
    "眼科": "eye|ophthalmology|ophthalmic",
    "地震": "earthquake|seismological|seismology",
    "食品": "food",
    "检验": "inspection|testing",
    "检测": "testing|inspection",
    "检查": "inspection|examination",  # 検査
    "民航": "civil aviation",
    "童军": "scout|scouts",
    "精准": "precision",
    "机器人": "robotics|robot",
    "太空": "space",
    "美国": "america|american",
    "米国": "america|american",
    "规划": "planning",
    "草原": "grassland",
    "疾病": "disease",
    "预防": "prevention|preventive",
    "控制": "control",
    "沙漠": "desert",
    "青年": "youth",
    "创新": "innovation",
    "促进": "promotion",
    "纪念": "memorial",
    "记念": "memorial",  # 記念
    "火箭": "rocket",
    "部队": "force|forces|troops",
    "人工智能": "artificial intelligence",
    "智能": "intelligent|intelligence",
    "基因": "gene|genetic|genomics",
    "环境": "environment|environmental",
    "生物": "biology|biological",
    "公安": "public security",
    "警察": "police",
    "消防": "fire",
    "衞生": "health",  # 衛生
    "健康": "health",
    "软件": "software",
    "网络": "network",
    "数据": "data",
    "语言": "language|languages",
    "体育": "sports|sport",
    "药学": "pharmacy|pharmaceutical",
    "医药": "medicine|pharmaceutical",
    "护理": "nursing",
    "水产": "fisheries|aquatic",
    "兽医": "veterinary",
    "测绘": "surveying mapping",
    "土木": "civil engineering",
    "铁道": "railway",
    "铁路": "railway",
    "邮政": "post|postal",
    "统计": "statistics|statistical",
    "数学": "mathematics",
    "天文": "astronomy|astronomical",
    "心理": "psychology|psychological",
    "政府": "government",
    "行政": "administration|administrative|executive",
    "农村": "rural",
    "发展": "development",
    "改革": "reform",
    "财政": "finance|fiscal",
    "税务": "taxation|tax",
    "审计": "audit",
    "医疗": "medical|healthcare",
    "保健": "health care*",
    "大学院": "graduate school|university",
    "精神": "mental|psychiatric",
    "神经": "neurology|neuroscience|neurological",
    "循环器": "cardiovascular",
    "放射线": "radiation|radiological",
    "量子": "quantum",
    "原子": "atomic",
    "看护": "nursing",
    "机构": "agency|organization|institution",
    "国土": "land",
    "建设": "construction|building",
    # Korean (hangul) terms
    "한국": "korea",
    "과학": "science",
    "기술": "technology",
    "공학": "engineering",
    "연구": "research",
    "전자": "electronics",
    "산업": "industry",
    "공업": "industry",
    "그룹": "group",
    "국립": "national",
    "대학원": "graduate school",
    "여자": "women",
    "중공업": "heavy industry",
    "자동차": "motor",
    "항공": "aerospace",
    "우주": "space",
    "원자력": "nuclear|atomic energy*",  # 한국원자력연구원, Korea Atomic Energy Research Institute
    # the words of Korean universities, hospitals, institutes and ministries (several syllables each:
    # one syllable, as 부 ministry or 원 institute, would cut names apart: 부산 Busan)
    "대한민국": "republic* korea*",  # often left out before a ministry
    "병원": "hospital",
    "의료원": "medical center",
    "의학": "medicine|medical",
    "의과": "medical|medicine",
    "의료": "medical|healthcare",
    "치과": "dental",
    "한의학": "oriental medicine",
    "간호": "nursing",
    "약학": "pharmacy",
    "보건": "health",
    "어린이": "children",
    "재활": "rehabilitation",
    "성모": "st* mary",
    "재료": "materials",
    "소재": "materials",
    "수산": "fisheries",
    "금융": "finance",
    "경제": "economics|economic|economy",
    "인문": "humanities",
    "사회": "social|society",
    "교육": "education",
    "농업": "agriculture|agricultural",
    "농촌": "rural",
    "환경": "environment|environmental",
    "에너지": "energy",
    "생명공학": "biotechnology",
    "생명": "life|bio",
    "해양": "ocean|marine",
    "표준": "standards",
    "건설": "construction",
    "철도": "railroad|railway",
    "전기": "electric|electrical",
    "화학": "chemistry|chemical",
    "물리": "physics",
    "생물": "biology|biological",
    "기계": "machinery|mechanical",
    "정보": "information",
    "통신": "communication|telecommunications",
    "지리": "geographic|geography",
    "국토": "national* land|territory",
    "천문": "astronomy",
    "지질": "geoscience|geology",
    "자원": "resources",
    "식품": "food",
    "의약품": "pharmaceutical|medicinal",
    "제약": "pharmaceutical",
    "반도체": "semiconductor",
    "센터": "center",
    "재단": "foundation",
    "협회": "association",
    "학회": "society",
    "진흥원": "promotion agency|institute",
    "공사": "corporation",
    "공단": "corporation|service|agency",  # 근로복지공단, Korea Workers' Compensation and Welfare Service
    "연구회": "research council",
    "위원회": "commission|committee",
    "정책": "policy",
    "개발": "development",
    "산학협력단": "industry academic cooperation foundation",
    "기술원": "institute technology",
    "국가": "national",
    "국제": "international",
    "중앙": "central",
    "시립": "municipal|city",
    "도립": "provincial",
    "가톨릭": "catholic",
    "조선": "korea|shipbuilding|joseon|chosun",  # in the North's names Korea: 조선중앙은행 Central Bank
    "국방부": "ministry national defense",
    "국방": "defense|defence",
    "교육부": "ministry education",
    "외교부": "ministry foreign affairs",
    "통일부": "ministry unification",
    "법무부": "ministry justice",
    "환경부": "ministry environment",
    "기획재정부": "ministry economy|strategy finance",
    "산업통상자원부": "ministry trade industry energy",
    "보건복지부": "ministry health welfare",
    "과학기술정보통신부": "ministry science ict",
    "국토교통부": "ministry land infrastructure transport",
    "해양수산부": "ministry oceans fisheries",
    # common words of Korean institution names (two syllables or more: one syllable is too often a part
    # of a proper name)
    "보훈": "veterans|patriots",
    "복지": "welfare",
    "근로": "workers|labor",
    "노동": "labor|labour|workers",
    "로동": "labor|labour|workers",
    "로동당": "workers party",  # 조선로동당, Workers' Party of Korea
    "노동당": "labor|labour|workers party",
    "총국": "general* bureau",  # 정찰총국, Reconnaissance General Bureau  # the North's spelling: 조선로동당, Workers' Party of Korea
    "혁명": "revolution|revolutionary",
    "박물관": "museum",
    "정찰": "reconnaissance",
    "고용": "employment",
    "예방": "prevention",
    "자살": "suicide",
    "여성": "women|womens",
    "육아": "childcare|child care",
    "아동": "children|child",
    "첨단": "advanced",
    "미래": "future",
    "건축": "architecture",
    "도시": "urban|city",
    "공간": "space",
    "수의": "veterinary",
    "기독": "christian",
    "한방": "oriental medicine|korean medicine",
    "권역": "regional",
    "광역시": "metropolitan* city*",  # 인천광역시 의료원, Incheon Medical Center: often left out
    "특별시": "special* city*",
    "경찰": "police",
    "소방": "fire",
    "안전": "safety",
    "관리": "management",
    "평가": "evaluation|assessment",
    "품질": "quality",
    "문화": "culture|cultural",
    "예술": "arts|art",
    "체육": "sports|physical education",
    "관광": "tourism",
    "무역": "trade",
    "투자": "investment",
    "중소기업": "small* medium* business|enterprises",
    "기업": "enterprise|business|company",
    "조선소": "shipyard",
    "정보화": "information",
    "행정": "administration|public administration",
    "법률": "law|legal",
    "역사": "history",
    "언어": "language",
    "심리": "psychology|psychological",
    "수학": "mathematics|mathematical",
    "통계": "statistics|statistical",
    "암센터": "cancer center",
    "난방": "heating",
    "지역": "district|regional|local",
    "기후": "climate",
    "변화": "change",
    "교통": "traffic|transportation|transport",
    "물질": "substances|materials",
    "조세": "tax|taxation|finance",  # 한국조세연구원, Korea Institute of Public Finance
    "종합": "general|comprehensive",
    "뇌혈관": "cerebrovascular",
    "방송": "broadcasting",
    "종자": "seed",
    "농림": "agriculture forestry",
    "축산": "livestock",
    "벤처": "venture|ventures|startups",
    "혁신": "innovation|innovative",
    "학교": "school",
    "발전": "development|power",
    "전력": "electric power|power",
    "수자원": "water resources",
    "항만": "port|harbor",
    "도로": "road|roads|expressway",
    "주택": "housing",
    "토지": "land",
    "산림": "forest|forestry",
    "総合": "general|comprehensive|integrated",  # 総合病院, General Hospital (JMdict: synthesis)
    "综合": "general|comprehensive|integrated",
    "労働": "labor|labour|work",
    "東洋": "oriental|orient|east|asian",
    "基盤": "infrastructure|foundation|base|platform",
    "中核": "core|central",
    "先端": "advanced|frontier|cutting",
    "鉄道": "railway|railroad",
    "鉄鋼": "steel|iron",
    "全日本": "all japan|nippon",
    "試験場": "experiment* station|institute|center",  # 農業試験場, Agricultural Experiment Station
    "중소": "small medium",  # 중소조선연구원, Research Institute of Medium & Small Shipbuilding
    "성심": "sacred heart",
    "산학": "academia industry|industrial",
    "교육과정": "curriculum",
    "평가원": "evaluation institute",
    "全国": "national|nationwide",  # 全国農業改良普及支援協会 (JMdict: whole country)
    "法務": "justice|legal",  # 法務省法務総合研究所, … Ministry of Justice
    "法務省": "ministry justice",
    "中华人民共和国": "people|peoples republic china",
    "中华民国": "republic china",
    "国务院": "state council",
}


def _country_terms() -> dict[str, str]:
    """Country and territory names in Chinese (simplified and traditional) and Korean, with their English
    names, from CLDR through Babel: a country is translated, not read aloud (蒙古 Mongolia, not menggu;
    新加坡 Singapore; 몽골 Mongolia). Names the vocabulary lists already keep its words (中国, 韩国)."""
    try:
        from babel import Locale
    except ImportError:  # the names are optional
        return {}
    english = Locale("en").territories
    out: dict[str, str] = {}
    for lang in ("zh", "zh_Hant", "ko"):
        for code, name in Locale.parse(lang).territories.items():
            if len(code) != 2 or not code.isalpha() or code not in english:
                continue
            words = re.sub(r"\([^)]*\)|[^a-z ]", " ", english[code].lower()).split()
            cjk = all("\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3" for ch in name)
            if cjk and len(name) >= 2 and 1 <= len(words) <= 3 and name not in CJK_TERMS:
                out.setdefault(name, " ".join(words))
    return out


#: the country names added from CLDR (see readings._segment: a two-character one must end a word)
_COUNTRIES = _country_terms()
COUNTRY_TERMS = frozenset(_COUNTRIES)
CJK_TERMS.update(_COUNTRIES)
CJK_TERMS_SORTED = sorted(CJK_TERMS, key=len, reverse=True)
#: terms that say who runs a body (national, city, prefectural …): part of its name, but not of the
#: contraction of its leading words (国立台湾大学 is 台大, 市立八幡浜総合病院 no "Shiba")
OWNERSHIP_TERMS = frozenset({"国立", "市立", "都立", "府立", "県立", "道立", "省立", "公立", "私立"})

#: English words the CJK vocabulary translates to: if such a word is missing on the CJK side, it was
#: not there (not merely left untranslated), so it counts fully as a distinguishing word.
VOCABULARY = frozenset(a.rstrip("*") for v in CJK_TERMS.values() for w in v.split() for a in w.split("|"))

#: Families of legal forms (canonical form → family). Forms outside these (company, limited, corporation,
#: incorporated …) say nothing about the kind of company and agree with any form.
LEGAL_FAMILIES = {
    **dict.fromkeys(
        "ag se jsc pjsc ojsc cjsc sa spa nv kk asa as ab oy plc tbk bhd".split()
        + [
            "joint stock company",
            "public joint stock company",
            "open joint stock company",
            "closed joint stock company",
            "aktsionernoe obshchestvo",
            "publichnoe aktsionernoe obshchestvo",
            "kabushiki kaisha",
            "public limited company",
            "publicly traded company",
            "joint public stock company",
        ],
        "stock",
    ),
    **dict.fromkeys(
        "gmbh llc sarl srl bv sp zoo".split()
        + [
            "limited liability company",
            "obshchestvo s ogranichennoi otvetstvennostyu",
            "obshchestvo s ogranichennoy otvetstvennostyu",
            "sp z o o",
            "sp z oo",
            "gesellschaft mit beschrankter haftung",
            "societatea cu raspundere limitata",
            "spolka z ograniczona odpowiedzialnoscia",
            "yugen kaisha",
            "godo kaisha",
        ],
        "limited-liability",
    ),
    **dict.fromkeys("llp lp kg".split() + ["limited liability partnership"], "partnership"),
    "ano": "non-profit",
}


def legal_families(forms: frozenset[str]) -> frozenset[str]:
    return frozenset(LEGAL_FAMILIES[f] for f in forms if f in LEGAL_FAMILIES)


#: Stems of Russian words in organisation names → English (Russian inflects, so stems are matched).
CYRILLIC_TERMS = {
    "государствен": "state",
    "федеральн": "federal",
    "научно": "scientific",
    "научн": "scientific",
    "исследовательск": "research",
    "завод": "plant",
    "производствен": "production",
    "объединени": "association",
    "объединённ": "united|joint",  # Объединённая авиастроительная корпорация, United Aircraft Corporation
    "объединенн": "united|joint",
    "авиастроительн": "aircraft",
    "точн": "precision",  # институт точных приборов, Institute of Precision Instruments
    "центральн": "central",
    "конструкторск": "design",
    "бюро": "bureau",
    "российск": "russian",
    "русск": "russian",
    "национальн": "national",
    "академи": "academy",
    "наук": "sciences",
    "технологи": "technology",
    "техническ": "technical",
    "инженерн": "engineering",
    "систем": "systems",
    "авиационн": "aviation",
    "электронн": "electronic",
    "ядерн": "nuclear",
    "оборон": "defense",
    "радио": "radio",
    "морск": "marine",
    "университет": "university",
    "институт": "institute",
    "корпораци": "corporation",
    "концерн": "concern",
    "компани": "company",
    "групп": "group",
    "банк": "bank",
    "центр": "center",
    "предприяти": "enterprise",
    "машиностроительн": "machine",
    "приборостроительн": "instrument",
    "ракетн": "missile|rocket",
    "тактическ": "tactical",
    "вооружени": "armament|weapons",
    "безопасност": "security|safety",  # Федеральная служба безопасности, Federal Security Service
    "разведывательн": "intelligence|reconnaissance",
    "машиностроени": "machine",
    "механическ": "mechanical",
    "электромеханическ": "electromechanical",
    "оптическ": "optics",
    "оптико": "optics",
    "прибор": "instrument",
    "вычислительн": "computing",
    "полупроводник": "semiconductor",
    "судостроительн": "shipbuilding",
    "космическ": "space",
    "типографи": "printing",
    "энерги": "energy",
    "строительн": "building",
    # the words of universities, institutes, hospitals and public bodies
    "федераци": "federation",
    "республик": "republic",
    "медицинск": "medicine",
    "медико": "medicine",
    "педагогическ": "pedagogical",
    "гуманитарн": "humanities",
    "аграрн": "agrarian|agricultural",
    "имени": "name|named",  # университет имени Н. П. Огарёва: University named after N. P. Ogarev
    "всероссийск": "russian",  # All-Russian
    "евразийск": "eurasian",
    "внешн": "foreign|external",
    "сельскохозяйственн": "agricultural",
    "экономическ": "economic",
    "экономик": "economics",
    "юридическ": "law",
    "политехническ": "technology",
    "технологическ": "technology",
    "транспортн": "transport",
    "химическ": "chemistry",
    "хими": "chemistry",
    "физическ": "physics",
    "физик": "physics",
    "физико": "physics",
    "биологическ": "biology",
    "биологи": "biology",
    "математическ": "mathematics",
    "математик": "mathematics",
    "геологическ": "geology",
    "клиническ": "clinical",
    "больниц": "hospital",
    "госпитал": "hospital",
    "музе": "museum",
    "библиотек": "library",
    "школ": "school",
    "колледж": "college",
    "филиал": "branch",
    "министерств": "ministry",
    "здравоохранени": "health",
    "образовани": "education",
    "образовательн": "educational",
    "культур": "culture",
    "искусств": "arts",
    "музык": "music",
    "консерватори": "conservatory",
    "ботаническ": "botanical",
    "обсерватори": "observatory",
    "информатик": "informatics",
    "информационн": "information",
    "прикладн": "applied",
    "фундаментальн": "fundamental",
    "международн": "international",
    "высш": "higher",
    "лаборатори": "laboratory",
    "общество": "society",
    "обществ": "society",
    "ассоциаци": "association",
    "союз": "union",
    "фонд": "foundation",
    "агентств": "agency",
    "служб": "service",
    "управлени": "administration|management|directorate",
    "главн": "main|chief|general",  # Главное разведывательное управление, Main Intelligence Directorate
    "комитет": "committee",
    "отделени": "branch",
    "городск": "city",
    "областн": "regional",
    "краев": "regional",
    "региональн": "regional",
    "атомн": "nuclear",
    "энергетическ": "energy",
    "нефт": "petroleum",
    "горн": "mining",
    "металлургическ": "metallurgical",
    "лесн": "forestry",
    "экологи": "ecology",
    "географи": "geography",
    "истори": "history",
    "философи": "philosophy",
    "социальн": "social",
    "психологи": "psychology",
    "спорт": "sport",
    "детск": "children",
    "сервис": "service",
    "обслуживани": "service",
    "просвещени": "education",
    "исследовани": "research",
    "правительств": "government",
    "промышленност": "industry",
    "механик": "mechanics",
    "машиноведени": "engineering",
    "электрохими": "electrochemistry",
    "металлурги": "metallurgy",
    "полимер": "polymer",
    "материал": "materials",
    "микроэлектроник": "microelectronics",
    "проектировани": "design",
    "проблем": "problems",
    "автомобильн": "automobile",
    "литератур": "literature",
    "язык": "language",
    "компьютерн": "computer",
    "экспертиз": "expertise",
    "консультативн": "advisory",
    "предпринимательств": "entrepreneurship",
    "торгов": "trade",
    "финансов": "financial",
    "электротехническ": "electrotechnical",
    "строительств": "construction",
    "архитектур": "architecture",
    "аэрокосмическ": "aerospace",
    "ветеринарн": "veterinary",
    "фармацевтическ": "pharmaceutical",
    "онкологическ": "oncology",
    "хирурги": "surgery",
    "генетик": "genetics",
    "биотехнологи": "biotechnology",
    "нанотехнологи": "nanotechnology",
    "геофизическ": "geophysical",
    "метеорологи": "meteorology",
    "лингвистическ": "linguistic",
    "туризм": "tourism",
    # more words of research institutes, academies and public bodies
    "европейск": "european",
    "экономист": "economists|economist",
    "развити": "development",
    "человек": "human",
    "правов": "legal|law",
    "судебн": "forensic|judicial",
    "сплав": "alloys|alloy",
    "природн": "natural|nature",
    "парк": "park",
    "востоковед": "oriental",
    "здоровь": "health",
    "архив": "archive",
    "внутренн": "internal",
    "теологи": "theology",
    "богослов": "theology|theological",
    "растени": "plant|plants",
    "устойчив": "sustainable",
    "лётн": "flight",
    "цирков": "circus",
    "эстрадн": "performing|variety",
    "муниципальн": "municipal",
    "одарённ": "gifted",
    "одаренн": "gifted",
    "агроном": "agronomy|agronomic",
    "кибернетик": "cybernetics",
    "лазерн": "laser",
    "связ": "communications|telecommunications",
    "проектн": "design",
    "электроник": "electronics",
    "оптик": "optics",
    "атмосфер": "atmospheric|atmosphere",
    "метрологическ": "metrological|metrology",
    "геодези": "geodesy",
    "пространственн": "spatial",
    "информаци": "information",
    "немецк": "german",
    "виноградарств": "viticulture|grape",
    "винодели": "winemaking|wine",
    "кардиологи": "cardiology",
    "гематологи": "hematology",
    "акушерств": "obstetrics",
    "гинекологи": "gynecology",
    "тропическ": "tropical",
    "практическ": "practical",
    "сооружени": "structures",
    "дружб": "friendship",
    "зональн": "zonal",
    "поддержк": "support",
    "деятельност": "activity|activities",
    "автономн": "autonomous",
    "учреждени": "institution",
    "археологическ": "archaeological",
    "област": "region|oblast",
    "сельск": "rural|agricultural",
    "хозяйств": "economy|agriculture",
    "бюджетн": "budgetary",
    "казённ": "state",
    "казенн": "state",
    "унитарн": "unitary",
    "станци": "station",
    "заповедник": "reserve",
    "поликлиник": "polyclinic|clinic",
    "клиник": "clinic|clinical",
    # research and public bodies (2026-12-07, eleventh round)
    "моделировани": "modeling|modelling",
    "промышленн": "industrial|industry",
    "сибирск": "siberian|siberia",
    "уральск": "ural|urals",
    "северн": "northern|north",
    "южн": "southern|south",
    "восточн": "eastern|east",
    "западн": "western|west",
    "труд": "labor|labour",
    "охран": "protection|conservation",
    "садоводств": "horticulture|gardening",
    "рыбн": "fisheries|fishery|fish",
    "водн": "water",
    "газов": "gas",
    "экспериментальн": "experimental",
    "теоретическ": "theoretical",
    "цифров": "digital",
    "инновационн": "innovation|innovative",
    "опытн": "experimental|pilot",
    "испытательн": "testing|test",
    "экспертн": "expert|expertise",
    "палат": "chamber",
    "гостеприимств": "hospitality",
    "совет": "council",
}
#: Ukrainian stems whose Russian respelling (:func:`rsec.engine.names.readings.russianised`) is another
#: word (державний is not государственный); the others are found through their Russian respelling
UKRAINIAN_TERMS = {
    "державн": "state",
    "україн": "ukraine",
    "дослідн": "research",
    "науково": "scientific",
    "технічн": "technology",
    "медичн": "medicine",
    "економічн": "economic",
    "педагогічн": "pedagogical",
    "сільськогосподарськ": "agricultural",
    "лікарн": "hospital",
    "охорони": "protection",
    "здоров": "health",
    "міністерств": "ministry",
    "обласн": "regional",
    "міськ": "city",
    "спілк": "union",
    "товариств": "society",
    "видавництв": "publishing",
    "установ": "institution",
    "громадськ": "public",
    "організаці": "organization",
    "підприємств": "enterprise",
    "заповідник": "reserve",
    "вищ": "higher",
    "будівельн": "building",
    "харчов": "food",
    "юридичн": "law",
    "хімічн": "chemistry",
    "фізичн": "physics",
    "біологічн": "biology",
    "математичн": "mathematics",
    "інформаційн": "information",
    "політехні": "technology",
    "асоціаці": "association",
    "європейськ": "european",
    "економіст": "economists|economist",
    "міжнародн": "international",
    "розвитк": "development",
    "людин": "human",
    "природн": "natural|nature",
    "льотн": "flight",
    "мистецтв": "arts",
    "цирков": "circus",
    "естрадн": "performing|variety",
    "муніципальн": "municipal",
    "внутрішн": "internal",
    "справ": "affairs",
    "теологі": "theology",
    "рослин": "plant|plants",
    "сходознавств": "oriental",
    "судов": "forensic|judicial",
    "експертиз": "expertise|examination",
    "метал": "metals|metal",
    "сплав": "alloys|alloy",
    "заклад": "institution",
    "освіт": "education|educational",
    "ботанічн": "botanical",
    "архів": "archive",
    "технологічн": "technological|technology",
    "фармацевтичн": "pharmaceutical",
    "регіональн": "regional",
    "дослідж": "research|studies",
    "обдарован": "gifted",
    "архітектур": "architecture",
    "енергетичн": "energy",
    "відкрит": "open",
    # the Ukrainian forms of words the Russian stems miss (клінічний is not клиническ-)
    "морськ": "marine|maritime|sea",
    "промислов": "industrial|industry",
    "безпек": "safety|security",
    "прац": "labor|labour",
    "сільськ": "rural|agricultural",
    "господарств": "economy|agriculture",
    "рибн": "fisheries|fishery|fish",
    "лісов": "forestry|forest",
    "гірнич": "mining",
    "нафтов": "petroleum|oil",
    "космічн": "space",
    "авіаційн": "aviation",
    "клінічн": "clinical",
    "експериментальн": "experimental",
    "теоретичн": "theoretical",
    "цифров": "digital",
    "інноваційн": "innovation|innovative",
    "виробнич": "production|manufacturing",
    "конструкторськ": "design",
    "експертн": "expert|expertise",
    "відділенн": "branch|department",
    "філі": "branch",
    "рада": "council",
    "ради": "council",
    "садівництв": "horticulture|gardening",
    "рослинництв": "plant|plants",
    "сталого": "sustainable",
    "сталий": "sustainable",
    "гостинност": "hospitality",
}
#: abbreviations of Russian institution names, written out (lower case, as tokenised) as English renders
#: them: НИИ (научно-исследовательский институт) is a research institute, РАН the Russian Academy of Sciences
CYRILLIC_ABBREVIATIONS = {
    "нии": ("исследовательский", "институт"),
    "ниц": ("исследовательский", "центр"),
    "ран": ("российской", "академии", "наук"),
    "нан": ("национальной", "академии", "наук"),
    "ан": ("академии", "наук"),
    "им": ("имени",),  # им. Н. И. Пирогова: named after
    "ім": ("імені",),
}
CYRILLIC_STEMS = sorted(CYRILLIC_TERMS, key=len, reverse=True)
UKRAINIAN_STEMS = sorted(UKRAINIAN_TERMS, key=len, reverse=True)


def cyrillic_term(word: str, ukrainian: bool = False) -> str:
    """English word for a Russian organisation word (государственный → state), "" if not known; with
    ``ukrainian``, also for a Ukrainian one (державний → state, університет → university)."""
    if ukrainian:
        for stem in UKRAINIAN_STEMS:
            if word.startswith(stem):
                return UKRAINIAN_TERMS[stem]
        from .readings import russianised

        word = russianised(word)
    for stem in CYRILLIC_STEMS:
        if word.startswith(stem):
            return CYRILLIC_TERMS[stem]
    return ""


_PLACE_ADJECTIVE = re.compile(
    r"^(?P<base>[а-яёіїєґ'’-]{2,}?)(?P<sk>[сц]ь?к)(?:ий|ый|ая|ое|ие|ые|ого|ому|им|ым|ом|их|ых|ими|ую|ой"
    r"|ій|а|е|і|ої|ого|ому|им|их|ими|у|ім)$"
)


def place_adjective_bases(word: str) -> tuple[str, ...] | None:
    """The place a Russian or Ukrainian adjective in -ский/-ський (-цкий) is formed from, in its two
    likely spellings: the stem (Сахалинский → Сахалин, Харківський → Харків, Московский → Москов) and
    the stem with -ск (Новосибирский → Новосибирск, Донецкий → Донецк), and the stem with its -с
    (Одеський → Одес, as in Одеса); after a ж, also the place in -га it may stand for (Рижский → Рига).
    English names use the place
    (Sakhalin State University, Novosibirsk State University); None for other words."""
    m = _PLACE_ADJECTIVE.match(word)
    if m is None:
        return None
    base, sk = m.group("base").rstrip("-"), m.group("sk").replace("ь", "")
    # a place ending in -с/-ц merges it into the suffix: Одеса → Одеський, Черкаси → Черкаський
    bases = (base, base + sk, base + sk[0])
    if base.endswith("ж"):
        # г of a place in -га turns ж before the suffix: Рижский → Рига, Пражский → Прага, Волжский → Волга
        bases += (base[:-1] + "га",)
    return bases


def _romanised(text: str) -> set[str]:
    """Latin spellings of Russian ``text`` in the schemes the readings use (BGN/PCGN, ICAO, Wikipedia,
    scientific, anyascii), folded and tokenised like Latin names."""
    import iuliia
    from anyascii import anyascii

    from .normalize import ascii_fold, tokenize

    schemes = (iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303, iuliia.WIKIPEDIA, iuliia.SCIENTIFIC)
    spellings = [s.translate(text) for s in schemes] + [anyascii(text)]
    out = set()
    for sp in spellings:
        words = tokenize(ascii_fold(sp.replace("ʹ", "").replace("’", "").replace("'", "")))
        if words and all(w.isascii() and w.isalpha() for w in words):
            out.add(" ".join(words))
    return out


_ROMANISED_STEMS: list[tuple[str, str]] | None = None


def romanised_term(word: str) -> str:
    """English word for a romanised Russian organisation word (Zavod → plant, Konstruktorskoe →
    design), from the Cyrillic stems above spelt in every romanisation scheme; "" if not known.
    Lets a Latin name that leaves Russian words untranslated meet a reading that translates them."""
    global _ROMANISED_STEMS
    if _ROMANISED_STEMS is None:
        # a stem spelt like its English word (bank, radio) needs no translation, and would catch
        # English derivatives (banking)
        stems = {
            r: eng
            for stem, eng in CYRILLIC_TERMS.items()
            for r in _romanised(stem)
            if len(r) >= 4 and r.isalpha() and not eng.startswith(r[:4])
        }
        _ROMANISED_STEMS = sorted(stems.items(), key=lambda kv: -len(kv[0]))
    if len(word) < 4 or not word.isalpha():
        return ""
    for stem, eng in _ROMANISED_STEMS:
        if word.startswith(stem) and len(word) - len(stem) <= 6:  # a Russian ending, not a compound
            return eng
    return ""


def romanised_legal_phrases() -> dict[str, str]:
    """Romanised spellings of the Russian legal-form phrases (Aktsionernoe Obshchestvo …) → the
    canonical (anyascii) spelling, which :data:`LEGAL_FAMILIES` knows."""
    from anyascii import anyascii

    from .normalize import ascii_fold, tokenize

    out = {}
    for phrase in LEGAL_PHRASES_CYRILLIC:
        canon = " ".join(tokenize(ascii_fold(anyascii(phrase).replace("'", ""))))
        for r in _romanised(phrase):
            out[r] = canon
    return out


_LONG_FORMS = [w for w in LEGAL_FORMS_LATIN if len(w) >= 10]


def misspelt_legal_form(word: str) -> str:
    """The legal form a long word is a one-letter misspelling of (Aktiengeselschaft → ag); "" if none."""
    if len(word) < 10:
        return ""
    from rapidfuzz.distance import OSA

    for form in _LONG_FORMS:
        if OSA.distance(word, form, score_cutoff=1) <= 1:
            return LEGAL_FORMS_LATIN[form]
    return ""


# legal forms as they are capitalised when written glued to the name (SiemensAG, AcmeGmbH, FooLtd)
_GLUED_FORMS = "AG GmbH KG SE SA SpA SAS SARL NV BV AB AS Oy LLC LLP PLC Ltd Inc Corp".split()
_GLUED = re.compile(r"(?<=[a-z]{3})(" + "|".join(_GLUED_FORMS) + r")(?=$|[\s,.)])")


def unglue_legal_form(name: str) -> str:
    """Separate a legal form written glued to the name, seen by its capital after a lower-case letter
    (SiemensAG → Siemens AG, AcmeLtd. → Acme Ltd.); names in one case are left alone."""
    return _GLUED.sub(r" \1", name) if name[:1].isupper() else name
