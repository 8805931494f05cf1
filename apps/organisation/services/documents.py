"""Writes of documents and their stored PDF files.

The admin checks the scope by its own rule (apps.accounts.admin_access) and writes through
`document_keep` and `document_remove`; the pages go through `document_save` and
`document_delete`, which check first.
"""

from django.db import transaction

from apps.accounts import access
from apps.accounts.models import User
from apps.organisation.models import Document


def check_document(user: User, document: Document) -> None:
    access.check_may_write(user, Document, document.unit)


def document_save(*, user: User, document: Document, replaced_file: str) -> Document:
    """Save a document; a file it no longer points to is removed once the change is committed.

    `replaced_file` is the stored name of its file before the change ("" if none).
    """
    check_document(user, document)
    return document_keep(document=document, replaced_file=replaced_file)


def document_delete(*, user: User, record: Document) -> None:
    check_document(user, record)
    document_remove(document=record)


def document_keep(*, document: Document, replaced_file: str) -> Document:
    document.save()
    if replaced_file and replaced_file != document.file.name:
        file_remove_on_commit(replaced_file)
    return document


def document_remove(*, document: Document) -> None:
    stored = document.file.name
    document.delete()
    if stored:
        file_remove_on_commit(stored)


def file_remove_on_commit(name: str) -> None:
    """Remove a stored file once the current transaction commits."""
    storage = Document._meta.get_field("file").storage
    # Only once the database agrees: a rolled-back change keeps its file.
    transaction.on_commit(lambda: storage.delete(name))
