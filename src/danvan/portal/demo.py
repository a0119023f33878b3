"""Demo portal: news items by the district's Culture and Information office, disclosure items of the
district and of Thượng Đình ward (plans, budgets, results), and a few closed cases' answers published.

Add-only: everything is written only on the first run, recognised by the first news item's title;
a later run changes nothing, whatever officers did meanwhile (withdrew an answer, edited a news item).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError

from danvan.org import clock
from danvan.org.models import Staff, Unit
from danvan.petitions import services as petitions
from danvan.petitions.models import Kind, Petition, Status
from danvan.portal import services
from danvan.portal.models import News

NEWS = [
    ("Thanh Xuân ra quân tổng vệ sinh môi trường, phòng chống sốt xuất huyết",
     "Các phường đồng loạt ra quân thu gom rác thải, phát quang bụi rậm, loại bỏ dụng cụ chứa nước đọng.",
     "Sáng Chủ nhật, hàng nghìn đoàn viên, hội viên và người dân các tổ dân phố đã tham gia tổng vệ sinh môi "
     "trường. Ủy ban nhân dân đề nghị các hộ gia đình thường xuyên kiểm tra, loại bỏ nơi muỗi sinh sản và báo ngay "
     "cho trạm y tế khi có người sốt cao.", 12),
    ("Lịch tiếp công dân định kỳ của lãnh đạo ủy ban",
     "Lãnh đạo ủy ban tiếp công dân định kỳ tại Trụ sở tiếp công dân theo lịch niêm yết.",
     "Người dân có khiếu nại, tố cáo, kiến nghị, phản ánh có thể đến trực tiếp trong giờ hành chính hoặc gửi phản "
     "ánh, kiến nghị trực tuyến trên cổng thông tin này, không cần tài khoản.", 6),
    ("Hướng dẫn gửi phản ánh, kiến nghị trực tuyến",
     "Gửi phản ánh trên điện thoại, nhận mã hồ sơ để theo dõi kết quả.",
     "Bấm “Gửi phản ánh, kiến nghị”, chọn lĩnh vực và phường, mô tả sự việc, có thể kèm ảnh. Sau khi gửi, hãy ghi "
     "lại mã hồ sơ và mã bí mật để tra cứu kết quả xử lý.", 2),
]

DISCLOSURES = [
    # committee code, category, title, days before today it was posted, days posted, place
    ("tx-ubnd", "plan", "Kế hoạch công tác dân vận chính quyền năm 2026", 20, 30, "Trụ sở UBND, cổng thông tin"),
    ("tx-ubnd", "budget", "Dự toán thu, chi ngân sách năm 2026 đã được Hội đồng nhân dân quyết định", 10, 30,
     "Trụ sở UBND"),
    ("tx-ubnd", "result", "Kết quả giải quyết khiếu nại, kiến nghị của công dân quý III năm 2026", 45, 30,
     "Trụ sở tiếp công dân"),
    ("tx-thuong-dinh", "project", "Dự án cải tạo, chỉnh trang ngõ 56 Thượng Đình: phương án và mức đóng góp", 5, 60,
     "Nhà văn hóa tổ dân phố số 3"),
    ("tx-thuong-dinh", "land", "Kế hoạch sử dụng đất năm 2026 của phường", 3, 90, "Trụ sở UBND phường"),
    ("hn-thanh-xuan", "procedure", "Danh mục thủ tục hành chính tiếp nhận tại Trung tâm phục vụ hành chính công phường",
     7, 365, "Trung tâm phục vụ hành chính công phường Thanh Xuân"),
]


def load(out) -> None:
    if News.objects.filter(title=NEWS[0][0]).exists():
        out.write("Cổng thông tin mẫu: đã có.\n")
        return
    units = {u.code: u for u in Unit.objects.filter(code__in={"tx-ubnd", "tx-vhtt", "tx-thuong-dinh", "hn-thanh-xuan"})}
    admin = Staff.objects.filter(username="admin").first()
    writer = Staff.objects.filter(unit__code="tx-vhtt", is_active=True).first() or admin
    if "tx-ubnd" not in units or writer is None or admin is None:
        return
    today = clock.today()
    for title, summary, body, ago in NEWS:
        services.create_news(actor=writer, committee=units["tx-ubnd"], title=title, summary=summary, body=body,
                             publish_on=today - timedelta(days=ago))
    for code, category, title, ago, days, place in DISCLOSURES:
        if code in units:
            services.create_disclosure(actor=admin, committee=units[code], category=category, title=title,
                                       decided_on=today - timedelta(days=ago + 3),
                                       posted_on=today - timedelta(days=ago), posted_days=days, place=place)
    published = 0
    closed = Petition.objects.filter(status=Status.CLOSED, kind__in=[Kind.FEEDBACK, Kind.RECOMMENDATION],
                                     published_on__isnull=True).exclude(answer="").order_by("pk")
    for p in closed[:4]:
        try:
            petitions.publish_answer(actor=admin, petition=p, title=p.subject)
        except ValidationError:
            continue
        published += 1
    out.write(f"Cổng thông tin mẫu: {len(NEWS)} tin, {len(DISCLOSURES)} nội dung công khai, "
              f"{published} câu trả lời công bố.\n")
