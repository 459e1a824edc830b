"""The demo region's fictional schools and colleges, spread over the municipalities by weight."""

from __future__ import annotations

import random
from typing import Mapping

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.services import demo_data as data
from proforient_desktop.services.demo_model import DemoOrganisation


def _spread(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split ``total`` over the municipalities by weight, at least one each while there are enough."""
    codes = list(weights)
    if total < len(codes):
        return {code: 1 for code in codes[:total]}
    shares = {code: 1 for code in codes}
    remaining = total - len(codes)
    weight_sum = sum(weights.values())
    exact = {code: remaining * weight / weight_sum for code, weight in weights.items()}
    for code in codes:
        shares[code] += int(exact[code])
    leftover = total - sum(shares.values())
    for code in sorted(codes, key=lambda code: exact[code] - int(exact[code]), reverse=True)[:leftover]:
        shares[code] += 1
    return shares


def make_schools(rng: random.Random, total: int, weights: dict[str, float],
                 catalog: Catalog) -> list[DemoOrganisation]:
    schools = []
    number = 0
    for municipality_code, count in _spread(total, weights).items():
        is_urban = catalog.municipalities[municipality_code].kind == "urban_district"
        for _ in range(count):
            number += 1
            if is_urban:
                settlement = "city"
            elif rng.random() < data.TOWN_SCHOOL_SHARE:
                settlement = "town"
            else:
                settlement = "rural"
            size_range = {"city": data.CITY_SCHOOL_STUDENTS, "town": data.TOWN_SCHOOL_STUDENTS,
                          "rural": data.RURAL_SCHOOL_STUDENTS}[settlement]
            basic_only = settlement == "rural" and rng.random() < data.BASIC_SCHOOL_SHARE
            kind_name = "Основная школа" if basic_only else "Школа"
            schools.append(DemoOrganisation(
                code=f"demo-s{number:05d}", name=f"{kind_name} № {number} {data.DEMO_MARK}",
                kind=Role.SCHOOL.value, municipality_code=municipality_code,
                students=rng.randint(*size_range), settlement=settlement, basic_only=basic_only,
            ))
    return schools


def make_colleges(rng: random.Random, total: int, weights: dict[str, float]) -> list[DemoOrganisation]:
    # Colleges stand in the two cities and the larger districts.
    larger = dict(sorted(weights.items(), key=lambda item: item[1], reverse=True)[:8])
    colleges = []
    number = 0
    for municipality_code, count in _spread(total, larger).items():
        for _ in range(count):
            number += 1
            colleges.append(DemoOrganisation(
                code=f"demo-c{number:04d}", name=f"Колледж № {number} {data.DEMO_MARK}", kind=Role.COLLEGE.value,
                municipality_code=municipality_code, students=rng.randint(*data.COLLEGE_STUDENTS),
                settlement="city",
            ))
    return colleges


def known_weights(catalog: Catalog) -> dict[str, float]:
    # The region may have edited its directory; only catalogue municipalities are used.
    return {code: weight for code, weight in data.MUNICIPALITY_WEIGHTS.items() if code in catalog.municipalities}

