"""Article metadata read from the shape of lines: headline or lead, publication line, byline."""

from __future__ import annotations

import pytest

from kgbuild.read.metadata import glued_byline, is_lead, parse_byline, publication_date
from kgbuild.read.text import parse_text


@pytest.mark.parametrize("line", [
    "Sáng 12/4, Liên đoàn Lao động huyện Đông Sơn tổ chức hội nghị sơ kết quý I",
    "Chiều nay 7-11, Công đoàn ngành Công Thương trao 40 suất quà",
    "Ngày 03/02/2024, Công đoàn Trường Tiểu học Kim Đồng tổ chức đại hội",
    "Sáng ngày 5 tháng 9 năm 2021 tại hội trường, công đoàn cơ sở tổ chức hội nghị",
    "(HBĐT) - Công đoàn Viên chức tỉnh vừa tổng kết năm học",
    "NTO – Chiều 14/8, Ban Thường vụ Liên đoàn Lao động tỉnh họp",
    "Hôm qua, Công đoàn Y tế tỉnh tổ chức giải bóng bàn cho đoàn viên",
    "Trong hai ngày 8 và 9/10, đại hội đã thảo luận báo cáo chính trị",
    "- Căn cứ Kế hoạch số 12/KH-CĐGD về tổ chức đại hội;",
    "Công đoàn cơ sở Công ty May Hưng Long tổ chức hội nghị người lao động năm 2023.",
    "Hội nghị diễn ra trong một ngày. Các đại biểu thảo luận sôi nổi về phương hướng",
    " ".join(["Đoàn viên công đoàn"] * 13),
])
def test_lead_paragraphs_are_not_headlines(line: str) -> None:
    assert is_lead(line)


@pytest.mark.parametrize("line", [
    "Công đoàn Giáo dục huyện Yên Thành tổng kết năm học 2022-2023",
    "Đại hội Công đoàn cơ sở Trường THCS Lê Lợi, nhiệm kỳ 2023 - 2028",
    "Liên đoàn Lao động tỉnh: Trao 500 suất quà Tết cho đoàn viên khó khăn",
    "Ngày hội văn hóa thể thao công nhân khu công nghiệp Đình Vũ",
    "Sáng tạo trong phong trào thi đua lao động giỏi...",
    "Bàn giao Mái ấm Công đoàn cho đoàn viên ở xã Hòa Phú",
])
def test_headlines_are_headlines(line: str) -> None:
    assert not is_lead(line)


@pytest.mark.parametrize(("line", "iso"), [
    ("15/03/2022 08:45", "2022-03-15"),
    ("Thứ Ba, 05/09/2023 - 14:10", "2023-09-05"),
    ("Chủ nhật, 01/10/2023, 07:30 (GMT+7)", "2023-10-01"),
    ("Thứ 5, 11/01/2024 | 09:02:15", "2024-01-11"),
    ("Đăng lúc: 10:05 - 22/11/2021", "2021-11-22"),
    ("Cập nhật ngày: 04/06/2019", "2019-06-04"),
    ("Ngày đăng: 2020-08-17", "2020-08-17"),
    ("Thứ Sáu, ngày 9 tháng 2 năm 2018", "2018-02-09"),
    ("27-12-21 16:40", "2021-12-27"),
    ("Đăng: 08:10 02/08/2022 | Cập nhật: 09:30 03/08/2022", "2022-08-02"),
])
def test_publication_lines(line: str, iso: str) -> None:
    assert publication_date(line) == iso


@pytest.mark.parametrize("line", [
    "Sáng 18/5, công đoàn tổ chức hội nghị.",
    "Kỷ niệm 95 năm (28/7/1929 - 28/7/2024)",
    "Hôm nay: Thứ Hai, 04/03/2024",
    "Thời sự 15/03/2022",
    "Hội nghị tổng kết ngày 15/03/2022 tại hội trường tỉnh",
    "12/3",
])
def test_dates_in_other_lines_are_no_publication_lines(line: str) -> None:
    assert publication_date(line) is None


def test_a_section_name_beside_date_and_time_is_a_publication_line_above_the_headline() -> None:
    assert publication_date("Thời sự 08:15 02/03/2021 (3) (120)", before_headline=True) == "2021-03-02"
    assert publication_date("Thời sự 08:15 02/03/2021 (3) (120)") is None


