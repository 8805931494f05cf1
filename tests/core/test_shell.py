"""`manage.py shell` imports the project's models, the residential Group among them."""

import io

from django.core.management import call_command


def test_shell_imports_our_models_without_errors(capsys):
    out = io.StringIO()
    call_command("shell", command="print(Group._meta.label, Meeting._meta.label)", stdout=out)
    assert capsys.readouterr().out == "hierarchy.Group meetings.Meeting\n"
    assert "could not be automatically imported" not in out.getvalue()
