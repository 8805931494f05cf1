"""The petition queue's export carries citizens' names: every download is recorded."""

import io

import openpyxl
import pytest

from apps.accounts.models import ExportLog
from tests.petitions.conftest import raise_petition

pytestmark = pytest.mark.usefixtures("today")


def test_the_petition_export_is_recorded_with_its_rows(client, world, people):
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        raise_petition(world.a.group, people["leader_a"], level="commune", citizen_name=name)
    raise_petition(world.b.group, people["leader_b"], level="commune", citizen_name="Lê Văn C")
    client.force_login(people["commune_a"])
    response = client.get("/kien-nghi/xuat-excel/?trang_thai=all")
    rows = openpyxl.load_workbook(io.BytesIO(response.content)).active.max_row - 1
    record = ExportLog.objects.get()
    assert record.user == people["commune_a"]
    assert record.rows == rows == 2
    assert record.what == "Kiến nghị (tải danh sách ngày 18/11/2026)"
