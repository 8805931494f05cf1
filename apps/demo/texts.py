"""Vietnamese texts for the demo meetings, monthly programmes and outreach sessions.

Written the way a group's minutes (biên bản), a commune propaganda board's monthly
programme and an outreach report read in Cao Lãnh district: security and order,
drug prevention, online fraud, clean environment, study promotion, rice and mango
farming, national-defence education, new-rural standards.
"""

import datetime

# What was discussed, by theme: one sentence for each theme a meeting covered.
MINUTES = {
    "theme_safety": [
        "Thông tin tình hình an ninh trật tự trên địa bàn tổ trong tháng; nhắc các hộ khóa cửa, "
        "trông giữ tài sản, cảnh giác với trộm cắp.",
        "Phổ biến thủ đoạn lừa đảo qua điện thoại và mạng xã hội; đề nghị các hộ không cung cấp "
        "mã OTP, không chuyển tiền cho người lạ.",
        "Tuyên truyền phòng, chống ma túy; vận động các gia đình quản lý, giáo dục con em và "
        "kịp thời báo tin người có biểu hiện nghi vấn sử dụng ma túy.",
        "Nhắc các hộ thực hiện đăng ký tạm trú, khai báo tạm vắng; phối hợp Công an nắm tình "
        "hình người lạ đến địa bàn.",
        "Duy trì tổ tự quản tuần tra ban đêm; rà soát các quán xá, điểm trọ có nguy cơ phức "
        "tạp về an ninh trật tự.",
        "Nhắc các hộ phòng cháy, chữa cháy: không để chất dễ cháy gần bếp, kiểm tra đường dây "
        "điện sinh hoạt.",
        "Nhắc nhở chấp hành quy định an toàn giao thông, không sử dụng rượu bia khi điều khiển "
        "phương tiện.",
    ],
    "theme_culture": [
        "Vận động các hộ giữ gìn vệ sinh môi trường, thu gom rác đúng nơi quy định, không xả "
        "rác xuống kênh rạch.",
        "Đăng ký danh hiệu Gia đình văn hóa; bình xét các hộ tiêu biểu để đề nghị khen thưởng.",
        "Vận động thực hiện nếp sống văn minh trong việc cưới, việc tang; không mở loa công "
        "suất lớn quá giờ quy định.",
        "Phát động trồng hoa, cây xanh hai bên đường và làm hàng rào xanh trước nhà theo tiêu "
        "chí nông thôn mới.",
        "Thăm hỏi, động viên các hộ có người ốm đau, hộ gặp hoàn cảnh khó khăn trong tổ.",
        "Vận động các hộ tham gia xây dựng nông thôn mới nâng cao, hiến đất mở rộng đường giao "
        "thông nông thôn.",
    ],
    "theme_study": [
        "Vận động phụ huynh đưa trẻ trong độ tuổi đến trường, không để học sinh bỏ học giữa chừng.",
        "Phát động xây dựng Gia đình học tập, Dòng họ học tập; đăng ký danh hiệu trong năm.",
        "Chi hội khuyến học trao tập vở, học bổng cho học sinh có hoàn cảnh khó khăn.",
        "Nhắc phụ huynh quản lý con em sử dụng mạng xã hội an toàn và phòng, chống đuối nước "
        "cho trẻ.",
        "Biểu dương học sinh đạt thành tích cao trong năm học; vận động đóng góp quỹ khuyến học.",
    ],
    "theme_farmers": [
        "Phổ biến lịch thời vụ xuống giống lúa của xã, khuyến cáo gieo sạ tập trung, né rầy.",
        "Hướng dẫn kỹ thuật chăm sóc xoài sau thu hoạch và phòng trị bệnh thán thư.",
        "Giới thiệu mô hình giảm giống, giảm phân, giảm thuốc bảo vệ thực vật; thu gom vỏ chai "
        "thuốc đúng nơi quy định.",
        "Thông tin giá lúa, giá xoài; vận động nông dân tham gia tổ hợp tác, hợp tác xã.",
        "Nhắc các hộ chăn nuôi tiêm phòng cho gia súc, gia cầm và vệ sinh chuồng trại.",
        "Thông tin nguồn vốn vay ưu đãi của Hội Nông dân và Ngân hàng Chính sách xã hội.",
    ],
    "theme_defence": [
        "Phổ biến Luật Nghĩa vụ quân sự; vận động thanh niên trong độ tuổi sẵn sàng khám "
        "tuyển, lên đường nhập ngũ.",
        "Tuyên truyền giáo dục quốc phòng và an ninh cho toàn dân, nâng cao cảnh giác trước "
        "âm mưu diễn biến hòa bình.",
        "Thông tin về Luật Dân quân tự vệ và nhiệm vụ của lực lượng dân quân tại ấp.",
        "Nhắc nhở không chia sẻ, bình luận thông tin xấu, độc, sai sự thật trên mạng xã hội.",
        "Giới thiệu ý nghĩa Ngày hội Quốc phòng toàn dân 22/12 và truyền thống Quân đội nhân "
        "dân Việt Nam.",
    ],
}

