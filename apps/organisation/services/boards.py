"""Writes of hamlet mobilisation boards and their members (kept by the commune above)."""

from operator import attrgetter

from apps.organisation.models import BoardMember, MobilisationBoard
from apps.organisation.services.scoped import ScopedWrites

_boards = ScopedWrites(MobilisationBoard, unit_of=attrgetter("hamlet"))
board_save, board_delete = _boards.save, _boards.delete

_members = ScopedWrites(BoardMember, unit_of=attrgetter("board.hamlet"))
board_member_save, board_member_delete = _members.save, _members.delete