@pytest.mark.parametrize(("line", "authors"), [
    ("Bảo Ngọc", ("Bảo Ngọc",)),
    ("Nguyễn Thị Kim Oanh", ("Nguyễn Thị Kim Oanh",)),
    ("PHƯƠNG THẢO", ("PHƯƠNG THẢO",)),
    ("K. HÒA", ("K. HÒA",)),
    ("V.Dũng", ("V.Dũng",)),
    ("Tin, ảnh: Lan Phương", ("Lan Phương",)),
    ("Bài và ảnh: MINH TRÍ", ("MINH TRÍ",)),
    ("Tin-ảnh: P.Loan", ("P.Loan",)),
    ("Thực hiện: T.Hằng - K.Dương", ("T.Hằng", "K.Dương")),
    ("Tin bài: Quỳnh Anh", ("Quỳnh Anh",)),
    ("Lê Vân – Đức Toàn", ("Lê Vân", "Đức Toàn")),
    ("Hồng Nhung, Minh Quân", ("Hồng Nhung", "Minh Quân")),
    ("Theo Thanh Tùng – Ngọc Mai/NBTV", ("Thanh Tùng", "Ngọc Mai")),
    ("PV", ("PV",)),
    ("Nhóm PV", ("Nhóm PV",)),
    ("VP LĐLĐ tỉnh", ("VP LĐLĐ tỉnh",)),
    ("Ban Tuyên giáo Công đoàn ngành", ("Ban Tuyên giáo Công đoàn ngành",)),
    ("Đinh Hải Yến (Công đoàn Trường THPT Nguyễn Trãi)", ("Đinh Hải Yến",)),
    ("Hà Linh – Chủ tịch Công đoàn cơ sở Công ty Điện lực", ("Hà Linh",)),
])
def test_bylines(line: str, authors: tuple[str, ...]) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.authors == authors


@pytest.mark.parametrize("line", [
    "Quang cảnh hội nghị",
    "TOÀN CẢNH ĐẠI HỘI",
    "Ảnh: Quốc Huy",
    "Nguồn: Báo Lao Động",
    "Theo Báo Người Lao Động",
    "Theo TTXVN",
    "Tác giả bài viết: Th",
    "Văn phòng tỉnh tặng quà cho công nhân",
    "Đồng chí Lê Hùng phát biểu tại hội nghị.",
    "CÔNG ĐOÀN VIỆT NAM",
])
def test_lines_that_are_no_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_a_byline_with_a_post_says_so() -> None:
    assert parse_byline("Mai Hương – Phó Chủ tịch LĐLĐ huyện").post
    assert not parse_byline("Mai Hương").post


def test_a_byline_run_on_at_the_end_of_the_last_paragraph() -> None:
    rest, byline = glued_byline("Buổi lễ kết thúc trong không khí vui tươi. Hoài An") or ("", None)
    assert rest == "Buổi lễ kết thúc trong không khí vui tươi." and byline and byline.authors == ("Hoài An",)
    assert glued_byline("Giải đấu khép lại sau hai ngày./. NGUYỄN TRANG")[1].authors == ("NGUYỄN TRANG",)
    assert glued_byline("Đại hội đã bầu Ban Chấp hành gồm 15 đồng chí.") is None
    assert glued_byline("Tiếp theo là phần phát biểu của Lê Minh") is None, "no sentence ends before the name"


PAGE_WITHOUT_HEADLINE = """Thời sự 07:40 21/04/2023 (0) (85)

Chiều 20/4, Công đoàn ngành Y tế tỉnh tổ chức hội nghị sơ kết quý I năm 2023.

Hội nghị đánh giá kết quả hoạt động của 24 công đoàn cơ sở.

Thúy Hằng – Văn phòng Công đoàn ngành
Chia sẻ bài viết
ĐỒNG HÀNH CÙNG NGƯỜI LAO ĐỘNG TRÊN MỌI MIỀN
"""


def test_a_page_that_begins_with_its_lead_has_no_title() -> None:
    article = parse_text(PAGE_WITHOUT_HEADLINE, article_id="x")
    assert article.title == ""
    assert article.text.startswith("Chiều 20/4, Công đoàn ngành Y tế")
    assert article.date_published == "2023-04-21"
    assert article.authors == ("Thúy Hằng",)
    assert "Văn phòng Công đoàn ngành" in article.text, "a byline that gives a post stays in the text"
    assert "ĐỒNG HÀNH" not in article.text


