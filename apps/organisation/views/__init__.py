"""Organisation pages, one module per part: the overview, steering committees (with their
members and assignments), mobilisation boards, supervision visits (with follow-ups),
commendations and documents.

Every object comes through the scope rule (apps.accounts.access) by the part's
`get_<thing>_for_user` (apps.organisation.selectors); every write goes through the part's
service (apps.organisation.services), which checks before it writes. A commune's officials
keep their commune's committee, the boards of its hamlets and their committee's visits; the
district administrator the district's.
"""
