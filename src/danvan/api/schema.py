"""The OpenAPI document's shared parts: the error body every refusal has."""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "description": "Lỗi: mã ổn định cho chương trình, lời nhắn tiếng Việt cho người đọc, các trường cần sửa.",
    "properties": {
        "code": {"type": "string", "example": "not_found"},
        "message": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": True},
    },
    "required": ["code", "message", "fields"],
}
STATUSES = {"400": "Dữ liệu chưa đúng", "401": "Chưa gửi khóa hoặc chưa đăng nhập",
            "403": "Không có quyền", "404": "Không tìm thấy", "409": "Bản ghi đã được người khác sửa"}


def error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing hook: each operation documents the error body for each refusal."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, description in STATUSES.items():
                if code == "409" and method == "get":
                    continue
                operation["responses"].setdefault(code, {
                    "description": description, "content": {"application/json": {"schema": ref}}})
            if method == "get":
                operation["responses"].setdefault("405", {"description": "Phương thức không dùng được",
                                                          "content": {"application/json": {"schema": ref}}})
    return result