PAGE_WITH_BANNER = """Skip to content Skip to navigation
Site banner
Tin tức - Sự kiện
Công đoàn Giáo dục thị xã trao học bổng cho học sinh nghèo vượt khó
Thứ Hai, 18/09/2023 10:05 GMT+7
(GD&TĐ) - Sáng 16/9, Công đoàn Giáo dục thị xã trao 30 suất học bổng.
Mỗi suất trị giá 1.000.000 đồng.
Tin, ảnh: NGỌC BÍCH
Ý kiến bạn đọc - Gửi bình luận
Gửi bình luận
"""


def test_site_lines_before_the_headline_are_passed_over() -> None:
    article = parse_text(PAGE_WITH_BANNER, article_id="x")
    assert article.title == "Công đoàn Giáo dục thị xã trao học bổng cho học sinh nghèo vượt khó"
    assert article.date_published == "2023-09-18"
    assert article.authors == ("NGỌC BÍCH",)
    assert "Gửi bình luận" not in article.text and "Site banner" not in article.text


def test_a_date_line_under_the_headline_wins_over_the_site_clock_above_it() -> None:
    raw = "Thứ Tư, 02/10/2024 08:00\nHọp mặt kỷ niệm ngày Phụ nữ Việt Nam\n18/10/2023 15:20\nChiều 17/10, công đoàn họp mặt.\n"
    assert parse_text(raw, article_id="x").date_published == "2023-10-18"


def test_a_lead_printed_twice_is_no_title_and_kept_once() -> None:
    lead = "Ngày 9/3/2022, Công đoàn Khối cơ quan tỉnh tổ chức hội nghị tuyên truyền pháp luật."
    article = parse_text(f"{lead}\n{lead}\nCó 80 đoàn viên tham dự.\nAn Nhiên\n", article_id="x")
    assert article.title == "" and article.text.count(lead) == 1 and article.authors == ("An Nhiên",)


def test_a_headline_printed_twice_above_the_lead_is_the_title() -> None:
    raw = "Trao quà cho công nhân\nTrao quà cho công nhân\nSáng 2/2, công đoàn trao 50 suất quà.\n"
    assert parse_text(raw, article_id="x").title == "Trao quà cho công nhân"


def test_a_labelled_byline_under_the_headline() -> None:
    raw = "Giải cầu lông công nhân viên chức năm 2022\nTác giả: Trúc Linh\nSáng 3/6, giải khai mạc.\n\nCó 120 vận động viên."
    article = parse_text(raw, article_id="x")
    assert article.authors == ("Trúc Linh",) and "Tác giả" not in article.text


def test_a_line_of_page_fields_gives_date_and_byline() -> None:
    raw = ("Hội thao công nhân viên chức ngành Điện năm 2025\n"
           "Ngày đăng: 14/03/2025 | Tác giả: Hữu Phước | Lượt xem: 96\n"
           "Sáng 13/3, công đoàn tổ chức hội thao với 8 đội tham gia.\n")
    article = parse_text(raw, article_id="x")
    assert (article.date_published, article.authors) == ("2025-03-14", ("Hữu Phước",))
    assert "Lượt xem" not in article.text


def test_a_page_that_begins_with_a_photo_caption_has_no_title() -> None:
    raw = "Toàn cảnh buổi gặp mặt\nChiều 19/10, Công đoàn Khối cơ quan gặp mặt nữ đoàn viên.\n"
    article = parse_text(raw, article_id="x")
    assert article.title == "" and article.text.startswith("Toàn cảnh buổi gặp mặt")


def test_a_long_banner_in_capitals_above_a_headline_is_no_title() -> None:
    raw = ("CỔNG THÔNG TIN ĐIỆN TỬ LIÊN ĐOÀN LAO ĐỘNG TỈNH MIỀN NÚI\n"
           "Trao 120 suất học bổng cho con đoàn viên\n"
           "Sáng 1/6, Liên đoàn Lao động tỉnh trao học bổng.\n")
    assert parse_text(raw, article_id="x").title == "Trao 120 suất học bổng cho con đoàn viên"


def test_a_headline_in_capitals_followed_by_its_lead_is_the_title() -> None:
    raw = "CÔNG ĐOÀN NGÀNH Y TẾ TỔ CHỨC GIẢI BÓNG ĐÁ NAM CHO ĐOÀN VIÊN NĂM 2024\nSáng 5/5, giải khai mạc.\n"
    assert parse_text(raw, article_id="x").title.startswith("CÔNG ĐOÀN NGÀNH Y TẾ")


