def test_login_page_is_in_vietnamese(client, db):
    response = client.get("/dang-nhap/")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
