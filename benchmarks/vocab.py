"""Word tables for the benchmark's synthetic supplier names (written for this benchmark).

Each locale has surnames or given names, business words, cities, the country as a supplier
file might spell it, and legal forms. Coined brand names come from syllables, so a large
file has the large word vocabulary a real vendor master has.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Locale:
    code: str  # ISO 3166-1 alpha-2
    weight: float  # share of suppliers
    country: tuple[str, ...]  # how the country column spells it
    people: tuple[str, ...]  # family names, given names, founders
    words: tuple[str, ...]  # business words in the local language
    cities: tuple[str, ...]
    legal: tuple[str, ...]
    script: str = "latin"


def _t(text: str) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") for w in text.split())


LOCALES: tuple[Locale, ...] = (
    Locale(
        "US",
        14,
        _t("US USA United_States United_States_of_America U.S."),
        _t(
            "Anderson Baker Carter Dawson Ellis Fletcher Garrison Hayes Irving Jensen Keller Lawson Morgan "
            "Nolan Porter Quincy Reed Sawyer Turner Vaughn Walker Young Brooks Coleman Harper Mitchell"
        ),
        _t(
            "Supply Logistics Systems Solutions Industries Manufacturing Packaging Electronics Metals Plastics "
            "Foods Apparel Components Tooling Fasteners Analytics Consulting Freight Labs Controls Fabrication"
        ),
        _t("Chicago Houston Phoenix Denver Atlanta Portland Dallas Boston Seattle Detroit"),
        _t("Inc. LLC Corp. Corporation Co. Incorporated L.P."),
    ),
    Locale(
        "GB",
        6,
        _t("GB UK United_Kingdom Great_Britain England"),
        _t(
            "Ashworth Blackwood Cartwright Davenport Fairbanks Greenhalgh Hargreaves Pemberton Whitaker Thornton"
        ),
        _t("Engineering Holdings Services Trading Textiles Instruments Packaging Haulage Joinery Plant_Hire"),
        _t("Leeds Bristol Sheffield Glasgow Cardiff Leicester Norwich Reading"),
        _t("Ltd Limited PLC LLP Ltd."),
    ),
    Locale(
        "DE",
        9,
        _t("DE Germany Deutschland GERMANY Federal_Republic_of_Germany"),
        _t(
            "Müller Schmidt Schneider Fischer Weber Becker Hoffmann Schäfer Koch Richter Wolf Schröder Neumann "
            "Zimmermann Krüger Hartmann Lange Werner Krause Köhler"
        ),
        _t(
            "Maschinenbau Handel Logistik Technik Bau Metallwerk Verpackung Elektro Kunststoff Antriebstechnik "
            "Feinmechanik Spedition Werkzeugbau Druckerei Lackiertechnik Stahlbau"
        ),
        _t("München Stuttgart Köln Hamburg Dortmund Leipzig Nürnberg Bremen Mannheim Augsburg"),
        _t("GmbH AG KG GmbH_&_Co._KG e.K. OHG"),
    ),
    Locale(
        "FR",
        6,
        _t("FR France FRANCE République_française"),
        _t("Dubois Lefèvre Moreau Laurent Girard Bonnet Fontaine Chevalier Rousseau Mercier Gauthier Perrin"),
        _t(
            "Transports Industrie Conseil Emballages Distribution Mécanique Électricité Fonderie Chaudronnerie "
            "Imprimerie Négoce Menuiserie"
        ),
        _t("Lyon Marseille Toulouse Nantes Lille Bordeaux Rennes Grenoble"),
        _t("SARL SAS S.A. SA EURL SNC"),
    ),
    Locale(
        "ES",
        5,
        _t("ES Spain España SPAIN"),
        _t("García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Ruiz Navarro Romero"),
        _t(
            "Comercial Industrias Transportes Construcciones Alimentos Suministros Metalúrgica Envases Textil "
            "Distribuciones"
        ),
        _t("Madrid Barcelona Valencia Sevilla Zaragoza Bilbao Málaga Murcia"),
        _t("S.L. S.A. SL SA S.L.U."),
    ),
    Locale(
        "IT",
        5,
        _t("IT Italy Italia ITALY"),
        _t("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti"),
        _t(
            "Costruzioni Meccanica Trasporti Impianti Forniture Tessile Alimentari Officine Stampaggio Ceramiche"
        ),
        _t("Milano Torino Bologna Brescia Verona Bergamo Modena Padova"),
        _t("S.p.A. S.r.l. Srl SpA S.n.c."),
    ),
    Locale(
        "BR",
        4,
        _t("BR Brazil Brasil BRAZIL"),
        _t("Silva Santos Oliveira Souza Pereira Costa Carvalho Almeida Ribeiro Ferreira Barbosa"),
        _t("Comércio Indústria Transportes Alimentos Embalagens Metalúrgica Construtora Distribuidora"),
        _t("São_Paulo Curitiba Campinas Joinville Recife Manaus"),
        _t("Ltda. S.A. Ltda EIRELI"),
    ),
    Locale(
        "NL",
        3,
        _t("NL Netherlands Nederland The_Netherlands Holland"),
        _t("de_Vries Jansen van_Dijk Bakker Visser Smit Meijer de_Boer Mulder Bos Vos"),
        _t("Techniek Handel Installatie Transport Verpakkingen Metaalbewerking Bouw Groothandel"),
        _t("Rotterdam Eindhoven Utrecht Tilburg Groningen Venlo"),
        _t("B.V. BV N.V. V.O.F."),
    ),
    Locale(
        "PL",
        3,
        _t("PL Poland Polska POLAND"),
        _t("Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski"),
        _t("Budownictwo Transport Handel Usługi Produkcja Stal Opakowania Elektronika Meble"),
        _t("Kraków Wrocław Poznań Gdańsk Łódź Katowice"),
        _t("Sp._z_o.o. S.A. sp._j. Spółka_Akcyjna"),
    ),
    Locale(
        "TR",
        3,
        _t("TR Turkey Türkiye Republic_of_Türkiye TURKEY"),
        _t("Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Özdemir Arslan Doğan Kılıç"),
        _t("Tekstil İnşaat Makina Gıda Lojistik Ambalaj Otomotiv Mobilya Kimya Dış_Ticaret"),
        _t("İstanbul Bursa İzmir Ankara Gaziantep Kayseri Denizli"),
        _t("A.Ş. Ltd._Şti. AŞ Sanayi_ve_Ticaret_A.Ş."),
    ),
    Locale(
        "VN",
        2,
        _t("VN Vietnam Viet_Nam VIETNAM"),
        _t("Nguyễn Trần Lê Phạm Hoàng Phan Vũ Đặng Bùi Đỗ Hồ Ngô"),
        _t("Thương_Mại Xây_Dựng Sản_Xuất Dệt_May Vận_Tải Điện_Tử Thực_Phẩm Cơ_Khí"),
        _t("Hà_Nội Hải_Phòng Đà_Nẵng Bình_Dương Đồng_Nai"),
        _t("Co.,_Ltd. JSC Công_ty_TNHH Công_ty_Cổ_phần"),
    ),
    Locale(
        "IN",
        5,
        _t("IN India INDIA Bharat"),
        _t("Sharma Patel Gupta Reddy Iyer Nair Mehta Shah Agarwal Bose Chatterjee Kapoor Malhotra Joshi"),
        _t("Exports Industries Textiles Polymers Engineering Castings Pharma Agro Steel Infotech Forgings"),
        _t("Mumbai Pune Chennai Ahmedabad Surat Coimbatore Ludhiana"),
        _t("Pvt._Ltd. Private_Limited Ltd. LLP"),
    ),
    Locale(
        "CN",
        12,
        _t("CN China 中国 PRC People's_Republic_of_China CHINA"),
        _t("华强 东方 金龙 宏达 鑫源 恒通 永盛 海天 天成 瑞丰 新华 长城 盛世 中联 宝利 博远"),
        _t("电子 机械 纺织 贸易 物流 塑胶 五金 化工 建材 服装 包装 光电 精密 食品"),
        _t("深圳 东莞 宁波 苏州 义乌 佛山 青岛 厦门 温州 天津"),
        _t("有限公司 股份有限公司 有限责任公司 科技有限公司"),
        "han",
    ),
    Locale(
        "KR",
        4,
        _t("KR South_Korea Korea,_Republic_of 대한민국 Republic_of_Korea ROK"),
        _t("대성 한일 동양 세진 우진 영신 태광 삼익 대원 신흥 금호 한양"),
        _t("전자 산업 무역 건설 정밀 물산 화학 기계 섬유 식품 물류"),
        _t("서울 부산 인천 대구 울산 창원 수원"),
        _t("주식회사 (주) 유한회사"),
        "hangul",
    ),
    Locale(
        "JP",
        4,
        _t("JP Japan 日本 JAPAN"),
        _t("山田 鈴木 高橋 田中 渡辺 伊藤 中村 小林 加藤 吉田 アサヒ サクラ ミドリ ヒカリ"),
        _t("工業 商事 電機 製作所 物産 化学 精工 運輸 産業 システム"),
        _t("東京 大阪 名古屋 横浜 神戸 福岡 浜松"),
        _t("株式会社 有限会社 合同会社"),
        "japanese",
    ),
    Locale(
        "RU",
        3,
        _t("RU Russia Russian_Federation Россия РФ"),
        _t(
            "Иванов Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Волков Сибирь Восток Северсталь"
        ),
        _t("Строй Торг Металл Транс Пром Снаб Лес Энерго Логистик Техника Холдинг"),
        _t("Москва Новосибирск Екатеринбург Казань Владивосток Хабаровск"),
        _t("ООО АО ПАО ЗАО ИП"),
        "cyrillic",
    ),
    Locale(
        "AE",
        2,
        _t("AE UAE United_Arab_Emirates الإمارات Dubai"),
        _t("الفارس النور الخليج الشرق السلام الأمل الريان البحر"),
        _t("للتجارة للمقاولات للنقل للصناعات للخدمات"),
        _t("دبي الشارقة أبوظبي عجمان"),
        _t("ش.ذ.م.م ذ.م.م م.د.م.س"),
        "arabic",
    ),
    Locale(
        "GR",
        1,
        _t("GR Greece Ελλάδα Hellas"),
        _t("Παπαδόπουλος Γεωργίου Νικολάου Οικονόμου Αλεξίου Δημητρίου"),
        _t("Τεχνική Εμπορική Ναυτιλιακή Βιομηχανία Μεταφορές Κατασκευές"),
        _t("Αθήνα Θεσσαλονίκη Πάτρα Πειραιάς"),
        _t("Α.Ε. Ε.Π.Ε. Ι.Κ.Ε. Ο.Ε."),
        "greek",
    ),
    Locale(
        "ID",
        2,
        _t("ID Indonesia INDONESIA"),
        _t("Sinar Maju Jaya Abadi Sentosa Makmur Mandiri Sejahtera Cahaya Mulia Karya Bintang"),
        _t("Perkasa Utama Logistik Tekstil Plastik Elektronik Makanan Baja Kimia"),
        _t("Jakarta Surabaya Bandung Semarang Medan Batam"),
        _t("PT PT._Tbk CV"),
    ),
    Locale(
        "MX",
        2,
        _t("MX Mexico México MEXICO"),
        _t("Hernández Ramírez Flores Morales Vázquez Castillo Jiménez Ortiz Mendoza Aguilar"),
        _t("Maquiladora Industrial Autopartes Plásticos Empaques Fundición Transportes Ensambles"),
        _t("Monterrey Guadalajara Querétaro Tijuana Puebla Saltillo"),
        _t("S.A._de_C.V. S._de_R.L._de_C.V. SA_de_CV"),
    ),
)

# syllables for coined brand names (Zentrix, Novalia, Corvana ...)
SYLLABLES = _t(
    "al an ar ax be bel bra ca cor cy da del do el en ex fa fi fle ga gen gra ha hex in io ja ka kor la "
    "lex li lu ma mar mi mo na nex no nor nu ol om or pa pe pri pro qua ra rex ri ro sa sel si so ta "
    "ten tri tro ul va vel vi vo xa ya ze zen zo"
)
ENDINGS = _t("a ia ix on us um ex io is ar el en o ex tec tek ium ora ent ify ica")

ENGLISH_WORDS = _t(
    "Global International General Advanced United Pacific Atlantic Northern Southern Eastern Western "
    "Premier Prime Golden Silver Blue Green Red Star Sun Ocean Mountain River Valley Summit Pioneer "
    "Allied Integrated Precision Dynamic Modern Classic Royal National Continental Metro Central "
    "Trading Technology Technologies Logistics Engineering Services Industries Manufacturing Supply "
    "Solutions Systems Holdings Group Partners Enterprises Resources Materials Textiles Garments Foods "
    "Chemicals Plastics Metals Steel Electronics Components Machinery Tools Packaging Printing Shipping "
    "Freight Transport Construction Mining Timber Energy Power Marine Agro Pharma Medical Software Data"
)

INDUSTRIES: tuple[str, ...] = (
    "Textile manufacturing",
    "Garment sewing",
    "Freight forwarding",
    "Road haulage",
    "Software development",
    "IT services",
    "Electronic components",
    "Metal fabrication",
    "Plastic injection moulding",
    "Packaging materials",
    "Food processing",
    "Seafood processing",
    "Furniture manufacturing",
    "Chemical distribution",
    "Industrial machinery",
    "Auto parts",
    "Office supplies",
    "Cleaning services",
    "Building construction",
    "Civil engineering",
    "Timber and logging",
    "Coal mining",
    "Restaurant",
    "Catering",
    "Hotel services",
    "Printing",
    "Logistics",
    "Warehousing",
    "Marketing agency",
    "Consulting",
    "Steel products",
    "Ceramics",
    "Apparel",
    "Footwear",
    "Toys",
    "Medical devices",
    "Pharmaceuticals",
    "Agriculture",
    "Fishing",
    "Shipbuilding",
    "Electrical installation",
    "Maschinenbau",
    "Transports routiers",
    "Construcción",
    "Logística",
    "物流",
    "电子元件",
    "건설",
    "運輸",
    "Строительство",
    "",
)
NAICS: tuple[str, ...] = (
    "315210",
    "488510",
    "541511",
    "334413",
    "332312",
    "326199",
    "322220",
    "311710",
    "337121",
    "424690",
    "333249",
    "336390",
    "236220",
    "237310",
    "113310",
    "212114",
    "722511",
    "484121",
    "493110",
    "541613",
)
