"""Every write to petitions: one function per use case, atomic, permission-checked, in history.

``actor`` is the officer doing it; ``None`` means the citizen (public form, tracking page) or the
system (demo loader). Input is validated completely *before* anything is written — files
included — so bad input never leaves half a case behind. Deadlines are recomputed on every change
(:func:`recompute_deadlines`) and stored on the case.

The use cases live in one module each (intake, handling, workflow, confidentiality, citizen,
issuing, publishing, deadlines); this package exports them under one name, ``petitions.services``.
"""

from danvan.petitions.services._base import ALLOWED_TYPES, check_upload, safe_text
from danvan.petitions.services.citizen import (
    _PUBLIC_FILE_SALT,
    PUBLIC_FILE_MAX_AGE,
    find_by_code,
    public_attachment_from_token,
    public_attachment_token,
    public_attachments,
    rate,
    request_reopen,
)
from danvan.petitions.services.confidentiality import (
    identities_for,
    log_identity_view,
    neutral_file_name,
    open_confidential_file,
)
from danvan.petitions.services.deadlines import DeadlineEntry, recompute_deadlines
from danvan.petitions.services.handling import add_attachment, add_note, assign, decide_link, suggest_links
from danvan.petitions.services.intake import PetitionerInput, Submitted, _representative_limit, submit_petition
from danvan.petitions.services.issuing import (
    NOTICE_TYPE_CODES,
    NoticeState,
    issue_notice,
    notice_refusal,
    notice_states,
)
from danvan.petitions.services.publishing import personal_data_in, publish_answer, withdraw_answer
from danvan.petitions.services.workflow import (
    TRANSITIONS,
    TRIAGE_DECISIONS,
    appeal,
    close,
    extend,
    resolve,
    transition,
    triage,
)

__all__ = [
    "ALLOWED_TYPES",
    "NOTICE_TYPE_CODES",
    "PUBLIC_FILE_MAX_AGE",
    "TRANSITIONS",
    "TRIAGE_DECISIONS",
    "_PUBLIC_FILE_SALT",
    "DeadlineEntry",
    "NoticeState",
    "PetitionerInput",
    "Submitted",
    "_representative_limit",
    "add_attachment",
    "add_note",
    "appeal",
    "assign",
    "check_upload",
    "close",
    "decide_link",
    "extend",
    "find_by_code",
    "identities_for",
    "issue_notice",
    "log_identity_view",
    "neutral_file_name",
    "notice_refusal",
    "notice_states",
    "open_confidential_file",
    "personal_data_in",
    "public_attachment_from_token",
    "public_attachment_token",
    "public_attachments",
    "publish_answer",
    "rate",
    "recompute_deadlines",
    "request_reopen",
    "resolve",
    "safe_text",
    "submit_petition",
    "suggest_links",
    "transition",
    "triage",
    "withdraw_answer",
]
