"""The bell, the list that marks read, one's own notifications only, the e-mail choice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.notifications import services
from danvan.notifications.models import EmailMode, EmailState, Kind, Notification, Preference

pytestmark = pytest.mark.django_db


def _tell(person, key="test:1", title="Bạn được giao xử lý Phản ánh DT26-AAAA"):
    return services.notify(recipients=[person], kind=Kind.ASSIGNED, key=key, title=title, url="/don-thu/")[0]


def test_bell_counts_unread_with_words_for_screen_readers(users, client_for):
    canbo = users["canbo"]
    _tell(canbo, "a")
    _tell(canbo, "b")
    page = client_for(canbo).get(reverse("home")).content.decode()
    bell = page[page.index('data-testid="bell"'):]
    bell = bell[:bell.index("</a>")]
    assert "Thông báo" in bell and ">2</span>" in bell and "chưa đọc" in bell


def test_list_marks_read_and_shows_new_once(users, client_for):
    canbo = users["canbo"]
    n = _tell(canbo)
    client = client_for(canbo)
    first = client.get(reverse("notifications:list")).content.decode()
    assert n.title in first and "Mới" in first
    n.refresh_from_db()
    assert n.read_at is not None
    second = client.get(reverse("notifications:list")).content.decode()
    assert "Mới" not in second
    home = client.get(reverse("home")).content.decode()
    bell = home[home.index('data-testid="bell"'):]
    assert "chưa đọc" not in bell[:bell.index("</a>")]


def test_open_goes_to_the_record_and_another_persons_is_404(users, client_for):
    canbo, other = users["canbo"], users["canbo2"]
    n = _tell(canbo)
    response = client_for(other).get(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == 404
    n.refresh_from_db()
    assert n.read_at is None
    assert n.title not in client_for(other).get(reverse("notifications:list")).content.decode()
    response = client_for(canbo).get(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == "/don-thu/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_mark_all_read(users, client_for):
    canbo = users["canbo"]
    _tell(canbo, "a")
    _tell(canbo, "b")
    client = client_for(canbo)
    assert client.post(reverse("notifications:mark_all_read")).status_code == 302
    assert not Notification.objects.filter(recipient=canbo, read_at__isnull=True).exists()


def test_preferences_page_saves_the_choice(users, client_for):
    canbo = users["canbo"]
    client = client_for(canbo)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Gửi một thư tổng hợp mỗi ngày" in page
    response = client.post(reverse("notifications:preferences"), {"email_mode": EmailMode.DIGEST})
    assert response.status_code == 302
    assert Preference.objects.get(staff=canbo).email_mode == EmailMode.DIGEST
    assert _tell(canbo).email_state == EmailState.DIGEST
    bad = client.post(reverse("notifications:preferences"), {"email_mode": "khong-co"})
    assert bad.status_code == 200 and "Hãy chọn một cách nhận thư điện tử" in bad.content.decode()
    assert Preference.objects.get(staff=canbo).email_mode == EmailMode.DIGEST


def test_list_runs_a_fixed_number_of_queries(users, client_for, django_assert_max_num_queries):
    canbo = users["canbo"]
    client = client_for(canbo)
    client.get(reverse("notifications:list"))
    for i in range(3):
        _tell(canbo, f"k{i}")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications:list"))
    for i in range(40):
        _tell(canbo, f"m{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:list"))