# What a meeting decided; about half of the meetings record one.
DECISIONS = [
    "Thống nhất tổ chức ngày Chủ nhật xanh vào tuần cuối tháng, mỗi hộ cử một người tham gia.",
    "Thống nhất duy trì tổ tuần tra tự quản ban đêm, mỗi tuần ba buổi.",
    "Giao tổ phó theo dõi, nhắc nhở các hộ để rác đúng giờ xe thu gom.",
    "Thống nhất vận động các hộ đóng góp quỹ khuyến học của tổ.",
    "Đề nghị Ban nhân dân ấp sửa chữa đèn chiếu sáng trên tuyến đường của tổ.",
    "Thống nhất đề nghị công nhận các hộ đủ điều kiện đạt danh hiệu Gia đình văn hóa.",
    "Phân công thăm hỏi, hỗ trợ các hộ có hoàn cảnh khó khăn trong tổ.",
    "Thống nhất nạo vét đoạn mương thoát nước chung của tổ trước mùa mưa.",
    "Thống nhất dời hàng rào, hiến đất để mở rộng đường giao thông nông thôn.",
    "Giao tổ trưởng tổng hợp ý kiến của các hộ, báo cáo Ban nhân dân ấp.",
]

# A commune's monthly programme: one talking point for each theme it asks the groups to cover.
TALKING_POINTS = {
    "theme_safety": [
        "Tuyên truyền phòng, chống tội phạm và tệ nạn xã hội, nhất là ma túy trong thanh "
        "thiếu niên.",
        "Cảnh báo các thủ đoạn lừa đảo chiếm đoạt tài sản qua mạng.",
        "Nhân rộng mô hình Tổ dân phòng liên kết an toàn về an ninh trật tự, camera an ninh.",
        "Bảo đảm trật tự an toàn giao thông; đã uống rượu bia thì không lái xe.",
        "Phòng cháy, chữa cháy trong khu dân cư, nhất là trong mùa khô.",
    ],
    "theme_culture": [
        "Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa; đăng ký Gia đình văn hóa.",
        "Giữ gìn vệ sinh môi trường, phân loại rác thải tại nguồn, hạn chế rác thải nhựa.",
        "Xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu; tuyến đường hoa, hàng rào xanh.",
        "Thực hiện nếp sống văn minh trong việc cưới, việc tang và lễ hội.",
    ],
    "theme_study": [
        "Phong trào khuyến học, khuyến tài, xây dựng xã hội học tập.",
        "Vận động học sinh ra lớp, phòng chống bỏ học; phòng, chống đuối nước trẻ em.",
        "Bình xét danh hiệu Gia đình học tập, Dòng họ học tập, Cộng đồng học tập.",
    ],
    "theme_farmers": [
        "Xuống giống theo lịch thời vụ; phòng chống rầy nâu, bệnh đạo ôn trên lúa.",
        "Ứng dụng khoa học kỹ thuật trong trồng xoài, sản xuất theo tiêu chuẩn VietGAP.",
        "Phát triển kinh tế tập thể: tổ hợp tác, hợp tác xã nông nghiệp.",
        "Chuyển đổi cơ cấu cây trồng, vật nuôi thích ứng với biến đổi khí hậu.",
    ],
    "theme_defence": [
        "Giáo dục quốc phòng và an ninh cho toàn dân; bảo vệ chủ quyền biển, đảo.",
        "Chuẩn bị công tác tuyển quân; công dân nam đủ 17 tuổi đăng ký nghĩa vụ quân sự.",
        "Đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng.",
        "Xây dựng lực lượng dân quân vững mạnh, rộng khắp.",
    ],
}

# Outreach themes, each with the first day it can be the theme (a law once it is passed).
OUTREACH_THEMES: list[tuple[str, datetime.date | None]] = [
    ("Luật Phòng, chống ma túy", None),
    ("Phòng chống lừa đảo qua mạng", None),
    ("An toàn giao thông", None),
    ("Luật Đất đai 2024", datetime.date(2024, 1, 18)),
    ("Giáo dục quốc phòng và an ninh", None),
    ("Luật Nghĩa vụ quân sự", None),
    ("Luật Dân quân tự vệ", None),
    ("Luật Căn cước và định danh điện tử (VNeID)", datetime.date(2023, 11, 27)),
    ("Luật Thực hiện dân chủ ở cơ sở", None),
    ("Phòng, chống bạo lực gia đình", None),
    ("Phòng, chống mua bán người", None),
    ("Phòng cháy, chữa cháy trong khu dân cư", None),
    ("Phòng, chống đuối nước trẻ em", None),
    ("Bảo hiểm xã hội tự nguyện, bảo hiểm y tế hộ gia đình", None),
    ("Phòng, chống sốt xuất huyết", None),
    ("Bảo vệ môi trường, phân loại rác thải tại nguồn", None),
    ("Xây dựng nông thôn mới nâng cao", None),
    ("Luật Trật tự, an toàn giao thông đường bộ", datetime.date(2024, 6, 27)),
]

OUTREACH_NOTES = {
    "district": [
        "Hội nghị báo cáo viên mở rộng, truyền trực tuyến đến các điểm cầu cấp xã.",
        "Phối hợp Công an huyện và Ban Chỉ huy Quân sự huyện tổ chức.",
        "Tổ chức tại hội trường Trung tâm Chính trị huyện.",
        "",
    ],
    "commune": [
        "Phối hợp Công an và Đoàn Thanh niên tổ chức.",
        "Lồng ghép sinh hoạt chi hội Nông dân, chi hội Phụ nữ.",
        "Phát tờ rơi, tài liệu hỏi đáp cho người dự.",
        "",
    ],
    "hamlet": [
        "Họp dân tại nhà văn hóa, có báo cáo viên cấp xã.",
        "Lồng ghép họp dân định kỳ.",
        "Phát tờ rơi đến các tổ dân phòng liên kết.",
        "",
    ],
}
