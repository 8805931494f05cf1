"""Writes of hamlet mobilisation boards and their members (kept by the commune above)."""

from apps.accounts import access
from apps.accounts.models import User
from apps.organisation.models import BoardMember, MobilisationBoard


def check_board(user: User, board: MobilisationBoard) -> None:
    access.check_may_write(user, MobilisationBoard, board.hamlet)


def board_save(*, user: User, board: MobilisationBoard) -> MobilisationBoard:
    check_board(user, board)
    board.save()
    return board


def board_delete(*, user: User, board: MobilisationBoard) -> None:
    check_board(user, board)
    board.delete()


def check_board_member(user: User, member: BoardMember) -> None:
    access.check_may_write(user, BoardMember, member.board.hamlet)


def board_member_save(*, user: User, member: BoardMember) -> BoardMember:
    check_board_member(user, member)
    member.save()
    return member


def board_member_delete(*, user: User, member: BoardMember) -> None:
    check_board_member(user, member)
    member.delete()
