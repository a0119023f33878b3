"""Fixtures of survey tests: a Thượng Đình survey of closed cases with a conditional question."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.surveys import services
from danvan.surveys.models import QuestionKind, SurveyStatus, Target

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ward(demo_org):
    return demo_org["tx-thuong-dinh"]


@pytest.fixture
def draft(ward, users):
    survey = services.create_survey(actor=users["canbo"], unit=ward, title="Khảo sát hài lòng năm 2026",
                                    target=Target.CASES, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    q = {}
    q["access"] = services.add_question(actor=users["canbo"], survey=survey, kind=QuestionKind.SCALE,
                                       aspect="access", text="Liên hệ với phường có thuận tiện không?")
    q["staff"] = services.add_question(actor=users["canbo"], survey=survey, kind=QuestionKind.SCALE,
                                      aspect="civil_servants", text="Cán bộ có lịch sự, tôn trọng không?")
    q["result"] = services.add_question(actor=users["canbo"], survey=survey, kind=QuestionKind.SINGLE,
                                       aspect="results", text="Kết quả có đáp ứng yêu cầu không?",
                                       options="Đáp ứng đầy đủ\nMột phần\nKhông đáp ứng",
                                       satisfied_options="Đáp ứng đầy đủ")
    q["why"] = services.add_question(actor=users["canbo"], survey=survey, kind=QuestionKind.MULTIPLE,
                                    text="Điều gì chưa đáp ứng?", options="Thời gian\nThái độ\nNội dung trả lời",
                                    condition_question=q["result"], condition_values="Một phần\nKhông đáp ứng")
    q["comment"] = services.add_question(actor=users["canbo"], survey=survey, kind=QuestionKind.TEXT,
                                        text="Góp ý của bạn", required=False)
    survey.q = q
    return survey


@pytest.fixture
def survey(draft, users):
    opened = services.set_status(actor=users["canbo"], survey=draft, version=draft.version,
                                 status=SurveyStatus.OPEN)
    opened.q = draft.q
    return opened
