"""The signature block of a document, chosen from the kind of document and the signer's capacity
(Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.8 "Quyền hạn, chức vụ của người ký").

The rule:
- A document issued under the head's own power (an award decision, a Giấy khen, a certificate) is
  signed in the head's name: "CHỦ TỊCH"; a deputy signs for him "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; an
  acting head "Q. CHỦ TỊCH"; by order "TL. CHỦ TỊCH" / "<position>"; by authorisation "TUQ. CHỦ
  TỊCH" / "<position>". The authority line under the title names the same power: "CHỦ TỊCH ỦY BAN
  NHÂN DÂN QUẬN ĐỒ SƠN" (IssuingBody.leader_title).
- A document of the committee as a collective body (its tờ trình to the level above, a directive)
  adds "TM. ỦY BAN NHÂN DÂN" above the head's line ("thay mặt" the collective).
Names and titles come from data (IssuingBody, Signer, both dated); only the rule is here."""

from .enums import DocumentKind, SignerCapacity

# Kinds issued under the head's own power (no "TM." line).
HEAD_POWER_KINDS = {DocumentKind.DECISION, DocumentKind.CERTIFICATE}
# Kinds issued by the committee as a collective body.
COLLECTIVE_KINDS = {DocumentKind.SUBMISSION, DocumentKind.UPWARD_PROPOSAL}

PREFIX = {
    SignerCapacity.DEPUTY: "KT.",
    SignerCapacity.ACTING: "Q.",
    SignerCapacity.BY_ORDER: "TL.",
    SignerCapacity.BY_AUTHORISATION: "TUQ.",
}


def capacity_lines(*, capacity, head_title, position_title):
    """The lines for the signer's capacity alone: ['CHỦ TỊCH'], ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']..."""
    head = head_title.upper()
    if capacity == SignerCapacity.HEAD:
        return [head]
    if capacity == SignerCapacity.ACTING:
        return [f"Q. {head}"]
    return [f"{PREFIX[capacity]} {head}", position_title.upper()]


def block_lines(*, kind, capacity, head_title, position_title, collective_name=""):
    """Title lines of a signature block. ``collective_name`` is the collective the head belongs to
    ('ỦY BAN NHÂN DÂN'); empty for a body headed by one person (a department, a school)."""
    lines = capacity_lines(capacity=capacity, head_title=head_title, position_title=position_title)
    # TL./TUQ. sign for the head, never for the collective (Phụ lục I, mục II.8).
    if kind in COLLECTIVE_KINDS and collective_name and capacity not in (SignerCapacity.BY_ORDER, SignerCapacity.BY_AUTHORISATION):
        lines = [f"TM. {collective_name.upper()}", *lines]
    return lines


def signature_lines(*, kind, signer, body=None):
    """The block of a document of ``kind`` signed by ``signer`` (a Signer) for ``body`` (its
    IssuingBody by default), whose collective name is its first name line ('ỦY BAN NHÂN DÂN')."""
    body = body or signer.issuing_body
    return block_lines(
        kind=kind,
        capacity=signer.capacity,
        head_title=body.head_title,
        position_title=signer.position_title,
        collective_name=body.name_line1,
    )


def authority_line(body):
    """'CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN ĐỒ SƠN' (the power the decision is issued under)."""
    return body.leader_title.upper()
