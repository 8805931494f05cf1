"""Every change of a domain record is on record, with its author."""

from apps.hierarchy.models import Group


def test_an_admin_change_records_who_changed_what(client, world, commune_a_official):
    client.force_login(commune_a_official)
    group = world.a.group
    client.post(
        f"/admin/hierarchy/group/{group.pk}/change/",
        {
            "hamlet": group.hamlet_id,
            "code": group.code,
            "name": "Tổ Hoà Bình",
            "status": group.status,
            "planned_on": "01/01/2019",
            "activated_on": "01/03/2019",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "oversights-TOTAL_FORMS": "0",
            "oversights-INITIAL_FORMS": "0",
        },
    )
    latest = group.history.latest("history_date")
    assert latest.name == "Tổ Hoà Bình"
    assert latest.history_user == commune_a_official
    assert latest.history_type == "~"
    changes = latest.diff_against(latest.prev_record).changes
    assert [c.field for c in changes if c.field == "name"] == ["name"]


def test_deletes_are_recorded_too(world):
    group = world.a.group
    pk = group.pk
    group.delete()
    assert Group.history.filter(id=pk, history_type="-").exists()


def test_the_history_page_is_for_administrators(client, world, admin_user, commune_a_official):
    url = f"/admin/hierarchy/group/{world.a.group.pk}/history/"
    client.force_login(commune_a_official)
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


def test_the_history_link_is_shown_to_those_who_may_open_it(
    client, world, admin_user, commune_a_official
):
    url = f"/admin/hierarchy/group/{world.a.group.pk}/change/"
    history = f'href="/admin/hierarchy/group/{world.a.group.pk}/history/"'
    client.force_login(commune_a_official)
    page = client.get(url).content.decode()
    assert 'name="name"' in page and history not in page
    client.force_login(admin_user)
    assert history in client.get(url).content.decode()
