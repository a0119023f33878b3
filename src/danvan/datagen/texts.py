"""Variety in generated petition texts, so that the triage assistant has something real to learn from.

People describe the same matter in their own words: several phrasings per matter, a greeting or a
closing line, the address written out, a typo or two, and text typed on a phone without Vietnamese
diacritics. The generator draws all of this from its own random stream (``{seed}-texts``), so the
rest of the generated data (units, dates, states) is what the same seed always gave.

``PHRASINGS`` is keyed by the subject template of ``generator.SUBJECTS`` / ``DENOUNCED``: other ways
of saying the same matter, with the same placeholders.
"""

from __future__ import annotations

import random
import unicodedata

PHRASINGS: dict[str, list[tuple[str, str]]] = {
    "Đề nghị xét trợ cấp xã hội cho người cao tuổi tổ dân phố {group}": [
        ("Cụ ông hơn 80 tuổi ở tổ {group} chưa có trợ cấp",
         "Bố tôi năm nay 83 tuổi, sống một mình ở tổ dân phố {group}, làm hồ sơ trợ cấp người cao tuổi mấy tháng "
         "rồi vẫn chưa được hưởng."),
        ("Xin trợ cấp hằng tháng cho người già neo đơn",
         "Tổ {group} có cụ bà neo đơn trên 80 tuổi không ai chăm sóc, kính đề nghị phường xét trợ cấp xã hội."),
    ],
    "Chậm chi trả trợ cấp hộ nghèo tại ngõ {lane} {street}": [
        ("Hộ nghèo ngõ {lane} chưa được nhận tiền hỗ trợ",
         "Quý này các gia đình hộ nghèo ở ngõ {lane} {street} vẫn chưa được phát tiền trợ cấp, hỏi cán bộ thì "
         "bảo chờ."),
        ("Tiền trợ cấp hộ nghèo bị chậm",
         "Đã hết quý mà tiền trợ cấp hộ nghèo ở khu ngõ {lane} phố {street} chưa về, bà con rất khó khăn."),
    ],
    "Đề nghị hỗ trợ người khuyết tật đặc biệt nặng": [
        ("Con khuyết tật nặng chưa được hưởng chế độ",
         "Cháu nhà tôi bị khuyết tật đặc biệt nặng, hồ sơ nộp phường từ đầu năm mà chưa có quyết định trợ cấp."),
    ],
    "Khiếu nại đơn giá bồi thường đất ở dự án mở rộng đường {street}": [
        ("Giá đền bù đất làm đường {street} quá thấp",
         "Nhà tôi bị thu hồi đất để mở rộng đường {street}, giá đền bù đất ở thấp hơn nhiều so với giá mua bán "
         "thực tế, đề nghị tính lại."),
        ("Không đồng ý mức bồi thường khi mở đường {street}",
         "Các hộ dọc đường {street} không đồng ý với phương án bồi thường, hỗ trợ của dự án mở rộng đường vì đơn "
         "giá đất quá thấp."),
    ],
    "Đề nghị bố trí tái định cư tại chỗ cho các hộ ngõ {lane} {street}": [
        ("Xin được tái định cư ngay tại phường",
         "Nhà ở ngõ {lane} {street} bị thu hồi hết đất, gia đình xin được bố trí căn hộ tái định cư tại chỗ để "
         "con cái còn đi học gần."),
    ],
    "Chưa nhận tiền hỗ trợ di chuyển mồ mả, tài sản trên đất": [
        ("Bàn giao mặt bằng rồi mà chưa được trả tiền hỗ trợ",
         "Gia đình đã giao mặt bằng cho dự án đúng hẹn nhưng đến nay vẫn chưa được chi tiền hỗ trợ di chuyển "
         "tài sản."),
    ],
    "Ổ dịch sốt xuất huyết tại tổ dân phố {group}": [
        ("Nhiều người bị sốt xuất huyết ở tổ {group}",
         "Tổ {group} tuần này đã có mấy người nhập viện vì sốt xuất huyết, muỗi rất nhiều, đề nghị phường cho "
         "phun thuốc."),
        ("Đề nghị phun thuốc diệt muỗi tổ dân phố {group}",
         "Khu dân cư tổ {group} xuất hiện ổ dịch sốt xuất huyết, nhiều vũng nước đọng có bọ gậy chưa được xử lý."),
    ],
    "Đề nghị tiêm vắc xin cho trẻ tại trạm y tế phường": [
        ("Trạm y tế hết vắc xin tiêm cho trẻ",
         "Đưa cháu đi tiêm chủng mấy lần đều bị báo hết vắc xin, đề nghị trạm y tế thông báo lịch tiêm rõ ràng."),
    ],
    "Tố cáo việc xây dựng trái phép trên đất nông nghiệp gần đường {street}": [
        ("Xây nhà trái phép trên đất ruộng gần {street}",
         "Gần đường {street} có mấy hộ đang xây nhà kiên cố trên đất nông nghiệp, báo nhiều lần vẫn không thấy "
         "ai xử lý."),
    ],
    "Khiếu nại việc chậm cấp giấy chứng nhận quyền sử dụng đất": [
        ("Làm sổ đỏ quá hạn chưa có",
         "Tôi nộp hồ sơ xin cấp sổ đỏ cho mảnh đất của gia đình đã quá hạn trả kết quả nhiều tháng mà chưa "
         "được cấp."),
        ("Chậm cấp sổ đỏ cho gia đình",
         "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của gia đình bị trả đi trả lại, đến nay vẫn chưa có sổ."),
    ],
    "Tranh chấp ranh giới đất giữa các hộ ngõ {lane} {street}": [
        ("Hàng xóm xây lấn sang đất nhà tôi ở ngõ {lane} {street}",
         "Nhà bên cạnh ở ngõ {lane} {street} xây tường lấn sang phần đất nhà tôi khoảng nửa mét, đề nghị phường "
         "xuống đo đạc, phân định mốc giới."),
        ("Mâu thuẫn mốc giới đất ngõ {lane}",
         "Hai gia đình ở ngõ {lane} phố {street} không thống nhất được ranh giới thửa đất, xin phường tổ chức "
         "hòa giải."),
    ],
    "Rác thải tồn đọng tại đầu ngõ {lane} {street}": [
        ("Đầu ngõ {lane} {street} rác chất thành đống",
         "Mấy hôm nay không có xe thu gom, rác ở đầu ngõ {lane} {street} chất đống, ruồi nhặng, mùi hôi thối."),
        ("Không ai thu gom rác ở ngõ {lane}",
         "Rác sinh hoạt ở ngõ {lane} phố {street} để mấy ngày không ai dọn, bốc mùi khó chịu, đề nghị công ty "
         "môi trường thu gom."),
    ],
    "Xưởng sản xuất gây ô nhiễm tiếng ồn, khói bụi trong khu dân cư": [
        ("Xưởng gia công chạy máy cả đêm ở tổ {group}",
         "Xưởng trong ngõ tổ {group} chạy máy suốt đêm, vừa ồn vừa bụi, người già trẻ nhỏ không ngủ được."),
    ],
    "Cống thoát nước bị tắc gây ngập phố {street}": [
        ("Mưa là ngập phố {street} vì cống tắc",
         "Cứ mưa là phố {street} ngập nửa bánh xe vì cống thoát nước bị tắc lâu ngày, đề nghị nạo vét."),
        ("Đề nghị nạo vét cống phố {street}",
         "Đoạn cống thoát nước trên phố {street} đầy bùn đất, nước không thoát được, nhà dân bị nước tràn vào."),
    ],
    "Lấn chiếm vỉa hè kinh doanh trên phố {street}": [
        ("Vỉa hè phố {street} bị chiếm làm chỗ bán hàng",
         "Các quán trên phố {street} bày bàn ghế, hàng hóa kín vỉa hè, người đi bộ phải đi dưới lòng đường rất "
         "nguy hiểm."),
        ("Hàng quán chiếm hết vỉa hè {street}",
         "Đề nghị ra quân xử lý việc buôn bán lấn chiếm vỉa hè trên phố {street}, không còn lối cho người đi bộ."),
    ],
    "Quán karaoke gây ồn sau 23 giờ tại ngõ {lane} {street}": [
        ("Hát karaoke đến nửa đêm ở ngõ {lane} {street}",
         "Quán hát ở ngõ {lane} {street} mở loa rất to đến 12 giờ đêm, gia đình có người già và trẻ nhỏ không "
         "ngủ được."),
        ("Tiếng ồn karaoke ngõ {lane} làm mất ngủ",
         "Đêm nào quán karaoke trong ngõ {lane} phố {street} cũng hát quá giờ, bà con đã nhắc nhưng không được, "
         "đề nghị kiểm tra xử lý."),
    ],
    "Xây dựng sai phép tại số {lane} {street}": [
        ("Nhà số {lane} {street} xây vượt tầng",
         "Công trình nhà ở tại số {lane} phố {street} được phép xây 5 tầng nhưng đang đổ trần tầng 7, đề nghị "
         "đình chỉ."),
    ],
    "Xe ô tô đỗ tràn lòng đường ngõ {lane} {street}": [
        ("Ô tô đỗ kín ngõ {lane}, xe cứu hỏa không vào được",
         "Ngõ {lane} phố {street} tối nào cũng có ô tô đỗ hai bên, lối đi chỉ còn một chút, nếu có cháy thì "
         "không xe nào vào được."),
    ],
    "Trả kết quả hồ sơ hộ tịch chậm so với giấy hẹn": [
        ("Làm trích lục khai sinh quá hẹn",
         "Tôi nộp hồ sơ trích lục khai sinh, giấy hẹn 3 ngày, đến nay hơn một tuần vẫn chưa có kết quả."),
    ],
    "Cán bộ một cửa yêu cầu bổ sung giấy tờ ngoài quy định": [
        ("Bộ phận một cửa đòi thêm giấy tờ không có trong quy định",
         "Khi nộp hồ sơ, cán bộ bộ phận một cửa bắt nộp thêm giấy xác nhận không có trong thành phần hồ sơ đã "
         "niêm yết."),
    ],
    "Đề nghị hướng dẫn nộp hồ sơ trực tuyến": [
        ("Người già không biết làm dịch vụ công trên mạng",
         "Bố mẹ tôi đã lớn tuổi, không biết thao tác nộp hồ sơ trên Cổng dịch vụ công, xin phường cử người "
         "hướng dẫn."),
    ],
    "Đề nghị lắp đèn chiếu sáng ngõ {lane} {street}": [
        ("Ngõ {lane} {street} tối om, không có đèn",
         "Buổi tối ngõ {lane} phố {street} tối om vì không có đèn đường, đã có người bị giật túi, đề nghị lắp "
         "đèn chiếu sáng."),
        ("Xin lắp đèn đường cho ngõ {lane}",
         "Đề nghị phường lắp đèn chiếu sáng công cộng trong ngõ {lane} {street}, đi lại ban đêm rất nguy hiểm."),
    ],
    "Đề nghị sửa chữa nhà văn hóa tổ dân phố {group}": [
        ("Nhà văn hóa tổ {group} dột nát",
         "Mái nhà văn hóa tổ dân phố {group} bị dột, tường nứt, mỗi lần họp tổ mưa là phải nghỉ."),
    ],
    "Phản ánh thái độ của cán bộ khi tiếp công dân": [
        ("Cán bộ tiếp dân thiếu tôn trọng người dân",
         "Khi đến phường hỏi thủ tục, cán bộ trả lời cộc lốc, không hướng dẫn, còn to tiếng với người dân."),
    ],
    "Tố cáo cán bộ địa chính nhận tiền để xác nhận nguồn gốc đất": [
        ("Cán bộ địa chính ăn tiền xác nhận đất",
         "Có việc cán bộ địa chính phường nhận tiền của một số hộ ở tổ {group} để ký xác nhận nguồn gốc đất "
         "không đúng thực tế."),
    ],
    "Tố cáo cán bộ phường làm sai lệch danh sách hộ nghèo": [
        ("Danh sách hộ nghèo có người không đủ điều kiện",
         "Nhiều hộ khá giả vẫn có tên trong danh sách hộ nghèo của phường, cán bộ phụ trách đã làm sai danh sách."),
    ],
    "Tố cáo việc thu tiền ngoài quy định khi làm thủ tục hành chính": [
        ("Bị thu thêm tiền khi chứng thực giấy tờ",
         "Đi chứng thực bản sao ở bộ phận một cửa bị thu thêm tiền ngoài lệ phí mà không có biên lai."),
    ],
}

