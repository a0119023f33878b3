"""Demo: each of Thanh Xuân's 11 former wards points to the new ward that took its main part, as
the 2025 mapping kept in ``data/`` says (the org demo links only the wards that kept their name).

Add-only: a missing link is created, an existing one is never touched. The carry-over itself is
never run here: the demo keeps the district's records where they are, for every module to show.
"""

from __future__ import annotations

from danvan.carryover.mapping import map_for_names
from danvan.carryover.selectors import is_ward_named
from danvan.org import services
from danvan.org.models import Level, Unit, UnitKind, UnitSuccession


def load(out) -> None:
    district = Unit.objects.filter(code="tx-ubnd").first()
    reform = map_for_names([district.name]) if district else None
    if reform is None:
        return
    wards = list(Unit.objects.filter(kind=UnitKind.COMMITTEE, level=Level.COMMUNE))
    old = [u for u in wards if u.parent_id == district.pk]
    new = [u for u in wards if u.valid_from is not None and u.valid_from >= reform.effective_on]
    note = f"Theo {reform.source}"
    added = 0
    for old_name, new_name in reform.wards.items():
        predecessor = next((u for u in old if is_ward_named(u, old_name)), None)
        successor = next((u for u in new if is_ward_named(u, new_name)), None)
        if predecessor is None or successor is None:
            continue
        if UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).exists():
            continue
        services.add_succession(actor=None, predecessor=predecessor, successor=successor,
                                effective_on=reform.effective_on, note=note[:255])
        added += 1
    out.write(f"  Phường cũ → phường mới theo {reform.source.split(' ngày')[0]}: thêm {added} liên kết kế thừa "
              "(chưa chuyển hồ sơ nào: việc chuyển giao do đầu mối thực hiện).")