def test_a_name_alone_under_the_headline_is_the_byline() -> None:
    raw = ("Mái ấm Công đoàn cho nữ công nhân\nNgọc Diệp\n04/11/2021\n"
           "Sáng 3/11, công đoàn bàn giao nhà.\n\nNgôi nhà trị giá 60 triệu đồng.")
    article = parse_text(raw, article_id="x")
    assert article.authors == ("Ngọc Diệp",) and article.date_published == "2021-11-04"


def test_an_inline_link_is_dropped_and_the_text_goes_on() -> None:
    raw = ("Tiêu đề bài viết\nSáng 2/3, hội nghị khai mạc.\nXem thêm: Công đoàn huyện trao quà\n"
           "Hội nghị bế mạc lúc 11 giờ.\nHà My\n")
    article = parse_text(raw, article_id="x")
    assert "Xem thêm" not in article.text and "bế mạc" in article.text and article.authors == ("Hà My",)


@pytest.mark.parametrize(("line", "iso"), [
    ("Được đăng ngày Thứ bảy, 12 Tháng 3 2022 15:10", "2022-03-12"),
    ("Thứ Hai, 7 tháng 11 năm 2016 - 08:30", "2016-11-07"),
    ("Wednesday, 21/10/2020", "2020-10-21"),
])
def test_wordy_publication_lines(line: str, iso: str) -> None:
    assert publication_date(line) == iso


def test_a_province_beside_a_name_is_no_second_author() -> None:
    byline = parse_byline("Quốc Việt - Bình Định")
    assert byline is not None and byline.authors == ("Quốc Việt",) and byline.post


def test_a_site_name_after_the_headline_is_dropped_but_a_headline_about_a_report_is_kept() -> None:
    from kgbuild.read.metadata import headline

    assert headline("Trao 80 suất quà cho công nhân - Báo Điện tử Tỉnh Biển") == "Trao 80 suất quà cho công nhân"
    assert headline("Công đoàn Khối Doanh nghiệp - Báo cáo kết quả năm 2022") == (
        "Công đoàn Khối Doanh nghiệp - Báo cáo kết quả năm 2022")


def test_a_slogan_in_capitals_at_the_end_is_no_byline() -> None:
    assert parse_byline("ĐOÀN KẾT - DÂN CHỦ - ĐỔI MỚI") is None
    article = parse_text("Tiêu đề bài\nSáng 4/4, hội nghị khai mạc.\nThanh Xuân\nĐOÀN KẾT - DÂN CHỦ - ĐỔI MỚI\n", article_id="x")
    assert article.authors == ("Thanh Xuân",)


@pytest.mark.parametrize(("line", "authors"), [
    ("T.H", ("T.H",)),
    ("N.T.H.", ("N.T.H",)),
    ("Khánh Linh-Hoàng Sơn", ("Khánh Linh", "Hoàng Sơn")),
    ("Khánh Linh- Hoàng Sơn", ("Khánh Linh", "Hoàng Sơn")),
    ("Khánh Linh -Hoàng Sơn", ("Khánh Linh", "Hoàng Sơn")),
    ("Trần thị Mỹ Hạnh", ("Trần thị Mỹ Hạnh",)),
    ("(Phương Thảo)", ("Phương Thảo",)),
    ("Theo: Bảo Trâm", ("Bảo Trâm",)),
    ("Người thực hiện: Lưu Ngọc Bích", ("Lưu Ngọc Bích",)),
    ("Vũ Thị Hà – Phó Chủ tịch Công đoàn cơ sở Trường Mầm non Sơn Ca, phường Tân Lập, thành phố Biên Hòa",
     ("Vũ Thị Hà",)),
    ("Đỗ Minh Khang, giáo viên Trường Tiểu học Hòa Phú", ("Đỗ Minh Khang",)),
    ("Thái Bình", ("Thái Bình",)),
    ("Ngọc Hân |", ("Ngọc Hân",)),
])
def test_more_byline_forms(line: str, authors: tuple[str, ...]) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.authors == authors


