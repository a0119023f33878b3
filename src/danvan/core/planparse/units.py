"""Who must do what: the lead (chủ trì) and coordinating (phối hợp) units a paragraph or a cell names."""

from __future__ import annotations

import re

from danvan.core.references import modern_tones

_VERBS = (
    "tăng cường", "chủ trì", "phối hợp", "xây dựng", "căn cứ", "triển khai", "tổ chức", "thực hiện",
    "báo cáo", "tham mưu", "hướng dẫn", "theo dõi", "kiểm tra", "đôn đốc", "chỉ đạo", "có trách nhiệm",
    "chịu trách nhiệm", "rà soát", "tuyên truyền", "đẩy mạnh", "nghiên cứu", "bố trí", "đảm bảo",
    "bảo đảm", "duy trì", "tiếp tục", "đề xuất", "quán triệt", "phổ biến", "lựa chọn", "thường xuyên",
    "kịp thời", "định kỳ", "cung cấp", "tập trung", "giải quyết", "tiếp nhận", "nâng cao", "ban hành",
    "cập nhật", "chủ động", "là cơ quan", "làm đầu mối", "là đầu mối", "thống kê", "tổng hợp", "lập",
    "phân công", "vận động", "giám sát", "hoàn thành", "gửi", "đăng tải", "biểu dương", "khen thưởng",
    "phát động", "xử lý", "quản lý", "đề nghị", "cử", "nắm", "chuẩn bị", "thẩm định", "trình",
    "phát huy", "quan tâm", "ưu tiên", "tích cực", "theo chức năng", "trong phạm vi", "căn cứ vào",
    "bám sát", "dự toán", "tổ chức thực hiện", "có nhiệm vụ", "có kế hoạch", "là", "được", "cần",
    "phải", "sẽ", "tiếp công dân", "đối thoại", "thông báo", "rà soát", "giúp",
)
_VERB_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, _VERBS), key=len, reverse=True)) + r")(?!\w)"
)
_UNIT_HEADS = (
    "phòng", "văn phòng", "ban", "sở", "ubnd", "ủy ban", "uỷ ban", "công an", "trung tâm", "đảng ủy",
    "mttq", "ủy ban mttq", "mặt trận", "hội", "đoàn", "quận đoàn", "trường", "chi cục", "kho bạc",
    "bảo hiểm", "đội", "liên đoàn", "bộ", "cục", "thanh tra", "viện", "bệnh viện", "các", "trạm",
    "chủ tịch", "trưởng", "thủ trưởng", "người đứng đầu", "giám đốc", "chánh", "lãnh đạo", "ban chỉ huy",
    "hđnd", "thường trực", "tổ", "quân sự", "chi nhánh", "hạt", "đài", "ubmttq", "phường", "xã", "quận",
    "huyện", "thị trấn",
)
_HEAD_TITLES = re.compile(
    r"^(?:Chủ\s+tịch\s+(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+|Chủ\s+tịch\s+|Thủ\s+trưởng\s+|"
    r"Người\s+đứng\s+đầu\s+|Trưởng\s+|Giám\s+đốc\s+|Lãnh\s+đạo\s+|Chánh\s+(?=Văn\s+phòng|Thanh\s+tra)|"
    r"Chỉ\s+huy\s+trưởng\s+)",
    re.I,
)
_GENERIC = re.compile(
    r"^(?:các|những)?\s*(?:cơ\s+quan|đơn\s+vị|tổ\s+chức|ngành|cá\s+nhân|bộ\s+phận)(?:\s*,\s*(?:cơ\s+quan|"
    r"đơn\s+vị|tổ\s+chức|ngành|cá\s+nhân))*(?:\s+(?:có\s+)?liên\s+quan|\s+khác)?$",
    re.I,
)
_GENERIC_TAIL = re.compile(
    r"\s*(?:,|và)\s*(?:các|những)\s+(?:cơ\s+quan|đơn\s+vị|tổ\s+chức|ngành)(?:\s*,\s*(?:cơ\s+quan|đơn\s+vị|tổ\s+chức|ngành))*"
    r"\s+(?:có\s+)?liên\s+quan\s*$",
    re.I,
)
_TRAILING_QUALIFIER = re.compile(
    r"\s+(?:trực\s+)?thuộc\s+(?:quận|phường|huyện|xã|thị\s+xã|thành\s+phố|UBND\s+\w+|Ủy\s+ban.*)$", re.I
)


