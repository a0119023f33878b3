"""Document registry: dedup on number and year, status with replacement, outgoing numbers, pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.documents import services
from danvan.documents.models import Document, DocumentStatus


@pytest.mark.django_db
def test_register_once_and_fill_in():
    first, created = services.register_document(full_number="07-CT/TU", type_name="Chỉ thị")
    assert created and first.type_code == "CT" and first.year is None
    again, created = services.register_document(full_number="07-ct/TU", type_name="Chỉ thị", date=date(2021, 10, 1),
                                                issuer="Ban Thường vụ Thành ủy Hà Nội")
    assert not created and again.pk == first.pk
    again.refresh_from_db()
    assert again.year == 2021 and again.issuer == "Ban Thường vụ Thành ủy Hà Nội"
    other_year, created = services.register_document(full_number="07-CT/TU", date=date(2023, 1, 5))
    assert created and other_year.pk != first.pk
    law, _c = services.register_document(full_number="97/2019/QH14", type_name="Nghị quyết")
    assert law.year == 2019


@pytest.mark.django_db
def test_replaced_document_keeps_link():
    decree, _c = services.register_document(full_number="04/2015/NĐ-CP", type_name="Nghị định")
    law, _c = services.register_document(full_number="10/2022/QH15", type_name="Luật")
    with pytest.raises(ValidationError):
        services.set_status(actor=None, document=decree, status=DocumentStatus.REPLACED)
    services.set_status(actor=None, document=decree, status=DocumentStatus.REPLACED, replaced_by=law,
                        note="Luật Thực hiện dân chủ ở cơ sở")
    decree.refresh_from_db()
    assert decree.replaced_by == law and list(law.replaces.all()) == [decree]
    assert decree.history.count() == 2


def test_reserve_number_restarts_each_year_per_unit_and_type(demo_org):
    district, ward = demo_org["tx-ubnd"], demo_org["tx-thuong-dinh"]
    assert [services.reserve_number(issuer=district, type_code="BC", year=2026) for _ in range(3)] == [1, 2, 3]
    assert services.reserve_number(issuer=district, type_code="KH", year=2026) == 1
    assert services.reserve_number(issuer=ward, type_code="BC", year=2026) == 1
    assert services.reserve_number(issuer=district, type_code="BC", year=2027) == 1
    assert services.reserve_number(issuer=district, type_code="BC", year=2026) == 4


def test_registry_pages(demo_org, users, client_for, django_assert_max_num_queries):
    from danvan.plans import demo

    demo.load_plan_307()
    client = client_for(users["canbo"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("documents:document_list"))
    assert response.status_code == 200 and "07-CT/TU" in response.content.decode()
    plan_doc = Document.objects.get(number_key="307/kh-ubnd")
    cited = Document.objects.get(number_key="7-ct/tu")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("documents:document_detail", args=[cited.pk]))
    assert "307/KH-UBND" in response.content.decode()
    response = client.get(reverse("documents:document_detail", args=[plan_doc.pk]))
    assert response.content.decode().count("<li><a href=\"/van-ban/") == 10