@pytest.mark.parametrize("line", [
    "Lê Hải – Chủ tịch Liên đoàn Lao động tỉnh trao quà và động viên các gia đình công nhân gặp khó khăn trong năm",
    "TP.HCM",
    "Q.1",
    "Đỗ Minh Khang, trong buổi lễ tuyên dương",
    "Ngọc Hân (",
])
def test_long_or_odd_lines_that_are_no_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_a_province_beside_a_date_is_no_author_but_a_name_like_a_province_alone_is() -> None:
    from kgbuild.read.metadata import field_line

    assert field_line("12/05/2023 | 07:45 | Thái Bình") == ("2023-05-12", None)
    raw = "Hội thi nấu ăn của nữ công\nSáng 6/3, công đoàn tổ chức hội thi.\nCó 12 đội dự thi.\nThái Bình\n"
    assert parse_text(raw, article_id="x").authors == ("Thái Bình",)


def test_photo_captions_below_the_byline_are_passed_over_and_stay() -> None:
    raw = ("Ngày hội thể thao của công nhân\n"
           "Sáng 9/4, Công đoàn Khu công nghiệp tổ chức ngày hội thể thao với 300 vận động viên.\n"
           "Ngày hội kết thúc lúc 11 giờ cùng ngày.\n"
           "Phúc Lâm\n"
           "Một số hình ảnh tại ngày hội:\n"
           "Các vận động viên thi kéo co\n"
           "Ban tổ chức trao giải cho các đội")
    article = parse_text(raw, article_id="x")
    assert article.authors == ("Phúc Lâm",)
    assert "Các vận động viên thi kéo co" in article.text and "Phúc Lâm" not in article.text


def test_a_name_in_the_text_above_captions_is_no_byline_unless_alone() -> None:
    raw = ("Ngày hội thể thao của công nhân\n"
           "Sáng 9/4, Công đoàn Khu công nghiệp tổ chức ngày hội thể thao với 300 vận động viên.\n"
           "Phúc Lâm – Chủ tịch Công đoàn Khu công nghiệp phát biểu khai mạc ngày hội thể thao năm nay\n"
           "Các vận động viên thi kéo co")
    assert parse_text(raw, article_id="x").authors == ()


def test_a_byline_with_a_bar_under_the_headline() -> None:
    raw = ("Giao lưu văn nghệ chào mừng ngày Nhà giáo\nNgọc Hân |\n18/11/2022\n"
           "Chiều 17/11, Công đoàn trường tổ chức giao lưu văn nghệ.\n\nCó 10 tiết mục dự thi.")
    article = parse_text(raw, article_id="x")
    assert article.authors == ("Ngọc Hân",) and article.date_published == "2022-11-18"


@pytest.mark.parametrize("line", [
    "25/3/2024, tại hội trường UBND huyện, Công đoàn Giáo dục huyện tổ chức hội nghị",
    "8 giờ sáng nay, tại nhà văn hóa, công đoàn phường khai mạc giải bóng chuyền",
    "1. Công đoàn trường tổ chức hội thi nữ công khéo tay",
    "II. Phương hướng nhiệm vụ năm học mới",
])
def test_more_lead_and_list_openings(line: str) -> None:
    assert is_lead(line)


def test_a_headline_may_begin_with_a_date_or_a_number() -> None:
    assert not is_lead("20/10: Công đoàn trường họp mặt nữ giáo viên")
    assert not is_lead("95 năm Công đoàn Việt Nam đồng hành cùng người lao động")


@pytest.mark.parametrize(("line", "expected"), [
    ("Bảo Châu cập nhật | 14/02/2023 07:30", ("2023-02-14", ("Bảo Châu",))),
    ("Bảo Châu (Trường Mầm non Họa Mi) - 14/02/2023 07:30", ("2023-02-14", ("Bảo Châu",))),
    ("Tin tức » 14/02/2023 07:30", None),
    ("Thời sự / 14/02/2023 07:30 / 120 lượt xem", None),
])
def test_a_name_leading_a_field_beside_the_date(line: str, expected: tuple[str, tuple[str, ...]] | None) -> None:
    from kgbuild.read.metadata import field_line

    found = field_line(line)
    if expected is None:
        assert found is None or found[1] is None
    else:
        assert found is not None and found[0] == expected[0] and found[1] is not None
        assert found[1].authors == expected[1]


