"""`manage.py shell` with the project's models imported, as Django does, but without the
audit trail's historical models (made at run time: there is nothing to import them from)
and without django.contrib.auth's Group, which would hide the residential group."""

from django.core.management.commands import shell

LEFT_OUT = {"django.contrib.auth.models.Group"}


class Command(shell.Command):
    def get_auto_imports(self) -> list[str]:
        return [
            path
            for path in super().get_auto_imports()
            if path not in LEFT_OUT and not path.rsplit(".", 1)[-1].startswith("Historical")
        ]
