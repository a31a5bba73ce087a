"""Demo production locations: fictional names in real producer regions. Every name is made up from
generic words (rivers, colours, places); words that name a real firm are left out on purpose."""

from __future__ import annotations

from companies.models import ProcessingType as P

#: country -> (cities with approximate coordinates, first words, business words with their processing
#: type, legal forms, street words)
REGIONS: dict[str, dict] = {
    "BD": {
        "cities": [
            ("Dhaka", 23.81, 90.41),
            ("Gazipur", 24.00, 90.42),
            ("Narayanganj", 23.62, 90.50),
            ("Chattogram", 22.36, 91.78),
            ("Savar", 23.86, 90.27),
            ("Ashulia", 23.90, 90.32),
        ],
        "first": [
            "Padma",
            "Meghna",
            "Rupali",
            "Sonar",
            "Jamuna",
            "Karnaphuli",
            "Shapla",
            "Surma",
            "Dhaka",
            "Bengal",
            "Nodi",
            "Tara",
        ],
        "business": [
            ("Knit Composite", P.CUT_MAKE_TRIM),
            ("Apparels", P.CUT_MAKE_TRIM),
            ("Denim Mills", P.FABRIC_MILL),
            ("Sweaters", P.KNITTING),
            ("Dyeing", P.DYEING),
            ("Washing Plant", P.WASHING),
        ],
        "legal": ["Ltd.", "Limited"],
        "street": [
            "Plot {n}, BSCIC Industrial Area",
            "House {n}, Road 7",
            "Holding {n}, Dhaka-Aricha Highway",
        ],
    },
    "IN": {
        "cities": [
            ("Tiruppur", 11.11, 77.34),
            ("Bengaluru", 12.97, 77.59),
            ("Noida", 28.54, 77.39),
            ("Ludhiana", 30.90, 75.86),
            ("Chennai", 13.08, 80.27),
            ("Ahmedabad", 23.02, 72.57),
        ],
        "first": [
            "Sri Lakshmi",
            "Ganga",
            "Kaveri",
            "Shakti",
            "Surya",
            "Sahyadri",
            "Amrit",
            "Nilgiri",
            "Deccan",
            "Indus",
        ],
        "business": [
            ("Knitwear", P.KNITTING),
            ("Spinning Mills", P.SPINNING),
            ("Exports", P.CUT_MAKE_TRIM),
            ("Processors", P.DYEING),
            ("Prints", P.PRINTING),
            ("Leathers", P.TANNERY),
        ],
        "legal": ["Pvt. Ltd.", "Private Limited", "(P) Ltd"],
        "street": ["No. {n}, SIDCO Industrial Estate", "Plot {n}, Phase II", "{n} Mill Road"],
    },
    "TR": {
        "cities": [
            ("İstanbul", 41.01, 28.98),
            ("İzmir", 38.42, 27.14),
            ("Bursa", 40.19, 29.06),
            ("Denizli", 37.78, 29.09),
            ("Gaziantep", 37.07, 37.38),
            ("Kahramanmaraş", 37.58, 36.94),
        ],
        "first": ["Işık", "Yıldız", "Güneş", "Özdemir", "Ege", "Akdeniz", "Çınar", "Doğan", "Kaya", "Şahin"],  # noqa: RUF001 - Turkish letters on purpose
        "business": [
            ("Tekstil", P.CUT_MAKE_TRIM),
            ("Örme", P.KNITTING),
            ("Boya Apre", P.DYEING),
            ("İplik", P.SPINNING),
            ("Konfeksiyon", P.CUT_MAKE_TRIM),
            ("Deri", P.TANNERY),
        ],
        "legal": ["San. ve Tic. A.Ş.", "Ltd. Şti.", "Sanayi ve Ticaret A.Ş."],
        "street": ["Organize Sanayi Bölgesi {n}. Cad. No: 4", "Atatürk Mah. {n}. Sok. No: 12"],
    },
    "CN": {
        "cities": [
            ("Guangzhou", 23.13, 113.26),
            ("Shenzhen", 22.54, 114.06),
            ("Ningbo", 29.87, 121.54),
            ("Shaoxing", 30.00, 120.58),
            ("Dongguan", 23.02, 113.75),
            ("Suzhou", 31.30, 120.59),
        ],
        "first": ["华丰", "永盛", "恒达", "金鹰", "东方", "新华", "宏远", "瑞丰"],
        "business": [
            ("服装", P.CUT_MAKE_TRIM),
            ("纺织", P.FABRIC_MILL),
            ("印染", P.DYEING),
            ("针织", P.KNITTING),
        ],
        "legal": ["有限公司"],
        # Chinese company names start with their city: 广州 (Guangzhou) ...
        "city_prefix": {
            "Guangzhou": "广州",
            "Shenzhen": "深圳",
            "Ningbo": "宁波",
            "Shaoxing": "绍兴",
            "Dongguan": "东莞",
            "Suzhou": "苏州",
        },
        "street": ["工业区{n}号", "开发区路{n}号"],
    },
    "VN": {
        "cities": [
            ("Ho Chi Minh City", 10.82, 106.63),
            ("Hà Nội", 21.03, 105.85),
            ("Đà Nẵng", 16.05, 108.20),
            ("Bình Dương", 11.17, 106.67),
            ("Nam Định", 20.43, 106.18),
        ],
        "first": ["Sông Hồng", "Bình Minh", "Hòa Bình", "Sài Gòn", "Hoa Sen", "Mê Kông", "Hưng Yên"],
        "business": [
            ("Garment", P.CUT_MAKE_TRIM),
            ("Textile", P.FABRIC_MILL),
            ("Knitting", P.KNITTING),
            ("Footwear", P.CUT_MAKE_TRIM),
        ],
        "legal": ["JSC", "Co., Ltd."],
        "street": ["Lô {n}, KCN Tân Tạo", "Số {n} Đường Nguyễn Văn Linh"],
    },
    "PK": {
        "cities": [
            ("Lahore", 31.52, 74.36),
            ("Karachi", 24.86, 67.01),
            ("Faisalabad", 31.42, 73.08),
            ("Sialkot", 32.49, 74.53),
        ],
        "first": ["Indus", "Ravi", "Chenab", "Jhelum", "Margalla", "Shalimar", "Noor", "Punjab"],
        "business": [
            ("Textile Mills", P.FABRIC_MILL),
            ("Denim", P.FABRIC_MILL),
            ("Hosiery", P.KNITTING),
            ("Apparel", P.CUT_MAKE_TRIM),
            ("Tannery", P.TANNERY),
        ],
        "legal": ["(Pvt) Ltd", "Limited"],
        "street": ["{n}-KM Sheikhupura Road", "Plot {n}, Sector 7-A, Korangi Industrial Area"],
    },
    "MM": {
        "cities": [("Yangon", 16.84, 96.17), ("Bago", 17.34, 96.48), ("Mandalay", 21.96, 96.09)],
        "first": ["Shwe", "Myanmar Golden", "Hlaing Tharyar", "Ayeyarwady", "Thilawa"],
        "business": [("Garment", P.CUT_MAKE_TRIM), ("Apparel", P.CUT_MAKE_TRIM)],
        "legal": ["Co., Ltd.", "Company Limited"],
        "street": ["No. {n}, Industrial Zone 3, Hlaing Tharyar", "Plot {n}, Shwe Lin Ban Industrial Park"],
    },
    "PT": {
        "cities": [
            ("Porto", 41.15, -8.61),
            ("Guimarães", 41.44, -8.29),
            ("Barcelos", 41.53, -8.62),
            ("Braga", 41.55, -8.42),
            ("Vila Nova de Famalicão", 41.41, -8.52),
        ],
        "first": ["Malhas", "Têxteis", "Confecções", "Fiação", "Tinturaria"],
        "business": [
            ("do Minho", P.KNITTING),
            ("do Ave", P.FABRIC_MILL),
            ("Norte", P.CUT_MAKE_TRIM),
            ("São João", P.DYEING),
        ],
        "legal": ["Lda.", "S.A."],
        "street": ["Rua Industrial {n}", "Avenida da Liberdade {n}"],
    },
}

#: Gold: a few mines and refineries of the gold covenant's one member (listed only as a count).
GOLD_SITES = [
    ("Cerro Alto Mining (demo)", "Cajamarca", "PE", P.MINE),
    ("Andes Aurífera (demo)", "Arequipa", "PE", P.MINE),
    ("Kumasi Gold Fields (demo)", "Obuasi", "GH", P.MINE),
    ("Helvetia Precious Metals Refinery (demo)", "Mendrisio", "CH", P.REFINERY),
]