OPENERS = ["Kính gửi Ủy ban nhân dân phường. ", "Tôi xin phản ánh: ", "Kính thưa lãnh đạo phường, ",
           "Thay mặt các hộ dân, tôi trình bày: ", "Xin chào, ", "Gia đình tôi xin trình bày việc sau. "]
CLOSERS = [" Rất mong được giải quyết sớm.", " Xin cảm ơn.", " Đề nghị các cơ quan chức năng vào cuộc.",
           " Việc này đã kéo dài nhiều tháng.", " Bà con rất bức xúc."]
ADDRESS_FORMS = [" Địa chỉ: ngõ {lane} phố {street}.", " (khu vực ngõ {lane} {street})", " Gần số {lane} {street}."]


def without_marks(text: str) -> str:
    """Text as typed on a phone without a Vietnamese keyboard: no tone marks, đ as d, case kept."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", plain.replace("đ", "d").replace("Đ", "D"))


def with_typos(text: str, rng: random.Random, count: int = 2) -> str:
    """A letter doubled, dropped or two letters swapped in a few words, as hurried typing does."""
    words = text.split(" ")
    for _i in range(count):
        candidates = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()]
        if not candidates:
            break
        i = rng.choice(candidates)
        w, j = words[i], rng.randrange(1, len(words[i]) - 1)
        op = rng.randrange(3)
        words[i] = w[:j] + w[j] + w[j:] if op == 0 else w[:j] + w[j + 1:] if op == 1 else \
            w[:j - 1] + w[j] + w[j - 1] + w[j + 1:]
    return " ".join(words)


def phrasings(subject: str, content: str) -> list[tuple[str, str]]:
    """The ways of telling the matter of a template: the template itself, then its ``PHRASINGS``."""
    return [(subject, content), *PHRASINGS.get(subject, [])]


def vary(subject: str, content: str, values: dict[str, object], rng: random.Random, *,
         phrasing: int | None = None) -> tuple[str, str]:
    """One person's way of writing a matter (templates filled with the matter's own ``values``).

    ``phrasing`` picks one of :func:`phrasings` (the benchmark holds some out of training to see how
    the assistant does on wordings it never saw); by default one is drawn at random.
    """
    options = phrasings(subject, content)
    subject, content = rng.choice(options) if phrasing is None else options[phrasing]
    subject, content = subject.format(**values), content.format(**values)
    if rng.random() < 0.4:
        content = rng.choice(OPENERS) + content[:1].lower() + content[1:]
    if rng.random() < 0.3:
        content += rng.choice(CLOSERS)
    if rng.random() < 0.3 and str(values.get("lane")) not in content:
        content += rng.choice(ADDRESS_FORMS).format(**values)
    if rng.random() < 0.15:
        content = with_typos(content, rng, rng.randint(1, 3))
    if rng.random() < 0.2:
        subject, content = without_marks(subject), without_marks(content)
    return subject, content