_NOT_UNITS = (
    "tổ chức", "ban hành", "đội ngũ", "hội nghị", "hội thảo", "đoàn kết", "bộ máy", "trường hợp", "sở hữu",
    "cục bộ", "hội viên", "đoàn viên", "trưởng thành",
)
_PLURAL_UNITS = (
    "phòng", "ban", "đơn vị", "phường", "xã", "thị trấn", "cơ quan", "ngành", "tổ chức", "đoàn thể",
    "trường", "hội", "sở", "trung tâm", "tổ dân phố", "chi bộ", "đảng ủy", "ủy ban", "uỷ ban", "ubnd",
    "cấp", "doanh nghiệp", "thôn", "khu dân cư", "quận", "huyện",
)


def _starts_with_unit(text: str) -> bool:
    """Whether ``text`` opens with a unit's name (or its head's title), not a verb or a thing."""
    key = _HEAD_TITLES.sub("", text.strip()).lower() if not text.lower().startswith("giao") else text.lower()
    key = re.sub(r"^(?:giao\s+cho|giao|đề\s+nghị)\s+", "", key)
    if any(key == word or key.startswith(word + " ") for word in _NOT_UNITS):
        return False
    plural = re.match(r"^(?:các|những|\d+)\s+(?P<rest>.*)$", key)
    if plural:
        rest = plural.group("rest")
        return any(rest == word or rest.startswith((word + " ", word + ",")) for word in _PLURAL_UNITS)
    return any(key == head or key.startswith(head + " ") for head in _UNIT_HEADS if head != "các")


def _split_units(phrase: str) -> list[str]:
    phrase = _GENERIC_TAIL.sub("", phrase)
    units: list[str] = []
    for chunk in re.split(r";", phrase):
        parts = [piece.strip() for part in chunk.split(",") for piece in _split_and(part)]
        merged: list[str] = []
        for part in parts:
            if not part:
                continue
            lower_only = not any(word[:1].isupper() for word in part.split())
            if merged and (
                (lower_only and not part.lower().startswith("các ") and "các" in merged[-1].lower().split())
                or not _starts_with_unit(_HEAD_TITLES.sub("", part))
            ):
                merged[-1] = f"{merged[-1]}, {part}"
            else:
                merged.append(part)
        units.extend(merged)
    cleaned = []
    for unit in units:
        unit = unit.strip()
        headless = _HEAD_TITLES.sub("", unit).strip()
        if re.fullmatch(r"(?:phường|xã|quận|huyện|thị\s+xã|thị\s+trấn|thành\s+phố|tỉnh)", headless, re.I):
            headless = re.sub(r"^Chủ\s+tịch\s+", "", unit, flags=re.I)  # "Chủ tịch UBND phường"
        unit = headless
        unit = re.sub(r"^(?:cho|giao|đề\s+nghị)\s+", "", unit, flags=re.I)
        unit = _TRAILING_QUALIFIER.sub("", unit).strip(" ,.;:")
        if not unit or _GENERIC.match(unit) or "liên quan" in unit.lower():
            continue
        if unit.startswith(("Các ", "Những ")):
            unit = unit[0].lower() + unit[1:]
        elif unit[0].islower() and not unit.startswith(("các ", "những ")):
            unit = unit[0].upper() + unit[1:]
        cleaned.append(modern_tones(unit))
    return cleaned


def _split_and(part: str) -> list[str]:
    """"Ủy ban MTTQ phường và các tổ chức chính trị - xã hội" is two units; "Văn phòng HĐND và UBND
    phường" and "Phòng Văn hóa và Thông tin" are one. "và" separates units when a group follows
    ("và các ...") or when the unit before it ends with its locality ("Công an phường và Ban ...")."""
    pieces = [part]
    while True:
        last = pieces[-1]
        for match in re.finditer(r"\s+và\s+", last):
            before, after = last[: match.start()], last[match.end() :]
            plural = re.match(r"(?:các|những)\s", after, re.I) and _starts_with_unit(after)
            local = re.search(rf"(?<!\w){_LOCALITY}$", before, re.I) and after[:1].isupper() and _starts_with_unit(
                after)
            if plural or local:
                pieces[-1:] = [before, after]
                break
        else:
            return pieces


_LOCALITY = r"(?:phường|xã|quận|huyện|thị\s+xã|thị\s+trấn|thành\s+phố|tỉnh)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*"
# "tổ chức" is a verb ("tổ chức hội nghị") except in names of organisations.
_NOUN_TO_CHUC = re.compile(r"(?:các|những)\s+$", re.I)
_NOUN_TO_CHUC_AFTER = re.compile(r"\s+(?:chính\s+trị|xã\s+hội|đoàn\s+thể|thành\s+viên|tôn\s+giáo)", re.I)


