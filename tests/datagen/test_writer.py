"""The bulk writer stores what the ORM would store (COPY on PostgreSQL, bulk_create on SQLite)."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.datagen.writer import Writer, new
from danvan.org import clock
from danvan.petitions import services
from danvan.petitions.models import Field, Petition, PetitionerIdentity

pytestmark = pytest.mark.django_db


def _values(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _case(make, demo_org, code: str):
    unit = demo_org["tx-thuong-dinh"]
    p = make(Petition, kind="complaint_first", field=Field.objects.get(code="dat-dai"), unit=unit,
             handling_unit=unit, channel="post", received_on=date(2026, 3, 2), subject="Khiếu nại thu hồi đất",
             content="Đề nghị xem xét lại quyết định thu hồi đất.", is_signed=True, code=code)
    services.recompute_deadlines(p)
    p.refresh_search_key()
    return p


def test_new_builds_what_the_constructor_builds(demo_org):
    fast = _case(new, demo_org, "DT26-AAAAAA")
    slow = _case(lambda model, **kw: model(**kw), demo_org, "DT26-AAAAAA")
    assert _values(fast) == _values(slow)
    assert fast.field.code == "dat-dai" and fast.handling_unit == demo_org["tx-thuong-dinh"]
    assert fast.deadlines and fast.deadlines is not new(Petition).deadlines  # no shared mutable default


def test_writer_stores_rows_with_ids_that_read_back_equal(demo_org):
    writer = Writer()
    cases = [_case(new, demo_org, f"DT26-WRIT{i:02d}") for i in range(3)]
    writer.insert(Petition, cases)
    assert all(p.pk for p in cases) and len({p.pk for p in cases}) == 3
    people = [new(PetitionerIdentity, petition_id=p.pk, full_name="Nguyễn Văn An", is_representative=True)
              for p in cases]
    writer.insert(PetitionerIdentity, people)
    for p in cases:
        stored = Petition.objects.get(pk=p.pk)
        expected = _values(p)
        got = _values(stored)
        for name in ("created_at", "updated_at"):
            assert got.pop(name) is not None
            expected.pop(name)
        assert got == expected
        assert stored.identities.get().full_name == "Nguyễn Văn An"
    # The ORM goes on from the rows the writer took: the next case gets a fresh id.
    later = services.submit_petition(
        actor=None, kind="feedback", field=Field.objects.get(code="dat-dai"), unit=demo_org["tx-thuong-dinh"],
        channel="web", received_on=clock.today(), subject="Phản ánh", content="Nội dung phản ánh.",
        petitioners=[{"full_name": "Lê Thị Hoa"}])
    assert later.petition.pk not in {p.pk for p in cases}
    assert Petition.objects.search("thu hoi dat").filter(pk=cases[0].pk).exists()