def test_header_lines_above_a_dated_headline_are_passed_over() -> None:
    raw = ("TIN TỨC\n"
           "CÔNG ĐOÀN NGÀNH GIÁO DỤC HUYỆN MIỀN NÚI VÌ NGƯỜI LAO ĐỘNG\n"
           "Chào mừng quý thầy cô đến với trang thông tin điện tử của công đoàn ngành giáo dục huyện "
           "nơi cập nhật tin tức hoạt động của các công đoàn cơ sở trường học trên địa bàn toàn huyện và các "
           "văn bản chỉ đạo mới nhất\n"
           "Công đoàn trường Tiểu học Suối Hoa tổ chức hội thi cắm hoa chào mừng ngày 8/3\n"
           "Bảo Châu cập nhật | 09/03/2023 16:45\n"
           "Chiều 8/3, Công đoàn trường Tiểu học Suối Hoa tổ chức hội thi cắm hoa cho 35 nữ đoàn viên.\n")
    article = parse_text(raw, article_id="x")
    assert article.title == "Công đoàn trường Tiểu học Suối Hoa tổ chức hội thi cắm hoa chào mừng ngày 8/3"
    assert (article.date_published, article.authors) == ("2023-03-09", ("Bảo Châu",))


def test_a_lead_above_a_dated_line_is_not_passed_over() -> None:
    raw = ("Sáng 4/5, Công đoàn Khu kinh tế tổ chức lễ phát động tháng công nhân với 400 đoàn viên.\n"
           "Lễ phát động tháng công nhân\n"
           "05/05/2023 09:10\n"
           "Có 20 tập thể được biểu dương.\n")
    assert parse_text(raw, article_id="x").title == ""


def test_a_page_that_begins_with_a_caption_in_brackets_has_no_title() -> None:
    raw = ("(Lãnh đạo Công đoàn tỉnh trao quà cho nữ công nhân khó khăn)\n"
           "Chiều 6/3, Công đoàn tỉnh trao 200 suất quà cho nữ công nhân.\nVân Khánh\n")
    article = parse_text(raw, article_id="x")
    assert article.title == "" and article.text.startswith("(Lãnh đạo Công đoàn tỉnh")


@pytest.mark.parametrize(("line", "iso"), [
    ("March 8, 2024", "2024-03-08"),
    ("Friday, 8 March 2024, 09:40", "2024-03-08"),
    ("Fri, 08 Mar 2024 09:40", "2024-03-08"),
    ("Posted on Mar 8, 2024 at 9:40", "2024-03-08"),
    ("2024-03-08T09:40:00+07:00", "2024-03-08"),
    ("Ngày ban hành: 08/03/2024", "2024-03-08"),
])
def test_english_iso_and_portal_publication_lines(line: str, iso: str) -> None:
    assert publication_date(line) == iso


def test_a_month_name_in_a_sentence_is_no_publication_line() -> None:
    assert publication_date("Hội nghị tổ chức vào March 8, 2024 tại hội trường") is None


def test_a_section_name_beside_the_date_under_the_headline() -> None:
    raw = "Công đoàn trường tổ chức hội thi cắm hoa\nTin tức | 09/03/2023\nChiều 8/3, hội thi diễn ra.\n"
    article = parse_text(raw, article_id="x")
    assert article.date_published == "2023-03-09" and "Tin tức" not in article.text


def test_a_lead_that_opens_with_a_clock_time() -> None:
    assert is_lead("7h30’ ngày 14/3, tại hội trường, Công đoàn phường khai mạc giải bóng chuyền")
    assert is_lead("14:00 chiều 14/3, Ban Chấp hành Công đoàn họp phiên thường kỳ")


@pytest.mark.parametrize(("line", "iso"), [
    ("8 Tháng Ba, 2024", "2024-03-08"),
    ("Thứ Sáu, 20 Tháng Mười Hai 2024 10:05", "2024-12-20"),
    ("Tháng Mười Một 3, 2023", "2023-11-03"),
])
def test_vietnamese_month_words_in_publication_lines(line: str, iso: str) -> None:
    assert publication_date(line) == iso


def test_a_job_before_each_name_of_a_television_byline() -> None:
    byline = parse_byline("PV Diệu Thúy - KTV Trọng Nghĩa")
    assert byline is not None and byline.authors == ("Diệu Thúy", "Trọng Nghĩa")


def test_a_lead_that_opens_with_a_purpose_clause() -> None:
    assert is_lead("Hưởng ứng Tháng Công nhân năm 2024, Công đoàn Khu công nghiệp trao 200 suất quà")
    assert is_lead("Nhân dịp kỷ niệm 94 năm Ngày thành lập Công đoàn Việt Nam, công đoàn trường tổ chức giao lưu")
    assert not is_lead("Hưởng ứng Tháng Công nhân năm 2024")
    assert not is_lead("Thực hiện tốt công tác chăm lo cho đoàn viên")
