"""What the organisation's forms post in tests: a committee's or a board's decision (the
Decision model's fields) and a member's term (the Term model's)."""


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
