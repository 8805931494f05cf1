"""Vietnamese texts for the demo meetings, monthly programmes, outreach sessions and petitions.

Written the way a group's minutes (biên bản), a commune propaganda board's monthly
programme, an outreach report and a petition register (sổ theo dõi kiến nghị) read
in Cao Lãnh district: security and order, drug prevention, online fraud, clean
environment, study promotion, rice and mango farming, national-defence education,
new-rural standards, rural roads, land, social welfare.
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

# Petitions: what citizens raise, by category (apps.petitions.models.Petition.Category).
PETITIONS = {
    "security": [
        "Đề nghị lắp đặt camera an ninh tại ngã ba đầu ấp, nơi thường xảy ra trộm cắp vặt.",
        "Phản ánh tình trạng thanh niên tụ tập chạy xe lạng lách, gây ồn ào vào ban đêm trên "
        "tuyến đường liên ấp.",
        "Đề nghị tăng cường tuần tra ban đêm do gần đây xảy ra nhiều vụ mất trộm gà, vịt và "
        "máy bơm nước.",
        "Phản ánh quán karaoke hoạt động quá giờ, mở nhạc lớn ảnh hưởng sinh hoạt của các hộ "
        "xung quanh.",
        "Đề nghị kiểm tra, xử lý tình trạng cho vay nặng lãi, đòi nợ gây mất trật tự trên địa bàn.",
        "Phản ánh có người lạ thường xuyên lui tới một căn nhà trọ, nghi tụ tập sử dụng trái "
        "phép chất ma túy.",
        "Đề nghị xử lý tình trạng tụ tập đánh bạc, đá gà tại khu đất trống cuối tổ.",
        "Phản ánh nhiều hộ nhận cuộc gọi giả danh công an yêu cầu chuyển tiền; đề nghị tuyên "
        "truyền thêm cách phòng tránh.",
    ],
    "infrastructure": [
        "Đề nghị sửa chữa đoạn đường đal bị hư hỏng, sụt lún, đi lại khó khăn vào mùa mưa.",
        "Đề nghị lắp thêm đèn chiếu sáng trên tuyến đường từ cầu vào trường tiểu học.",
        "Cây cầu gỗ bắc qua kênh đã xuống cấp; đề nghị xây cầu bê tông để bảo đảm an toàn cho "
        "học sinh.",
        "Đề nghị nạo vét mương thoát nước dọc đường, nước đọng gây ngập úng các hộ ven đường.",
        "Đề nghị kéo đường ống nước sạch đến các hộ cuối tuyến chưa có nước máy.",
        "Đề nghị Điện lực kiểm tra đường dây hạ thế bị võng thấp, có nguy cơ mất an toàn.",
        "Đề nghị trải nhựa tuyến đường vào khu dân cư, hiện là đường đất, trời mưa lầy lội.",
        "Đề nghị sửa chữa cống qua đường bị vỡ, gây sạt lở lề đường.",
    ],
    "land": [
        "Đề nghị hướng dẫn thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất theo Luật Đất đai "
        "2024.",
        "Phản ánh tranh chấp ranh giới đất giữa hai hộ trong tổ; đề nghị hòa giải và đo đạc lại.",
        "Phản ánh cơ sở chăn nuôi heo xả nước thải chưa qua xử lý ra kênh, gây mùi hôi.",
        "Đề nghị xử lý tình trạng đốt rơm rạ, rác thải gây khói bụi ảnh hưởng khu dân cư.",
        "Phản ánh tình trạng sạt lở bờ sông; đề nghị khảo sát, có phương án gia cố và di dời "
        "các hộ ở vùng nguy hiểm.",
        "Đề nghị bố trí thêm điểm tập kết rác và tăng số chuyến xe thu gom trong tuần.",
        "Phản ánh việc khai thác cát trái phép trên sông gây sạt lở đất ven bờ.",
        "Đề nghị công khai kế hoạch bồi thường, hỗ trợ khi thu hồi đất mở rộng đường.",
    ],
    "welfare": [
        "Đề nghị xem xét đưa hộ có hoàn cảnh đặc biệt khó khăn vào danh sách hộ cận nghèo.",
        "Đề nghị hỗ trợ xây nhà đại đoàn kết cho hộ nghèo có nhà ở tạm bợ, dột nát.",
        "Đề nghị giải quyết trợ cấp xã hội cho người cao tuổi trên 75 tuổi chưa được hưởng.",
        "Đề nghị hỗ trợ thẻ bảo hiểm y tế cho hộ cận nghèo và trẻ em khuyết tật.",
        "Đề nghị xem xét chế độ cho người có công với cách mạng còn thiếu hồ sơ.",
        "Đề nghị hướng dẫn thủ tục hưởng trợ cấp cho người khuyết tật nặng.",
        "Đề nghị hỗ trợ gạo, nhu yếu phẩm cho các hộ bị thiệt hại do mưa bão.",
    ],
    "livelihood": [
        "Đề nghị hỗ trợ vốn vay ưu đãi để chuyển đổi từ trồng lúa sang trồng xoài.",
        "Đề nghị mở lớp tập huấn kỹ thuật trồng xoài theo tiêu chuẩn VietGAP.",
        "Phản ánh giá lúa thấp, thương lái ép giá; đề nghị hỗ trợ liên kết tiêu thụ.",
        "Đề nghị nạo vét kênh nội đồng để bảo đảm nước tưới cho vụ Đông Xuân.",
        "Đề nghị hỗ trợ giống, vật tư cho các hộ bị thiệt hại do rầy nâu.",
        "Đề nghị giới thiệu việc làm, học nghề cho lao động nông thôn.",
        "Đề nghị hướng dẫn thủ tục thành lập tổ hợp tác trồng xoài.",
        "Đề nghị hỗ trợ tiêm phòng bệnh dịch tả heo châu Phi cho các hộ chăn nuôi.",
    ],
    "education": [
        "Đề nghị sửa chữa phòng học điểm lẻ của trường tiểu học bị dột.",
        "Đề nghị tổ chức lớp dạy bơi miễn phí cho trẻ em trong dịp hè.",
        "Đề nghị bổ sung sách báo và mở cửa nhà văn hóa ấp vào buổi tối.",
        "Đề nghị xây dựng sân chơi, sân bóng đá mini cho thanh thiếu niên.",
        "Đề nghị hỗ trợ học bổng cho học sinh nghèo vượt khó.",
        "Đề nghị sửa chữa loa truyền thanh ấp bị hư, người dân không nghe được thông tin.",
        "Đề nghị bố trí xe đưa rước học sinh ở các ấp xa trường.",
    ],
    "other": [
        "Đề nghị rút ngắn thời gian giải quyết thủ tục hành chính tại bộ phận một cửa xã.",
        "Đề nghị hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID mức 2.",
        "Đề nghị công khai các khoản thu, chi quỹ của ấp.",
        "Đề nghị bố trí tiếp công dân vào sáng thứ Bảy cho người đi làm xa.",
        "Đề nghị xử lý tình trạng chó thả rông, không rọ mõm.",
    ],
}

# What was done, by category: the note of a petition closed as resolved.
RESOLUTIONS = {
    "security": [
        "Công an xã đã kiểm tra, xử lý; tình hình đã ổn định.",
        "Đã lắp đặt camera an ninh tại vị trí người dân đề nghị.",
        "Đã lập biên bản, xử phạt vi phạm hành chính và yêu cầu cam kết không tái phạm.",
        "Tổ tự quản đã tăng cường tuần tra ban đêm; không còn xảy ra mất trộm.",
    ],
    "infrastructure": [
        "Đã sửa chữa xong đoạn đường hư hỏng.",
        "Đã lắp đặt thêm đèn chiếu sáng trên tuyến đường.",
        "Đã nạo vét mương thoát nước, hết ngập úng.",
        "Điện lực đã căng chỉnh lại đường dây, bảo đảm an toàn.",
    ],
    "land": [
        "Đã hòa giải thành, hai hộ thống nhất ranh giới đất.",
        "Cơ sở chăn nuôi đã làm hầm biogas xử lý nước thải.",
        "Đã bố trí thêm điểm tập kết rác và tăng chuyến thu gom.",
        "Hộ đã được cấp đổi giấy chứng nhận quyền sử dụng đất.",
    ],
    "welfare": [
        "Hộ đã được công nhận hộ cận nghèo và cấp thẻ bảo hiểm y tế.",
        "Đã hỗ trợ kinh phí xây nhà đại đoàn kết và bàn giao nhà cho hộ.",
        "Đã giải quyết chế độ trợ cấp xã hội hằng tháng.",
        "Đã trao gạo và nhu yếu phẩm hỗ trợ các hộ.",
    ],
    "livelihood": [
        "Hộ đã được giải ngân vốn vay ưu đãi.",
        "Đã tổ chức lớp tập huấn kỹ thuật cho các hộ.",
        "Đã nạo vét kênh nội đồng trước vụ.",
        "Đã cấp giống hỗ trợ các hộ bị thiệt hại.",
    ],
    "education": [
        "Đã sửa chữa xong phòng học.",
        "Đã tổ chức lớp dạy bơi cho trẻ em trong dịp hè.",
        "Đã sửa chữa hệ thống loa truyền thanh ấp.",
        "Đã trao học bổng cho học sinh.",
    ],
    "other": [
        "Đã hướng dẫn và kích hoạt tài khoản định danh điện tử cho người dân.",
        "Đã công khai thu, chi tại nhà văn hóa ấp.",
        "Đã giải quyết xong theo đề nghị.",
    ],
}

# An explanation given, including a refusal, by category: a petition closed as answered.
ANSWERS = {
    "security": [
        "Công an xã đã xác minh, chưa phát hiện dấu hiệu vi phạm; đã tăng cường tuần tra và đề "
        "nghị người dân tiếp tục cung cấp thông tin.",
        "Việc lắp camera an ninh được đưa vào kế hoạch năm sau theo hình thức xã hội hóa; đề "
        "nghị các hộ cùng đóng góp.",
        "Đã chuyển thông tin đến Công an huyện xác minh theo thẩm quyền; kết quả sẽ thông báo "
        "khi có.",
    ],
    "infrastructure": [
        "Tuyến đường đã được đưa vào danh mục đầu tư công trung hạn; sẽ triển khai khi được bố "
        "trí vốn.",
        "Ngân sách năm nay đã phân bổ hết; Ủy ban nhân dân xã ghi nhận, đưa vào kế hoạch năm sau.",
        "Đường dây thuộc phạm vi quản lý của Điện lực; đã chuyển kiến nghị đến Điện lực huyện.",
    ],
    "land": [
        "Thủ tục cấp đổi giấy chứng nhận thực hiện tại Bộ phận một cửa xã; đã hướng dẫn hộ "
        "chuẩn bị hồ sơ theo quy định.",
        "Tổ hòa giải ấp hòa giải không thành; đã hướng dẫn các bên gửi đơn đến Ủy ban nhân dân "
        "xã giải quyết theo Luật Đất đai.",
        "Phương án bồi thường sẽ được niêm yết công khai và họp dân trước khi thực hiện.",
    ],
    "welfare": [
        "Hộ chưa đủ điều kiện theo chuẩn nghèo đa chiều; sẽ xem xét trong kỳ rà soát cuối năm.",
        "Đã hướng dẫn gia đình lập hồ sơ; chế độ được hưởng khi có quyết định của Ủy ban nhân "
        "dân huyện.",
        "Quỹ Vì người nghèo năm nay đã phân bổ; hộ được đưa vào danh sách ưu tiên năm sau.",
    ],
    "livelihood": [
        "Đã giới thiệu hộ đến Ngân hàng Chính sách xã hội qua Hội Nông dân xã để vay vốn theo "
        "quy định.",
        "Giá lúa theo thị trường; xã đang vận động doanh nghiệp ký hợp đồng bao tiêu với hợp "
        "tác xã.",
        "Lớp tập huấn sẽ tổ chức trong quý tới; tổ trưởng thông báo các hộ đăng ký.",
    ],
    "education": [
        "Kinh phí sửa chữa đã đề xuất Phòng Giáo dục và Đào tạo huyện; dự kiến thực hiện trong "
        "dịp hè.",
        "Nhà văn hóa mở cửa theo lịch đã niêm yết; đề nghị Chi đoàn ấp phối hợp quản lý buổi tối.",
        "Địa phương chưa có quỹ đất xây sân chơi; sẽ xem xét khi quy hoạch khu dân cư.",
    ],
    "other": [
        "Đã giải thích quy trình, thời hạn giải quyết thủ tục; bộ phận một cửa niêm yết công khai.",
        "Ủy ban nhân dân xã chưa bố trí tiếp dân ngày thứ Bảy; người dân liên hệ qua đường dây "
        "nóng của xã.",
        "Đã trả lời trực tiếp tại cuộc họp tổ và hướng dẫn người dân thực hiện.",
    ],
}

# The note of taking a petition in hand, by the level handling it.
TAKEN_NOTES = {
    "group": [
        "Tổ trưởng đã tiếp nhận, trao đổi với các hộ liên quan.",
        "Tổ trưởng tiếp nhận, phối hợp Trưởng ấp kiểm tra thực tế.",
    ],
    "hamlet": [
        "Ban nhân dân ấp đã tiếp nhận, phân công theo dõi.",
        "Trưởng ấp đã kiểm tra thực tế, đang phối hợp giải quyết.",
    ],
    "commune": [
        "Ủy ban nhân dân xã đã giao bộ phận chuyên môn xác minh.",
        "Công chức phụ trách đã kiểm tra thực tế, đang xử lý.",
    ],
    "district": [
        "Ủy ban nhân dân huyện đã giao phòng chuyên môn xem xét.",
        "Phòng chuyên môn huyện đang xác minh, lấy ý kiến các ngành.",
    ],
}

# The note of moving a petition up, by the level it is moved to.
MOVED_UP_NOTES = {
    "hamlet": "Vượt thẩm quyền của tổ; chuyển Ban nhân dân ấp xem xét.",
    "commune": "Vượt thẩm quyền của ấp; chuyển Ủy ban nhân dân xã giải quyết.",
    "district": "Vượt thẩm quyền của xã; báo cáo Ủy ban nhân dân huyện xem xét.",
}
