"""Fixed tables behind the demo region: sizes, shares, titles and partners.

Every name here is fictional and marked «(демо)». Population weights are
rounded estimates of the municipalities' relative size, used only to spread
the demo schools plausibly; they are not official statistics.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

DEMO_MARK = "(демо)"
REGION_CODE = "demo-region"
REGION_NAME = "Региональный оператор мониторинга (демо)"

# Relative weight of each municipality (by catalogue code) when schools and
# colleges are spread over the region.
MUNICIPALITY_WEIGHTS: Mapping[str, float] = MappingProxyType({
    "khabarovsk": 40.0,
    "komsomolsk_na_amure": 16.0,
    "khabarovsky": 7.0,
    "amursky": 4.5,
    "imeni_lazo": 3.5,
    "sovetsko_gavansky": 3.0,
    "vaninsky": 2.5,
    "komsomolsky": 2.5,
    "solnechny": 2.2,
    "nikolaevsky": 2.2,
    "verkhnebureinsky": 2.0,
    "bikinsky": 1.6,
    "vyazemsky": 1.6,
    "nanaysky": 1.4,
    "ulchsky": 1.3,
    "okhotsky": 0.6,
    "imeni_poliny_osipenko": 0.4,
    "ayano_maysky": 0.3,
    "tuguro_chumikansky": 0.3,
})

# Students per school (inclusive ranges): a city school, a school of a
# district centre, a small rural school.
CITY_SCHOOL_STUDENTS = (600, 1500)
TOWN_SCHOOL_STUDENTS = (250, 700)
RURAL_SCHOOL_STUDENTS = (30, 150)
COLLEGE_STUDENTS = (400, 2500)

# Share of rural schools that teach grades 1–9 only (основная школа).
BASIC_SCHOOL_SHARE = 0.3
# Share of a district's schools that stand in its centre (the rest are rural).
TOWN_SCHOOL_SHARE = 0.35

# Share ranges of a count relative to its whole, for counts that no
# indicator's target steers. Indicator numerators follow the year's target
# instead (see services/demo_counts.py).
SHARE_RANGES: Mapping[str, tuple[float, float]] = MappingProxyType({
    "grade9_11_students_total": (0.24, 0.30),
    "grade11_students_total": (0.45, 0.52),
    "school_graduates_total": (0.60, 0.75),
    "sen_students_total": (0.03, 0.08),
    "grade10_12_sen_students_total": (0.08, 0.20),
    "early_career_guidance_participants": (0.30, 0.70),
    "sen_career_events_participants": (0.40, 0.90),
    "enterprise_practice_participants": (0.05, 0.25),
    "college_graduates_total": (0.20, 0.28),
    "college_university_graduates_total": (1.0, 1.0),
})
DEFAULT_SHARE_RANGE = (0.10, 0.50)
COMPETITIONS_RANGE = (0, 12)

# Year-to-year drift of the number of students (a factor around 1).
STUDENTS_DRIFT = (0.96, 1.05)

# Months in which activities are held, with weights: the school year runs
# January–May and September–December; summer has camps and little else.
ACTIVITY_MONTH_WEIGHTS: Mapping[int, int] = MappingProxyType({
    1: 6, 2: 9, 3: 10, 4: 10, 5: 7, 6: 3, 7: 1, 8: 1, 9: 8, 10: 10, 11: 10, 12: 7,
})

ACTIVITY_FORMATS = ("очно", "очно", "очно", "дистанционно", "смешанный", "на предприятии", "экскурсия")
SCHOOL_GRADE_BANDS = ("1–4", "5–7", "6–9", "8–9", "9", "10–11", "8–11")
COLLEGE_GRADE_BANDS = ("1 курс", "2 курс", "1–2 курс", "3–4 курс")

# Phrases an activity title starts with, by measure group (1: organisation
# and methodology, 2: events, 3: information, 4: vocational education).
TITLE_STARTS: Mapping[int, tuple[str, ...]] = MappingProxyType({
    1: ("Методический семинар", "Совещание", "Педагогический совет", "Мастерская для классных руководителей"),
    2: ("Профориентационный урок", "Классный час", "Профессиональная проба", "Встреча с работодателем",
        "Экскурсия на предприятие", "Мастер-класс", "Профориентационная игра"),
    3: ("Публикация на сайте", "Родительское собрание", "Выпуск в школьной газете", "Информационный стенд"),
    4: ("День открытых дверей", "Профессиональная проба", "Конкурс профессионального мастерства",
        "Экскурсия в мастерские", "Встреча с выпускниками"),
})
TITLE_TOPICS = (
    "«Профессии Хабаровского края»", "«Мой выбор — моё будущее»", "«Рабочие профессии»",
    "«Инженеры будущего»", "«Профессии на Амуре»", "«Педагог — это призвание»",
    "«Медицина рядом»", "«Сфера IT»", "«Судостроение и судоремонт»", "«Лесная отрасль края»",
)

PARTNERS = (
    "ООО «Амурская верфь (демо)»", "АО «Дальневосточная энергетика (демо)»",
    "ООО «Хабаровский хлебозавод (демо)»", "КГБУЗ «Районная больница (демо)»",
    "ООО «Лесной терминал (демо)»", "ФГБОУ ВО «Дальневосточный университет (демо)»",
    "Центр занятости населения (демо)", "АО «Авиазавод (демо)»",
)
