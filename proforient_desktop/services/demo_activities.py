"""The demo region's activities, as schools, colleges and authorities would record them."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.services import demo_data as data
from proforient_desktop.services.demo_model import DemoActivity, DemoOrganisation, DemoRegion, municipality_org_code


def activities_of(catalog: Catalog, rng: random.Random, organisation: DemoOrganisation, years: tuple[int, ...],
                  per_year: int | None) -> list[DemoActivity]:
    measures = catalog.measures_for(Role(organisation.kind))
    bands = data.COLLEGE_GRADE_BANDS if organisation.kind == Role.COLLEGE.value else data.SCHOOL_GRADE_BANDS
    months = list(data.ACTIVITY_MONTH_WEIGHTS)
    month_weights = list(data.ACTIVITY_MONTH_WEIGHTS.values())
    today = dt.date.today()
    activities = []
    for year in years:
        due = [measure for measure in measures if measure.is_due_in(year)] or measures
        count = per_year if per_year is not None else min(30, 5 + organisation.students // 60)
        for _ in range(count):
            measure = rng.choice(due)
            month = rng.choices(months, month_weights)[0]
            held_on = dt.date(year, month, rng.randint(1, 28))
            if held_on > today:
                # Activities of the current year lie in the past.
                held_on = today - dt.timedelta(days=rng.randint(0, today.timetuple().tm_yday - 1))
            total = rng.randint(5, max(6, min(organisation.students, 200)))
            uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            activities.append(DemoActivity(
                uid=uid, measure_code=measure.code, held_on=held_on,
                title=f"{rng.choice(data.TITLE_STARTS.get(measure.group, data.TITLE_STARTS[2]))} "
                      f"{rng.choice(data.TITLE_TOPICS)}",
                format=rng.choice(data.ACTIVITY_FORMATS),
                participants_total=total, participants_sen=rng.randint(0, total // 12),
                grade_band=rng.choice(bands),
                partners=rng.choice(data.PARTNERS) if rng.random() < 0.5 else "",
                publication_url=f"https://example.org/demo/{organisation.code}/{uid[:8]}",
            ))
    return activities



def add_authority_activities(catalog: Catalog, rng: random.Random, region: DemoRegion,
                             per_year: int | None) -> None:
    # Municipal authorities and the region record their own activities too;
    # they are keyed by the authority's organisation code.
    authorities = [(municipality_org_code(code), code, Role.MUNICIPALITY) for code in region.municipalities()]
    authorities.append((data.REGION_CODE, "khabarovsk", Role.REGION))
    for code, municipality_code, role in authorities:
        authority = DemoOrganisation(code=code, name="", kind=role.value, municipality_code=municipality_code,
                                     students=300, settlement="city")
        region.activities[code] = activities_of(catalog, rng, authority, region.years, per_year)

