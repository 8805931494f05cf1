"""The organisation forms, one module per part: committees, boards, visits, commendations,
documents (and what they share, in common)."""
