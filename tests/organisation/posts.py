"""What the organisation's forms post in tests: a committee's or a board's decision (the
Decision model's fields), a member's term (the Term model's) and a document with its PDF."""

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def decision(number: str, day: str, issued_by: str = "UBND xã Bình Thạnh") -> dict[str, str]:
    """Set up by decision `number`, dated and in force from `day` (yyyy-mm-dd), not ended."""
    return {
        "decision_number": number,
        "decision_date": day,
        "issued_by": issued_by,
        "established_on": day,
        "ended_on": "",
    }


def member(full_name: str, position: str, day: str, **more: str) -> dict[str, str]:
    """A member holding `position` from `day`, still holding it; `more` fills the form's other
    fields."""
    return {"full_name": full_name, "position": position, "started_on": day, "ended_on": "", **more}


def document(unit: str, content: bytes | None = PDF, name: str = "quyet-dinh.pdf") -> dict:
    """The district's decision 102/QĐ-UBND for `unit` ("level:pk"), `content` its file (none
    when None)."""
    data = {
        "unit": unit,
        "number": "102/QĐ-UBND",
        "issued_on": "2019-02-20",
        "issued_by": "UBND huyện Cao Lãnh",
        "title": "Quy chế tổ dân phòng liên kết",
    }
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return data