def _before_verb(text: str) -> tuple[str, str]:
    for match in _VERB_RE.finditer(text):
        if match.group(0).lower() == "tổ chức" and (
            _NOUN_TO_CHUC.search(text[: match.start()]) or _NOUN_TO_CHUC_AFTER.match(text, match.end())
        ):
            continue
        return text[: match.start()].strip(), text[match.start() :]
    return text, ""


def assignments_in(text: str) -> list[tuple[str, str]]:
    """(unit_text, role) pairs a paragraph states, in order."""
    found: list[tuple[str, str]] = []
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])|\n", text)
    for sentence in sentences:
        # After ";" a clause may start with its own subject ("...; Phòng Tài chính bố trí ..."),
        # but "Trưởng các phòng, ban; Chủ tịch UBND 11 phường; ... xây dựng" is one subject list.
        clauses: list[str] = []
        for piece in sentence.split(";"):
            stripped = piece.strip()
            if _LABELLED.match(stripped):
                clauses.append(piece)
                continue
            if clauses and not (
                stripped[:1].isupper() and _starts_with_unit(stripped) and _verb_follows(clauses[-1])
            ):
                clauses[-1] = f"{clauses[-1]};{piece}"
            else:
                clauses.append(piece)
        for clause in clauses:
            found.extend(_clause_assignments(clause.strip()))
    return found


def _verb_follows(clause: str) -> bool:
    head, rest = _before_verb(clause)
    return bool(rest) and bool(head)


_LABELLED = re.compile(
    r"^(?:(?:Đơn\s+vị|Cơ\s+quan|Bộ\s+phận)\s+)?(?P<role>chủ\s+trì|phối\s+hợp)(?:\s+thực\s+hiện)?\s*:\s*"
    r"(?P<units>\S.*)$",
    re.I,
)
_WITH_SUPPORT = re.compile(r"(?:,\s*)?với\s+sự\s+phối\s+hợp\s+(?:của\s+)?(?P<rest>.+)$", re.I)


def _clause_assignments(clause: str) -> list[tuple[str, str]]:
    """The units one clause names and their roles.

    - "Đơn vị phối hợp: A, B." / "Chủ trì: C." — units listed under a role;
    - "C chủ trì, phối hợp (với) A, B tổ chức …" — C leads, A and B coordinate;
    - "C phối hợp với A tổ chức …" — C leads the work it does together with A;
    - "A và B phối hợp tuyên truyền …" — A and B coordinate (nobody named leads);
    - "C tổ chức …, với sự phối hợp của A" — C leads, A coordinates.
    """
    labelled = _LABELLED.match(clause)
    if labelled:
        role = "lead" if labelled.group("role").lower().startswith("chủ") else "coordinate"
        return [(unit, role) for unit in _split_units(labelled.group("units").rstrip(" ."))]
    opening = re.match(r"^Phối\s+hợp\s+(?:chặt\s+chẽ\s+)?với\s+(?P<rest>.+)$", clause)
    if opening:  # "Phối hợp với Công an phường bảo đảm an ninh …": the issuer's own work, with partners
        after = opening.group("rest")
        if _starts_with_unit(after):
            return [(unit, "coordinate") for unit in _split_units(_before_verb(after)[0])]
        return []
    found: list[tuple[str, str]] = []
    giao = re.match(r"^(?:Giao|Giao\s+cho|Đề\s+nghị|Yêu\s+cầu)\s+(?P<rest>.+)$", clause, re.I)
    if giao:
        body = giao.group("rest")
    elif _starts_with_unit(clause) and clause[:1].isupper():
        body = clause
    else:
        return found
    subject_text, rest = _before_verb(body)
    if not rest or not subject_text:
        return found
    subjects = _split_units(subject_text)
    if not subjects:
        return found
    coordinate = re.match(r"^(?P<lead>chủ\s+trì\s*,?\s*)?phối\s+hợp\s+(?P<with>với\s+)?(?P<rest>.+)$", rest, re.I)
    partners: list[str] = []
    if coordinate:
        after = coordinate.group("rest")
        names_partner = bool(coordinate.group("lead") or coordinate.group("with")) or (
            _starts_with_unit(after) and after[:1].isupper()
        )
        if names_partner:
            partners = _split_units(_before_verb(after)[0])
        elif not coordinate.group("lead"):
            return [(unit, "coordinate") for unit in subjects]  # "A phối hợp tuyên truyền"
    else:
        support = _WITH_SUPPORT.search(rest)
        if support:
            partners = _split_units(_before_verb(support.group("rest"))[0])
    found = [(unit, "lead") for unit in subjects]
    found.extend((unit, "coordinate") for unit in partners)
    return found


def cell_units(text: str | None) -> list[str]:
    if not text:
        return []
    return _split_units(text.replace("\n", "; "))
