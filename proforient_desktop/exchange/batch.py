"""The preview of several packages imported together, in the order the import takes them.

Each package is planned against the database as it is, but the import
writes them one after another, so a second package of the same organisation
meets the first one already imported. The preview shows the operator that
outcome instead of the one each file would have alone.
"""

from __future__ import annotations

from proforient_desktop.exchange.plans import Outcome, PackagePlan, SequenceReused, unknown_key_note

WRITING_OUTCOMES = (Outcome.NEW, Outcome.REPLACES)


def plan_batch(plans: list[PackagePlan]) -> list[PackagePlan]:
    """Return ``plans`` with each package's outcome after the earlier packages of the batch are imported."""
    imported: dict[str, PackagePlan] = {}
    result = []
    for plan in plans:
        earlier = imported.get(plan.sender.code) if plan.sender is not None else None
        if earlier is not None and plan.outcome in WRITING_OUTCOMES + (Outcome.ALREADY_IMPORTED, Outcome.OLDER):
            plan = _after(earlier, plan)
        if plan.outcome in WRITING_OUTCOMES:
            imported[plan.sender.code] = plan
        result.append(plan)
    return result


def _after(earlier: PackagePlan, plan: PackagePlan) -> PackagePlan:
    """Plan ``plan`` as if ``earlier``, a package of the same organisation, were already imported."""
    sequence = plan.sequence
    if sequence > earlier.sequence:
        message = f"пакет № {sequence} заменит пакет № {earlier.sequence} из этой же загрузки («{earlier.file_name}»)"
        if plan.key_unknown:
            message += "; " + unknown_key_note(plan.fingerprint)
        return PackagePlan(plan.file_name, Outcome.REPLACES, message, plan.package, sequence, earlier.sequence,
                           plan.key_unknown, plan.vouched_key_action, plan.nested, plan.organisation)
    if sequence < earlier.sequence:
        return PackagePlan(plan.file_name, Outcome.OLDER,
                           f"более старый пакет № {sequence}: в этой же загрузке есть пакет № {earlier.sequence} "
                           f"(«{earlier.file_name}»), не загружается",
                           plan.package, sequence, earlier.sequence, organisation=plan.organisation)
    if plan.package.sha256 == earlier.package.sha256:
        return PackagePlan(plan.file_name, Outcome.ALREADY_IMPORTED,
                           f"тот же пакет № {sequence}, что и «{earlier.file_name}» в этой же загрузке: "
                           "загружается один раз",
                           plan.package, sequence, sequence, organisation=plan.organisation)
    error = SequenceReused(sequence, plan.sender.name)
    return PackagePlan(plan.file_name, Outcome.REJECTED, error.for_file(plan.file_name), plan.package,
                       sequence, sequence, organisation=plan.organisation)
