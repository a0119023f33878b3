"""The consolidation's per-unit table: full headers, the unit column kept in view, numbers right-aligned."""

from __future__ import annotations

import re

from danvan.reporting import services


def test_consolidation_per_unit_table_has_full_headers_and_keeps_the_unit_column(client_for, request_2026, users,
                                                                               demo_org):
    submission = services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-thuong-dinh"])
    services.save_draft(actor=None, submission=submission, values={"commendation.individuals": "1234"})
    services.submit(actor=None, submission=submission)
    html = client_for(users["noivu"]).get(f"/bao-cao/{request_2026.pk}/tong-hop/").content.decode()
    region = re.search(r'<div class="dv-table-scroll" tabindex="0" role="region" aria-labelledby="per-unit-title">'
                       r'(.*?)</table></div>', html, re.S).group(1)
    assert 'class="table table-sm table-bordered small dv-table-wide"' in region and "<caption" in region
    headers = re.findall(r'<th scope="col">(.*?)</th>', region, re.S)
    labels = [re.sub(r"<[^>]+>", "", h).strip() for h in headers]
    assert labels[0] == "Đơn vị" and len(labels) > 10
    assert not any(label.endswith("...") or label.endswith("…") for label in labels)  # never cut off
    assert '<th scope="row" class="fw-normal"><a href=' in region
    assert re.search(r'<td class="dv-num">1\.234</td>', region)
