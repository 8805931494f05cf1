"""Names for the demo district: Cao Lãnh district, Đồng Tháp province.

Commune and town names are real (before the 2025 merger); their codes are demo
codes. Personal names are drawn from common Vietnamese family, middle and given
names; a few use the old-style tone placement (Hoà, Thuý) that real rosters keep.
"""

import datetime

DISTRICT = {"code": "873", "name": "Huyện Cao Lãnh", "province": "Tỉnh Đồng Tháp"}
# The day the demo's district, communes and hamlets began (their groups follow in 2009-2011):
# the model's first years, so that a committee can read 2010 against today.
UNITS_BEGAN = datetime.date(2008, 1, 1)

# (name, kind): one town and seventeen communes.
COMMUNES = [
    ("Thị trấn Mỹ Thọ", "town"),
    ("Xã An Bình", "commune"),
    ("Xã Ba Sao", "commune"),
    ("Xã Bình Hàng Tây", "commune"),
    ("Xã Bình Hàng Trung", "commune"),
    ("Xã Bình Thạnh", "commune"),
    ("Xã Gáo Giồng", "commune"),
    ("Xã Mỹ Hiệp", "commune"),
    ("Xã Mỹ Hội", "commune"),
    ("Xã Mỹ Long", "commune"),
    ("Xã Mỹ Thọ", "commune"),
    ("Xã Mỹ Xương", "commune"),
    ("Xã Nhị Mỹ", "commune"),
    ("Xã Phong Mỹ", "commune"),
    ("Xã Phương Thịnh", "commune"),
    ("Xã Phương Trà", "commune"),
    ("Xã Tân Hội Trung", "commune"),
    ("Xã Tân Nghĩa", "commune"),
]

FAMILY_NAMES = [
    ("Nguyễn", 31),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Huỳnh", 6),
    ("Võ", 5),
    ("Phan", 4),
    ("Trương", 3),
    ("Bùi", 3),
    ("Đặng", 3),
    ("Đỗ", 2),
    ("Ngô", 2),
    ("Hồ", 2),
    ("Dương", 2),
    ("Đinh", 1),
    ("Lâm", 1),
    ("Châu", 1),
    ("Mai", 1),
]
MALE_MIDDLE = ["Văn", "Văn", "Văn", "Hữu", "Minh", "Thanh", "Quốc", "Công", "Hoàng", "Tấn"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thu", "Bích", "Hồng"]
MALE_GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hùng",
    "Hoà",
    "Hòa",
    "Khánh",
    "Lâm",
    "Long",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phát",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Thạnh",
    "Thành",
    "Thắng",
    "Thuận",
    "Tiến",
    "Toàn",
    "Trí",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Lộc",
    "Hiếu",
    "Khoa",
]
FEMALE_GIVEN = [
    "Anh",
    "Cúc",
    "Diễm",
    "Dung",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Huệ",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thảo",
    "Thuý",
    "Thúy",
    "Trang",
    "Trinh",
    "Tuyết",
    "Vân",
    "Xuân",
    "Yến",
    "Hoà",
    "Nhi",
    "Ánh",
]
STREETS = [
    "Đường Nguyễn Văn Cừ",
    "Đường 30 Tháng 4",
    "Đường Lê Lợi",
    "Quốc lộ 30",
    "Đường Tỉnh 846",
    "Đường Đốc Binh Kiều",
    "Đường Trần Hưng Đạo",
    "Đường Phạm Hữu Lầu",
    "Bờ kênh Nguyễn Văn Tiếp",
]
