"""Reported events: which sentence reports one, its type, its date and year, its organiser.

Every sentence here is written for the test, in the genre's usual word orders.
"""

from __future__ import annotations

from typing import Any

import pytest

from kgbuild.article import Article
from kgbuild.dates import DateValue
from kgbuild.nlp.pipeline import annotate_one
from kgbuild.nlp.relations.event_dates import date_mentions, sentence_year
from kgbuild.nlp.relations.events import event_type, rules


def events(text: str, *, title: str = "Tin hoạt động công đoàn", published: str | None = None) -> list[dict[str, Any]]:
    annotated = annotate_one(Article(id="t", text=f"{title}\n\n{text}", title=title, date_published=published))
    out = []
    for r in annotated.relations:
        if r.type == "event":
            organiser = annotated.entity(r.args.get("organiser_entity"))
            out.append({"type": r.args["event_type"], "date": r.args["date"],
                        "organiser": organiser.value if organiser else None, "rule": r.rule,
                        "confidence": r.confidence})
    return out


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    ("Sáng 20/1, Liên đoàn Lao động tỉnh Hà Nam tổ chức trao 300 suất quà Tết cho công nhân lao động.",
     "2024-01-21", ("other", "2024-01-20", "Liên đoàn Lao động tỉnh Hà Nam")),
    ("Ngày 12-3, Công đoàn ngành Giáo dục huyện Yên Lạc phối hợp với Công đoàn trường Tiểu học Đồng Cương "
     "tổ chức bàn giao Mái ấm Công đoàn cho một đoàn viên.",
     "2023-03-14", ("other", "2023-03-12", "Công đoàn ngành Giáo dục huyện Yên Lạc")),
    ("Chiều 28-9, tại hội trường huyện, Liên đoàn Lao động huyện Đông Anh trao 50 suất học bổng cho con đoàn viên.",
     "2022-09-30", ("other", "2022-09-28", "Liên đoàn Lao động huyện Đông Anh")),
    ("Sáng 5/6, Liên đoàn Lao động huyện Lục Nam khai mạc Giải bóng đá công nhân lao động lần thứ III.",
     "2024-06-06", ("other", "2024-06-05", "Liên đoàn Lao động huyện Lục Nam")),
    ("Sáng 24.6, Công đoàn Viên chức tỉnh Hưng Yên tuyên dương 40 cán bộ công đoàn tiêu biểu và tổng kết phong trào "
     "thi đua.", "2021-06-25", ("award_ceremony", "2021-06-24", "Công đoàn Viên chức tỉnh Hưng Yên")),
    ("Chiều 3/10, Công đoàn ngành Y tế tỉnh Sóc Trăng tổ chức hội nghị tổng kết chương trình chăm lo đoàn viên "
     "và biểu dương các tập thể tiêu biểu.", "2023-10-04", ("review_conference", "2023-10-03",
                                                          "Công đoàn ngành Y tế tỉnh Sóc Trăng")),
    ("Ngày 20/12, Liên đoàn Lao động tỉnh Yên Bái tổ chức Hội nghị lần thứ 7 Ban Chấp hành khóa XVII để tổng kết "
     "công tác công đoàn năm 2023.", None,
     ("executive_committee_meeting", "2023-12-20", "Liên đoàn Lao động tỉnh Yên Bái")),
    ("Sáng ngày 10/7/2018, Công đoàn Viên chức tỉnh Gia Lai tổ chức hội nghị bầu bổ sung Ủy viên Ban Chấp hành.",
     None, ("other", "2018-07-10", "Công đoàn Viên chức tỉnh Gia Lai")),
    ("Sáng 9-5-2022, Liên đoàn Lao động quận Bình Thạnh cùng một công ty xây dựng đã tổ chức thành công Lễ phát động Tháng "
     "hành động về an toàn, vệ sinh lao động.", None, ("campaign_launch", "2022-05-09", "Liên đoàn Lao động quận Bình Thạnh")),
])
def test_the_lead_reports_a_typed_dated_event_and_its_organiser(sentence: str, published: str | None,
                                                                 expected: tuple[str, str, str]) -> None:
    event = events(sentence, published=published)[0]
    assert (event["type"], event["date"], event["organiser"]) == expected


@pytest.mark.parametrize(("sentence", "date"), [
    ("Sáng nay 18/5, tại thành phố Hạ Long, Công đoàn Viên chức tỉnh Quảng Ninh tổ chức hội nghị tổng kết 5 năm "
     "thực hiện cuộc vận động (2014 - 2019).", "2019-05-18"),
    ("Ngày 16-6, Liên đoàn Lao động huyện Cờ Đỏ long trọng tổ chức Đại hội Công đoàn huyện lần thứ V, "
     "nhiệm kỳ 2023-2028.", "2023-06-16"),
    ("Ngày 16/5 và 17/5/2023, Liên đoàn Lao động thành phố Cần Thơ tổ chức hội nghị đối thoại với công nhân.",
     "2023-05-16"),
    ("Trong hai ngày 8 và 9/10/2023, Công đoàn Giáo dục tỉnh Đắk Lắk tổ chức Đại hội lần thứ IX.", "2023-10-08"),
    ("Ngày 28/12, Liên đoàn Lao động tỉnh Bình Dương tổ chức chương trình Tết Sum vầy Xuân Giáp Thìn 2024.",
     "2023-12-28"),
    ("Hướng tới kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2024), sáng 16/5, Công đoàn "
     "Viên chức tỉnh Lào Cai tổ chức tuyên dương cán bộ công đoàn tiêu biểu năm 2024.", "2024-05-16"),
    ("Chiều 26/12, Liên đoàn Lao động tỉnh Hà Giang tổ chức hội nghị tổng kết năm 2023 và triển khai nhiệm vụ "
     "năm 2024.", "2023-12-26"),
    ("Chiều 8/1, Liên đoàn Lao động tỉnh Hà Giang tổ chức hội nghị tổng kết năm 2023 và triển khai nhiệm vụ "
     "năm 2024.", "2024-01-08"),
])
def test_the_year_comes_from_the_sentence_or_the_year_reviewed(sentence: str, date: str) -> None:
    assert events(sentence)[0]["date"] == date


def test_without_a_year_in_the_text_the_date_stays_open() -> None:
    event = events("Ngày 28/7, Công đoàn các khu công nghiệp tỉnh Long An tổ chức họp mặt kỷ niệm 90 năm "
                   "ngày thành lập Công đoàn Việt Nam.")[0]
    assert (event["type"], event["date"]) == ("other", None)


def test_an_anniversary_span_never_dates_the_event() -> None:
    event = events("Chào mừng kỷ niệm 133 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890-19/5/2023), Liên đoàn "
                   "Lao động thành phố Hải Phòng đã tổ chức Lễ tuyên dương 80 công nhân giỏi.")[0]
    assert (event["type"], event["date"]) == ("award_ceremony", None)


def test_a_date_on_its_own_line_dates_the_sentence_after_it() -> None:
    event = events("Chiều ngày 14/11/2019.\nCông đoàn Tổng công ty Sông Đà đã tổ chức hội nghị sơ kết nửa "
                   "nhiệm kỳ.")[0]
    assert (event["type"], event["date"]) == ("review_conference", "2019-11-14")


def test_a_document_date_is_not_the_event_date() -> None:
    found = events("Căn cứ Hướng dẫn số 12/HD-LĐLĐ ngày 5 tháng 3 năm 2022 về tổ chức đại hội công đoàn các cấp; "
                   "Ngày 19/9/2022 Công đoàn cơ sở Trường THCS Chu Văn An tổ chức Đại hội lần thứ II.")
    assert [e["date"] for e in found] == ["2022-09-19"]


def test_two_ceremonies_held_together_are_two_events() -> None:
    found = events("Liên đoàn Lao động thành phố Đà Nẵng đã tổ chức Lễ tuyên dương 50 công nhân giỏi và Lễ báo công "
                   "dâng Bác những thành tích thi đua.")
    assert [(e["type"], e["organiser"]) for e in found] == [
        ("award_ceremony", "Liên đoàn Lao động thành phố Đà Nẵng"), ("other", "Liên đoàn Lao động thành phố Đà Nẵng")]


def test_a_delegation_attending_a_congress_is_not_its_organiser() -> None:
    event = events("Ngày 20/4/2023, đoàn đại biểu Công đoàn Đại học Huế đã tham dự Đại hội Công đoàn Giáo dục "
                   "Việt Nam lần thứ XVI.")[0]
    assert (event["type"], event["organiser"]) == ("congress", "Công đoàn Giáo dục Việt Nam")


@pytest.mark.parametrize("sentence", [
    "Nghị quyết Đại hội Công đoàn tỉnh lần thứ XI đã được các cấp công đoàn triển khai.",
    "Năm qua, các công đoàn cơ sở đã tổ chức thăm, tặng quà cho hàng trăm đoàn viên.",
    "Công đoàn tỉnh sẽ tổ chức Đại hội lần thứ XII vào quý III.",
])
def test_past_future_and_habitual_mentions_are_not_reported_events(sentence: str) -> None:
    assert events(sentence) == []


def test_a_caption_names_the_congress_the_article_is_about() -> None:
    found = events("Đại hội Công đoàn ngành Công Thương tỉnh Phú Thọ khóa XV, nhiệm kỳ 2023 - 2028.\n\nĐại hội đã "
                   "bầu Ban Chấp hành gồm 15 đồng chí.", title="Chăm lo tốt hơn cho người lao động")
    assert [(e["type"], e["date"]) for e in found] == [("congress", None)]


def test_confidence_orders_the_evidence() -> None:
    dated = events("Sáng 5/3/2024, Liên đoàn Lao động tỉnh Ninh Thuận tổ chức hội nghị tổng kết.")[0]
    implied = events("Tại hội nghị tổng kết, Công đoàn Viên chức tỉnh tặng Giấy khen cho 6 tập thể.")[0]
    assert dated["confidence"] > implied["confidence"]


def test_the_earliest_strong_cue_types_the_event() -> None:
    assert event_type("Lễ kỷ niệm 95 năm ngày thành lập và đón nhận Huân chương Lao động") == "other"
    assert event_type("Chương trình giao lưu văn nghệ và tôn vinh 100 công nhân tiêu biểu") == "award_ceremony"
    assert event_type("hội nghị") == "other"
    assert event_type("Đại hội Thể dục thể thao công nhân viên chức lần thứ IV") == "other"
    assert event_type("Đại hội đại biểu Công đoàn tỉnh lần thứ XVI") == "congress"


def test_date_mentions_keep_the_first_day_and_skip_spans_and_documents() -> None:
    table = rules()["dates"]
    assert [m.value for m in date_mentions("Từ ngày 26-27/11/2015, tại hội trường", table)] == \
        [DateValue(26, 11, 2015)]
    assert [m.value for m in date_mentions("từ ngày 15 đến ngày 17/3/2024", table)] == [DateValue(15, 3, 2024)]
    assert date_mentions("Quyết định số 5/QĐ ngày 3/4/2020", table) == []
    assert sentence_year("đại hội nhiệm kỳ 2012-2017 và nhiệm kỳ 2017-2022", 10, table) == 2017


def test_a_mid_year_review_is_held_in_the_year_it_reviews() -> None:
    event = events("Sáng 12/7, Liên đoàn Lao động huyện Cẩm Giàng tổ chức hội nghị sơ kết công tác công đoàn "
                   "6 tháng đầu năm 2024.")[0]
    assert (event["type"], event["date"]) == ("review_conference", "2024-07-12")


def test_a_date_after_the_name_dates_it_behind_a_time_of_day() -> None:
    event = events("Liên đoàn Lao động tỉnh Kon Tum tổ chức Hội nghị đối thoại với đoàn viên vào sáng 22/8/2023.")[0]
    assert (event["type"], event["date"]) == ("other", "2023-08-22")


def test_the_page_date_line_gives_the_year() -> None:
    event = events("Thứ Hai, 15/01/2024 | 09:12\n\nChiều 14/1, Công đoàn Khu kinh tế tỉnh Hà Tĩnh tổ chức trao "
                   "200 suất quà Tết cho công nhân.")[0]
    assert event["date"] == "2024-01-14"


def test_the_organiser_is_the_first_body_of_the_clause_or_the_one_after_do() -> None:
    first = events("Thực hiện kế hoạch của Liên đoàn Lao động tỉnh, chiều 10/3/2024, Ủy ban nhân dân huyện Krông "
                   "Pắc phối hợp với Liên đoàn Lao động huyện tổ chức hội nghị đối thoại.")[0]
    after = events("Sáng 2/2/2024, Chương trình Tết Sum vầy do Liên đoàn Lao động tỉnh Bắc Ninh tổ chức đã "
                   "diễn ra tại nhà văn hóa.")[0]
    assert first["organiser"].startswith("Ủy ban nhân dân huyện")
    assert after["organiser"] == "Liên đoàn Lao động tỉnh Bắc Ninh"


def test_the_organising_committee_names_no_organiser() -> None:
    found = events("Phát biểu tại buổi lễ, ông Lê Văn Hùng cho biết đây là dịp ghi nhận cán bộ công đoàn. Ban tổ chức "
                   "đã tuyên dương 30 chủ tịch công đoàn cơ sở tiêu biểu.", title="")
    assert [(e["type"], e["organiser"]) for e in found] == [("award_ceremony", None)]


def test_a_head_of_the_organisation_department_does_not_hold_the_event() -> None:
    found = events("Đồng chí Phạm Thu Hà, Trưởng Ban Tổ chức Liên đoàn Lao động tỉnh Nghệ An dự hội nghị.",
                   title="Công đoàn ngành Xây dựng tỉnh Nghệ An tổ chức hội nghị tổng kết")
    assert [(e["type"], e["organiser"]) for e in found] == [("review_conference", "Công đoàn ngành Xây dựng tỉnh Nghệ An")]


@pytest.mark.parametrize(("text", "date"), [
    ("Sáng 12/3, Công đoàn Viên chức tỉnh Điện Biên tổ chức hội nghị triển khai nhiệm vụ. Hội nghị thông qua "
     "kế hoạch hoạt động năm 2025 và quy chế làm việc.", "2025-03-12"),
    ("Chiều 27/12, Liên đoàn Lao động huyện Tam Nông trao 150 suất quà Tết cho đoàn viên khó khăn. Mỗi suất quà "
     "trị giá 500.000 đồng, chào đón Xuân Ất Tỵ 2025.", "2024-12-27"),
])
def test_the_one_year_the_article_writes_is_its_events_year(text: str, date: str) -> None:
    assert events(text)[0]["date"] == date


@pytest.mark.parametrize("text", [
    "Sáng 12/3, Công đoàn Viên chức tỉnh Điện Biên tổ chức hội nghị triển khai nhiệm vụ. Năm 2024, công đoàn "
    "đã kết nạp 300 đoàn viên; năm 2025 phấn đấu kết nạp thêm 350 đoàn viên.",
    "Sáng 12/3, Công đoàn Viên chức tỉnh Điện Biên tổ chức hội nghị triển khai nhiệm vụ.\n"
    "Nguồn: https://congdoan.example.vn/2024/03/hoi-nghi",
])
def test_two_years_or_a_web_address_give_the_event_no_year(text: str) -> None:
    assert events(text)[0]["date"] is None


@pytest.mark.parametrize(("text", "second"), [
    ("Sáng 15/1/2025, Liên đoàn Lao động tỉnh Phú Yên tổ chức hội nghị tổng kết công tác công đoàn năm 2024. "
     "Trước đó, ngày 10/1/2025, Liên đoàn Lao động tỉnh đã trao 500 suất quà Tết cho công nhân khó khăn.",
     ("other", "2025-01-10", "Liên đoàn Lao động tỉnh Phú Yên")),
    ("Sáng 20/11/2024, Công đoàn Giáo dục huyện Ea Kar tổ chức Lễ kỷ niệm 42 năm Ngày Nhà giáo Việt Nam. "
     "Chiều cùng ngày, Công đoàn Giáo dục huyện tổ chức Giải bóng chuyền hơi nữ cán bộ, giáo viên.",
     ("other", "2024-11-20", "Công đoàn Giáo dục huyện Ea Kar")),
    ("Ngày 8/3/2024, Công đoàn Bệnh viện Đa khoa tỉnh Bình Phước tổ chức Lễ tuyên dương 30 nữ cán bộ tiêu biểu. "
     "Sau đó, ngày 9/3/2024, Công đoàn Bệnh viện tổ chức hội thao chào mừng ngày Quốc tế Phụ nữ.",
     ("other", "2024-03-09", "Công đoàn Bệnh viện Đa khoa tỉnh Bình Phước")),
])
def test_a_sentence_that_opens_with_a_connective_of_time_reports_a_second_event(
        text: str, second: tuple[str, str, str]) -> None:
    found = events(text)
    assert len(found) == 2
    assert (found[1]["type"], found[1]["date"], found[1]["organiser"]) == second
    assert found[1]["rule"] == "event:connected"


@pytest.mark.parametrize("text", [
    "Sáng 15/1/2025, Công đoàn Viên chức tỉnh Phú Yên tổ chức hội nghị tổng kết công tác công đoàn năm 2024. "
    "Nhân dịp này, Công đoàn Viên chức tỉnh đã trao Giấy khen cho 12 tập thể và 25 cá nhân.",
    "Sáng 15/1/2025, Công đoàn Viên chức tỉnh Phú Yên tổ chức hội nghị tổng kết công tác công đoàn năm 2024. "
    "Tại hội nghị, Công đoàn Viên chức tỉnh đã tuyên dương 20 cán bộ công đoàn cơ sở tiêu biểu.",
    "Ngày 22/5/2023, Công đoàn cơ sở Trường THPT Lê Lợi tổ chức Đại hội lần thứ V, nhiệm kỳ 2023-2028. "
    "Chiều cùng ngày, Đại hội đã tiến hành bầu Ban Chấp hành khóa mới gồm 7 đồng chí.",
])
def test_the_same_occasion_told_on_is_not_a_second_event(text: str) -> None:
    assert len(events(text)) == 1


def test_an_earlier_pilot_congress_with_its_own_date_is_a_second_event() -> None:
    found = events("Ngày 14/4/2023, Liên đoàn Lao động huyện Thạch Hà tổ chức Đại hội Công đoàn huyện lần thứ XII. "
                   "Trước đó, ngày 28/3/2023, Công đoàn cơ sở xã Thạch Kênh đã tổ chức Đại hội điểm.")
    assert [(e["type"], e["date"]) for e in found] == [("congress", "2023-04-14"), ("congress", "2023-03-28")]


# The genre's event vocabulary, date forms and organiser word orders (each sentence written for the test):
# (text, publication date, expected (type, date, organiser) of the first event)
GENRE_LEADS = [
    ("Sáng 14/1, Liên đoàn Lao động tỉnh Quảng Trị tổ chức Hội nghị tổng kết công tác công đoàn năm 2024, triển khai "
     "nhiệm vụ năm 2025.",
     None, ("review_conference", "2025-01-14", "Liên đoàn Lao động tỉnh Quảng Trị")),
    ("Ngày 25/7/2024, Công đoàn Viên chức tỉnh Bình Định tổ chức Hội nghị sơ kết 6 tháng đầu năm, triển khai nhiệm vụ 6"
     " tháng cuối năm 2024.",
     None, ("review_conference", "2024-07-25", "Công đoàn Viên chức tỉnh Bình Định")),
    ("Sáng 5/9/2023, Công đoàn Giáo dục tỉnh Lâm Đồng tổ chức Hội nghị triển khai nhiệm vụ năm học 2023-2024.",
     None, ("review_conference", "2023-09-05", "Công đoàn Giáo dục tỉnh Lâm Đồng")),
    ("Chiều 18/12/2023, Ban Chấp hành Liên đoàn Lao động tỉnh Cà Mau tổ chức Hội nghị lần thứ 5 (mở rộng) để tổng kết "
     "hoạt động năm 2023.",
     None, ("executive_committee_meeting", "2023-12-18", "Liên đoàn Lao động tỉnh Cà Mau")),
    ("Sáng 22/12/2023, Liên đoàn Lao động tỉnh Hòa Bình tổ chức Hội nghị Ban Chấp hành lần thứ 8, khóa XVI, nhiệm kỳ "
     "2023-2028.",
     None, ("executive_committee_meeting", "2023-12-22", "Liên đoàn Lao động tỉnh Hòa Bình")),
    ("Ngày 28/6/2023, Công đoàn ngành Y tế tỉnh Thanh Hóa tổ chức Hội nghị BCH mở rộng sơ kết 6 tháng đầu năm.",
     None, ("executive_committee_meeting", "2023-06-28", "Công đoàn ngành Y tế tỉnh Thanh Hóa")),
    ("Sáng 10/5/2023, Công đoàn cơ sở Trường Tiểu học Nguyễn Trãi tổ chức Đại hội Công đoàn lần thứ VII, nhiệm kỳ "
     "2023-2028.",
     None, ("congress", "2023-05-10", "Công đoàn cơ sở Trường Tiểu học Nguyễn Trãi")),
    ("Trong 2 ngày 12 và 13/7/2023, Liên đoàn Lao động tỉnh Nam Định tổ chức Đại hội đại biểu Công đoàn tỉnh lần thứ "
     "XXII, nhiệm kỳ 2023-2028.",
     None, ("congress", "2023-07-12", "Liên đoàn Lao động tỉnh Nam Định")),
    ("Ngày 3/3/2023, Công đoàn cơ sở Công ty TNHH May Hưng Long tổ chức Đại hội điểm Công đoàn cơ sở nhiệm kỳ "
     "2023-2028.",
     None, ("congress", "2023-03-03", "Công đoàn cơ sở Công ty TNHH May Hưng Long")),
    ("Sáng 28/7/2024, Liên đoàn Lao động tỉnh Bắc Giang tổ chức Lễ kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam "
     "(28/7/1929-28/7/2024).",
     None, ("other", "2024-07-28", "Liên đoàn Lao động tỉnh Bắc Giang")),
    ("Tối 27/7/2024, Công đoàn Viên chức thành phố Hà Nội tổ chức Lễ tôn vinh 95 cán bộ công đoàn tiêu biểu.",
     None, ("award_ceremony", "2024-07-27", "Công đoàn Viên chức thành phố Hà Nội")),
    ("Sáng 26/4/2024, Liên đoàn Lao động tỉnh Quảng Ngãi long trọng tổ chức Lễ tuyên dương Chủ tịch công đoàn cơ sở "
     "tiêu biểu.",
     None, ("award_ceremony", "2024-04-26", "Liên đoàn Lao động tỉnh Quảng Ngãi")),
    ("Chiều 15/5/2024, Công đoàn Khu kinh tế tỉnh Bình Định tổ chức Lễ biểu dương công nhân lao động giỏi năm 2024.",
     None, ("award_ceremony", "2024-05-15", "Công đoàn Khu kinh tế tỉnh Bình Định")),
    ("Sáng 4/5/2024, Liên đoàn Lao động huyện Đức Trọng tổ chức Lễ phát động Tháng Công nhân và Tháng hành động về an "
     "toàn, vệ sinh lao động năm 2024.",
     None, ("campaign_launch", "2024-05-04", "Liên đoàn Lao động huyện Đức Trọng")),
    ("Ngày 20/3/2024, Công đoàn Điện lực Quảng Nam tổ chức Lễ ra quân hưởng ứng Giờ Trái đất.",
     None, ("campaign_launch", "2024-03-20", "Công đoàn Điện lực Quảng Nam")),
    ("Sáng 12/5/2024, Liên đoàn Lao động thị xã Bến Cát tổ chức Lễ mít tinh hưởng ứng Tháng Công nhân năm 2024.",
     None, ("campaign_launch", "2024-05-12", "Liên đoàn Lao động thị xã Bến Cát")),
    ("Ngày 15/6/2024, Liên đoàn Lao động tỉnh Tây Ninh tổ chức hội thảo khoa học về vai trò của tổ chức công đoàn.",
     None, ("other", "2024-06-15", "Liên đoàn Lao động tỉnh Tây Ninh")),
    ("Chiều 7/11/2023, Công đoàn Giáo dục tỉnh An Giang tổ chức tọa đàm kỷ niệm 41 năm Ngày Nhà giáo Việt Nam.",
     None, ("other", "2023-11-07", "Công đoàn Giáo dục tỉnh An Giang")),
    ("Từ ngày 18 đến 20/9/2023, Liên đoàn Lao động tỉnh Kon Tum tổ chức lớp tập huấn nghiệp vụ cho cán bộ công đoàn cơ "
     "sở.",
     None, ("other", "2023-09-18", "Liên đoàn Lao động tỉnh Kon Tum")),
    ("Sáng 6/10/2023, Liên đoàn Lao động huyện Hải Hậu khai mạc Giải cầu lông công nhân viên chức lao động năm 2023.",
     None, ("other", "2023-10-06", "Liên đoàn Lao động huyện Hải Hậu")),
    ("Ngày 29/4/2024, Công đoàn ngành Giao thông vận tải tỉnh Thái Bình tổ chức Hội thao chào mừng Tháng Công nhân.",
     None, ("other", "2024-04-29", "Công đoàn ngành Giao thông vận tải tỉnh Thái Bình")),
    ("Tối 30/4/2024, Công đoàn Khu công nghiệp tỉnh Hải Dương tổ chức Hội diễn văn nghệ công nhân lao động.",
     None, ("other", "2024-04-30", "Công đoàn Khu công nghiệp tỉnh Hải Dương")),
    ("Sáng 19/1/2025, Liên đoàn Lao động tỉnh Long An tổ chức Chương trình Tết Sum vầy - Xuân Ất Tỵ 2025.",
     None, ("other", "2025-01-19", "Liên đoàn Lao động tỉnh Long An")),
    ("Ngày 15/1/2025, Công đoàn Viên chức tỉnh Sơn La tổ chức thăm và tặng quà Tết cho đoàn viên có hoàn cảnh khó khăn.",
     None, ("other", "2025-01-15", "Công đoàn Viên chức tỉnh Sơn La")),
    ("Chiều 22/1/2025, đoàn công tác của Liên đoàn Lao động tỉnh Phú Thọ đã đến thăm, chúc Tết và trao quà cho công "
     "nhân Công ty May Sông Hồng.",
     None, ("other", "2025-01-22", "Liên đoàn Lao động tỉnh Phú Thọ")),
    ("Sáng 8/8/2024, Liên đoàn Lao động huyện Thanh Chương tổ chức bàn giao Mái ấm Công đoàn cho đoàn viên Nguyễn Văn "
     "Thành.",
     None, ("other", "2024-08-08", "Liên đoàn Lao động huyện Thanh Chương")),
    ("Ngày 12/6/2024, Liên đoàn Lao động tỉnh Hà Tĩnh tổ chức lễ khởi công xây dựng Mái ấm Công đoàn.",
     None, ("other", "2024-06-12", "Liên đoàn Lao động tỉnh Hà Tĩnh")),
    ("Sáng 25/8/2024, Công đoàn Giáo dục huyện Gia Lâm tổ chức trao học bổng cho 50 con đoàn viên vượt khó học giỏi.",
     None, ("other", "2024-08-25", "Công đoàn Giáo dục huyện Gia Lâm")),
    ("Chiều 16/10/2024, Liên đoàn Lao động tỉnh Bình Phước phối hợp với UBND tỉnh tổ chức Hội nghị đối thoại với công "
     "nhân lao động.",
     None, ("other", "2024-10-16", "Liên đoàn Lao động tỉnh Bình Phước")),
    ("Ngày 9/4/2024, Công đoàn Viên chức tỉnh Lai Châu tổ chức Hội nghị bầu bổ sung Ủy viên Ban Chấp hành nhiệm kỳ "
     "2023-2028.",
     None, ("other", "2024-04-09", "Công đoàn Viên chức tỉnh Lai Châu")),
    ("Sáng 9/2/2024, Liên đoàn Lao động quận Ninh Kiều tổ chức họp mặt mừng Xuân Giáp Thìn 2024.",
     None, ("other", "2024-02-09", "Liên đoàn Lao động quận Ninh Kiều")),
    ("Chiều 17/7/2024, Liên đoàn Lao động tỉnh Đồng Tháp tổ chức gặp mặt cán bộ công đoàn hưu trí nhân kỷ niệm 95 năm "
     "Ngày thành lập Công đoàn Việt Nam.",
     None, ("other", "2024-07-17", "Liên đoàn Lao động tỉnh Đồng Tháp")),
    ("Ngày 28/9/2024, Công đoàn Tổng công ty Điện lực miền Trung tổ chức chung kết Hội thi An toàn vệ sinh viên giỏi.",
     None, ("other", "2024-09-28", "Công đoàn Tổng công ty Điện lực miền Trung")),
    ("Sáng 20/10/2024, Công đoàn cơ sở Bệnh viện Nhi tỉnh Thanh Hóa tổ chức Ngày hội Phụ nữ khỏe - đẹp.",
     None, ("other", "2024-10-20", "Công đoàn cơ sở Bệnh viện Nhi tỉnh Thanh Hóa")),
    ("Sáng thứ Bảy (ngày 16/3), Liên đoàn Lao động tỉnh Vĩnh Phúc tổ chức Giải bóng đá nam công nhân lao động.",
     "2024-03-18", ("other", "2024-03-16", "Liên đoàn Lao động tỉnh Vĩnh Phúc")),
    ("Vừa qua, ngày 10/3, Công đoàn cơ sở Trường THCS Lê Quý Đôn tổ chức Đại hội nhiệm kỳ 2023-2028.",
     None, ("congress", "2023-03-10", "Công đoàn cơ sở Trường THCS Lê Quý Đôn")),
    ("Ngày 15 tháng 12 năm 2023, Công đoàn Viên chức tỉnh Bạc Liêu tổ chức Hội nghị tổng kết năm 2023.",
     None, ("review_conference", "2023-12-15", "Công đoàn Viên chức tỉnh Bạc Liêu")),
    ("Sáng ngày 05/01/2024, tại Hội trường tỉnh, Liên đoàn Lao động tỉnh Trà Vinh tổ chức Hội nghị tổng kết.",
     None, ("review_conference", "2024-01-05", "Liên đoàn Lao động tỉnh Trà Vinh")),
    ("Hôm qua (21/12), Liên đoàn Lao động tỉnh Thái Nguyên tổ chức Hội nghị tổng kết công tác công đoàn năm 2023.",
     None, ("review_conference", "2023-12-21", "Liên đoàn Lao động tỉnh Thái Nguyên")),
    ("Vào lúc 8 giờ ngày 12/4/2024, Công đoàn ngành Xây dựng tỉnh Nghệ An tổ chức Hội nghị đối thoại.",
     None, ("other", "2024-04-12", "Công đoàn ngành Xây dựng tỉnh Nghệ An")),
    ("Sáng 15.1.2024, Liên đoàn Lao động tỉnh Bình Thuận tổ chức trao 300 phần quà Tết cho công nhân.",
     None, ("other", "2024-01-15", "Liên đoàn Lao động tỉnh Bình Thuận")),
    ("Sáng 4-1-2024, Công đoàn Viên chức tỉnh Ninh Bình tổ chức Hội nghị tổng kết năm 2023.",
     None, ("review_conference", "2024-01-04", "Công đoàn Viên chức tỉnh Ninh Bình")),
    ("Sáng 3/1/2024, Hội nghị tổng kết công tác công đoàn năm 2023 của Liên đoàn Lao động tỉnh Gia Lai đã diễn ra.",
     None, ("review_conference", "2024-01-03", "Liên đoàn Lao động tỉnh Gia Lai")),
    ("Ngày 11/1/2024, Đại hội Công đoàn cơ sở Trường Mầm non Hoa Sen lần thứ IV, nhiệm kỳ 2024-2029 đã diễn ra thành "
     "công tốt đẹp.",
     None, ("congress", "2024-01-11", "Công đoàn cơ sở Trường Mầm non Hoa Sen")),
    ("Sáng 16/4/2024, tại Trung tâm Hội nghị tỉnh, Liên đoàn Lao động tỉnh Quảng Bình đã long trọng tổ chức Lễ tuyên "
     "dương 50 công nhân giỏi.",
     None, ("award_ceremony", "2024-04-16", "Liên đoàn Lao động tỉnh Quảng Bình")),
    ("Chiều 26/12/2023, Hội nghị Ban Chấp hành Công đoàn Viên chức tỉnh Bắc Kạn lần thứ 6 được tổ chức tại Hội trường.",
     None, ("executive_committee_meeting", "2023-12-26", "Công đoàn Viên chức tỉnh Bắc Kạn")),
    ("Ngày 14/3/2024, được sự nhất trí của Liên đoàn Lao động tỉnh, Công đoàn cơ sở Công ty CP Nhựa Tiền Phong tổ chức "
     "Đại hội lần thứ III.",
     None, ("congress", "2024-03-14", "Công đoàn cơ sở Công ty CP Nhựa Tiền Phong")),
    ("Chiều 1/2/2024, Liên đoàn Lao động tỉnh Sóc Trăng và Ngân hàng Chính sách xã hội tỉnh tổ chức trao 100 phần quà "
     "Tết.",
     None, ("other", "2024-02-01", "Liên đoàn Lao động tỉnh Sóc Trăng")),
    ("Sáng 20/1/2024, Ban Thường vụ Liên đoàn Lao động tỉnh Quảng Nam tổ chức thăm và tặng quà Tết cho công nhân lao "
     "động.",
     None, ("other", "2024-01-20", "Liên đoàn Lao động tỉnh Quảng Nam")),
    ("Tại Hội trường Ủy ban nhân dân huyện, sáng 12/3/2024, Liên đoàn Lao động huyện Yên Thế tổ chức Hội nghị tổng kết "
     "công tác năm 2023.",
     None, ("review_conference", "2024-03-12", "Liên đoàn Lao động huyện Yên Thế")),
    ("Sáng 12/3/2024, tại Hà Nội, Tổng Liên đoàn Lao động Việt Nam tổ chức Hội nghị đối thoại với công nhân.",
     None, ("other", "2024-03-12", "Tổng Liên đoàn Lao động Việt Nam")),
    ("Hội nghị tổng kết công tác công đoàn năm 2023 được Công đoàn Viên chức tỉnh Quảng Trị tổ chức vào sáng 12/1/2024.",
     None, ("review_conference", "2024-01-12", "Công đoàn Viên chức tỉnh Quảng Trị")),
    ("Sáng 12/1/2024, đồng chí Nguyễn Văn An, Chủ tịch Liên đoàn Lao động tỉnh Hà Nam dẫn đầu đoàn công tác đến thăm, "
     "tặng quà công nhân.",
     None, ("other", "2024-01-12", "Liên đoàn Lao động tỉnh Hà Nam")),
    ("Sáng 12/5/2023, Đại hội Công đoàn Viên chức tỉnh Bình Dương lần thứ V đã khai mạc.",
     None, ("congress", "2023-05-12", "Công đoàn Viên chức tỉnh Bình Dương")),
    ("Sáng 12/5/2023, Đại hội đại biểu Công đoàn tỉnh Cao Bằng lần thứ XV, nhiệm kỳ 2023-2028 chính thức khai mạc.",
     None, ("congress", "2023-05-12", "Công đoàn tỉnh Cao Bằng")),
    ("Trong 2 ngày (12-13/7/2023), Công đoàn Giáo dục tỉnh Vĩnh Long tổ chức Đại hội lần thứ IX.",
     None, ("congress", "2023-07-12", "Công đoàn Giáo dục tỉnh Vĩnh Long")),
    ("Ngày 23/1/2023 (tức ngày 2 tháng Giêng năm Quý Mão), Công đoàn Viên chức tỉnh Hà Giang tổ chức họp mặt đầu xuân.",
     None, ("other", "2023-01-23", "Công đoàn Viên chức tỉnh Hà Giang")),
    ("Sáng nay (12/3/2024), Liên đoàn Lao động tỉnh Khánh Hòa tổ chức Hội nghị Ban Chấp hành lần thứ 3.",
     None, ("executive_committee_meeting", "2024-03-12", "Liên đoàn Lao động tỉnh Khánh Hòa")),
    ("Sáng 12/3/2024, Hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh Kon Tum lần thứ 10, khóa XI.",
     None, ("executive_committee_meeting", "2024-03-12", "Liên đoàn Lao động tỉnh Kon Tum")),
    ("Hội nghị tổng kết công tác năm 2023 của Công đoàn Viên chức tỉnh Bắc Giang diễn ra sáng 10/1/2024.",
     None, ("review_conference", "2024-01-10", "Công đoàn Viên chức tỉnh Bắc Giang")),
    ("Ngày 21/1/2024, Liên đoàn Lao động tỉnh Nghệ An tổ chức Chương trình “Tết Công đoàn” năm 2024.",
     None, ("other", "2024-01-21", "Liên đoàn Lao động tỉnh Nghệ An")),
    ("Sáng 2/2/2024, Liên đoàn Lao động tỉnh Thanh Hóa tổ chức Chuyến xe Công đoàn đưa công nhân về quê đón Tết.",
     None, ("other", "2024-02-02", "Liên đoàn Lao động tỉnh Thanh Hóa")),
    ("Sáng 12/5/2024, Liên đoàn Lao động huyện Tân Uyên tổ chức Giải cờ vua công nhân lao động.",
     None, ("other", "2024-05-12", "Liên đoàn Lao động huyện Tân Uyên")),
    ("Sáng 12/5/2024, Công đoàn cơ sở Công ty TNHH Giày Đông Hưng tổ chức Lễ kết nạp 200 đoàn viên mới.",
     None, ("other", "2024-05-12", "Công đoàn cơ sở Công ty TNHH Giày Đông Hưng")),
    ("Chiều 12/5/2024, Liên đoàn Lao động huyện Bến Lức tổ chức Lễ công bố quyết định thành lập Công đoàn cơ sở Công ty"
     " TNHH Dệt Long An.",
     None, ("other", "2024-05-12", "Liên đoàn Lao động huyện Bến Lức")),
    ("Sáng 12/4/2024, Công đoàn Viên chức tỉnh Quảng Nam tổ chức Hội nghị giao ban công tác công đoàn quý I.",
     None, ("other", "2024-04-12", "Công đoàn Viên chức tỉnh Quảng Nam")),
    ("Ngày 12/4/2024, Liên đoàn Lao động tỉnh Bình Phước tổ chức Kỳ họp thứ 5 Ban Chấp hành khóa XI.",
     None, ("executive_committee_meeting", "2024-04-12", "Liên đoàn Lao động tỉnh Bình Phước")),
    ("Sáng 12/4/2024, Liên đoàn Lao động tỉnh Vĩnh Long tổ chức Hội nghị lần thứ hai Ban Chấp hành khóa XII.",
     None, ("executive_committee_meeting", "2024-04-12", "Liên đoàn Lao động tỉnh Vĩnh Long")),
    ("Sáng 27/7/2024, Liên đoàn Lao động tỉnh Thái Nguyên tổ chức Lễ trao Giải thưởng Nguyễn Đức Cảnh.",
     None, ("award_ceremony", "2024-07-27", "Liên đoàn Lao động tỉnh Thái Nguyên")),
    ("Sáng 28/7/2024, Công đoàn Cao su Việt Nam tổ chức Lễ đón nhận Huân chương Lao động hạng Nhất.",
     None, ("other", "2024-07-28", "Công đoàn Cao su Việt Nam")),
    ("Tối 30/4/2024, Liên đoàn Lao động tỉnh Đắk Lắk tổ chức Lễ hưởng ứng Tháng Công nhân năm 2024.",
     None, ("campaign_launch", "2024-04-30", "Liên đoàn Lao động tỉnh Đắk Lắk")),
    ("Từ 12/3 đến 15/3/2024, Liên đoàn Lao động tỉnh Quảng Bình tổ chức 4 lớp tập huấn cho cán bộ công đoàn cơ sở.",
     None, ("other", "2024-03-12", "Liên đoàn Lao động tỉnh Quảng Bình")),
    ("Sáng ngày 12 tháng 3 năm 2024, Công đoàn Viên chức tỉnh Quảng Ngãi tổ chức hội nghị tổng kết.",
     None, ("review_conference", "2024-03-12", "Công đoàn Viên chức tỉnh Quảng Ngãi")),
    ("Sáng 12/3/24, Công đoàn Viên chức tỉnh Quảng Ngãi tổ chức hội nghị tổng kết.",
     None, ("review_conference", "2024-03-12", "Công đoàn Viên chức tỉnh Quảng Ngãi")),
    ("Sáng 12/3/2024, Công ty TNHH Điện tử Foster phối hợp với Công đoàn cơ sở Công ty tổ chức Hội nghị người lao động "
     "năm 2024.",
     None, ("other", "2024-03-12", "Công ty TNHH Điện tử Foster")),
    ("Chiều 15/1/2024, Liên đoàn Lao động tỉnh Hà Tĩnh tổ chức Chương trình “Tết Sum vầy” năm 2024 cho công nhân lao "
     "động.",
     None, ("other", "2024-01-15", "Liên đoàn Lao động tỉnh Hà Tĩnh")),
    ("Ngày 10/11/2023, Công đoàn cơ sở Trường Đại học Vinh tổ chức Đại hội thành lập Công đoàn cơ sở.",
     None, ("congress", "2023-11-10", "Công đoàn cơ sở Trường Đại học Vinh")),
    ("Sáng 15/1/2024, tại Trung tâm Văn hóa tỉnh, Liên đoàn Lao động tỉnh Lào Cai tổ chức Hội nghị tổng kết công tác "
     "công đoàn năm 2023, triển khai nhiệm vụ năm 2024.",
     None, ("review_conference", "2024-01-15", "Liên đoàn Lao động tỉnh Lào Cai")),
    ("Ngày 18/1/2024, Liên đoàn Lao động tỉnh Cà Mau tổ chức trao hỗ trợ cho 100 đoàn viên bị mất việc làm.",
     None, ("other", "2024-01-18", "Liên đoàn Lao động tỉnh Cà Mau")),
    ("Sáng 12/3/2024, đoàn công tác của Liên đoàn Lao động tỉnh Gia Lai do đồng chí Nguyễn Văn Bình, Phó Chủ tịch làm "
     "trưởng đoàn đã đến thăm và tặng quà công nhân.",
     None, ("other", "2024-03-12", "Liên đoàn Lao động tỉnh Gia Lai")),
    ("Sáng 12/3/2024, Thường trực Liên đoàn Lao động tỉnh Sơn La tổ chức gặp mặt cán bộ công đoàn chuyên trách.",
     None, ("other", "2024-03-12", "Liên đoàn Lao động tỉnh Sơn La")),
    ("Sáng 12/3/2024, lãnh đạo Công đoàn ngành Y tế tỉnh Nam Định đã đến thăm và trao quà cho đoàn viên Bệnh viện Đa "
     "khoa tỉnh.",
     None, ("other", "2024-03-12", "Công đoàn ngành Y tế tỉnh Nam Định")),
    ("Sáng 12/3/2024, Ủy ban nhân dân tỉnh Tuyên Quang và Liên đoàn Lao động tỉnh đồng tổ chức Hội nghị đối thoại với "
     "công nhân.",
     None, ("other", "2024-03-12", "Ủy ban nhân dân tỉnh Tuyên Quang")),
    ("Sáng 12/3/2024, Liên đoàn Lao động tỉnh Lai Châu chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội tổ "
     "chức Hội nghị đối thoại.",
     None, ("other", "2024-03-12", "Liên đoàn Lao động tỉnh Lai Châu")),
    ("Sáng 12/3/2024, tại Công ty Cổ phần May 10, Công đoàn Dệt May Việt Nam tổ chức Lễ phát động thi đua.",
     None, ("campaign_launch", "2024-03-12", "Công đoàn Dệt May Việt Nam")),
    ("Sáng 12/3/2024, tại Hội trường Liên đoàn Lao động tỉnh, Công đoàn Giáo dục tỉnh Bình Định tổ chức Hội nghị tổng "
     "kết.",
     None, ("review_conference", "2024-03-12", "Công đoàn Giáo dục tỉnh Bình Định")),
    ("Sáng 12/3/2024, Công đoàn cơ sở Trường THCS Lê Lợi, trực thuộc Công đoàn Giáo dục huyện Đông Hòa tổ chức Đại hội "
     "lần thứ V.",
     None, ("congress", "2024-03-12", "Công đoàn cơ sở Trường THCS Lê Lợi")),
    ("Sáng 12/3/2024, Công đoàn cơ sở Trường THCS Lê Lợi (trực thuộc Công đoàn Giáo dục huyện Đông Hòa) tổ chức Đại hội"
     " lần thứ V.",
     None, ("congress", "2024-03-12", "Công đoàn cơ sở Trường THCS Lê Lợi")),
    ("Sáng 12/3/2024, Công đoàn Bệnh viện Đa khoa tỉnh Ninh Bình phối hợp với Ban Giám đốc Bệnh viện tổ chức Hội nghị "
     "viên chức, người lao động năm 2024.",
     None, ("other", "2024-03-12", "Công đoàn Bệnh viện Đa khoa tỉnh Ninh Bình")),
    ("Được sự đồng ý của Liên đoàn Lao động huyện, sáng 12/3/2024, Công đoàn xã Tân Phú tổ chức Đại hội lần thứ III.",
     None, ("congress", "2024-03-12", "Công đoàn xã Tân Phú")),
    ("Sáng 12/3/2024, Liên đoàn Lao động tỉnh Đồng Nai tổ chức trao 20 Mái ấm Công đoàn cho đoàn viên có hoàn cảnh khó "
     "khăn tại Công ty TNHH Changshin Việt Nam.",
     None, ("other", "2024-03-12", "Liên đoàn Lao động tỉnh Đồng Nai")),
    ("Chiều 12/3/2024, Công đoàn các Khu công nghiệp tỉnh Bắc Giang tổ chức Hội nghị tập huấn pháp luật cho công nhân "
     "các doanh nghiệp.",
     None, ("other", "2024-03-12", "Công đoàn các Khu công nghiệp tỉnh Bắc Giang")),
]


@pytest.mark.parametrize(("text", "published", "expected"), GENRE_LEADS)
def test_the_genres_event_vocabulary(text: str, published: str | None, expected: tuple[str, str, str]) -> None:
    found = events(text, published=published)
    assert (found[0]["type"], found[0]["date"], found[0]["organiser"]) == expected


# Whole short reports: every event they report, in order.
GENRE_REPORTS = [
    ("Trong các ngày 15, 16/3/2024, Công đoàn Giáo dục tỉnh Hà Nam tổ chức Hội thao giáo viên.",
     None, [("other", "2024-03-15", "Công đoàn Giáo dục tỉnh Hà Nam")]),
    ("Từ ngày 15 - 17/3/2024, Công đoàn Giáo dục tỉnh Hà Nam tổ chức Hội thao giáo viên.",
     None, [("other", "2024-03-15", "Công đoàn Giáo dục tỉnh Hà Nam")]),
    ("Trong hai ngày 22-23/5, Liên đoàn Lao động tỉnh Phú Thọ tổ chức Đại hội Công đoàn tỉnh lần thứ XVIII, nhiệm kỳ "
     "2023-2028.",
     None, [("congress", "2023-05-22", "Liên đoàn Lao động tỉnh Phú Thọ")]),
    ("NTO - Sáng 14/1, Liên đoàn Lao động tỉnh Ninh Thuận tổ chức Hội nghị tổng kết công tác công đoàn năm 2023.",
     None, [("review_conference", "2024-01-14", "Liên đoàn Lao động tỉnh Ninh Thuận")]),
    ("(LĐLĐ Thái Bình) - Chiều 10/10, Liên đoàn Lao động tỉnh Thái Bình tổ chức Hội nghị đối thoại với đoàn viên.",
     "2024-10-11", [("other", "2024-10-10", "Liên đoàn Lao động tỉnh Thái Bình")]),
    ("Vừa qua, Công đoàn cơ sở Trường Mầm non Sơn Ca tổ chức Đại hội Công đoàn nhiệm kỳ 2023-2028.",
     None, [("congress", None, "Công đoàn cơ sở Trường Mầm non Sơn Ca")]),
    ("Mới đây, Liên đoàn Lao động huyện Quế Võ đã tổ chức trao 50 suất học bổng cho con đoàn viên.",
     None, [("other", None, "Liên đoàn Lao động huyện Quế Võ")]),
    ("Chủ nhật (14/1), Công đoàn Khu công nghiệp tỉnh Bắc Ninh tổ chức Chợ Tết Công đoàn năm 2024.",
     None, [("other", "2024-01-14", "Công đoàn Khu công nghiệp tỉnh Bắc Ninh")]),
    ("Sáng 9/12/2023, Liên đoàn Lao động tỉnh Hưng Yên tổ chức Hội nghị điển hình tiên tiến giai đoạn 2018-2023.",
     None, [("award_ceremony", "2023-12-09", "Liên đoàn Lao động tỉnh Hưng Yên")]),
    ("Sáng 15/11/2024, Công đoàn Viên chức tỉnh Hậu Giang tổ chức Lễ trao giải Cuộc thi tìm hiểu pháp luật lao động.",
     None, [("award_ceremony", "2024-11-15", "Công đoàn Viên chức tỉnh Hậu Giang")]),
    ("Chiều 28/12/2023, tại hội trường Công ty Cổ phần Cao su Phước Hòa, Công đoàn Cao su Việt Nam tổ chức Hội nghị "
     "tổng kết năm 2023.",
     None, [("review_conference", "2023-12-28", "Công đoàn Cao su Việt Nam")]),
    ("Ngày 5/1/2024, Công đoàn Viên chức tỉnh Tiền Giang tổ chức Hội nghị tổng kết năm 2023. Trước đó, ngày 3/1/2024, "
     "Công đoàn Viên chức tỉnh đã tổ chức Hội nghị Ban Chấp hành lần thứ 4.",
     None, [
         ("review_conference", "2024-01-05", "Công đoàn Viên chức tỉnh Tiền Giang"),
         ("executive_committee_meeting", "2024-01-03", "Công đoàn Viên chức tỉnh Tiền Giang"),
     ]),
    ("Sáng 18/5/2024, Liên đoàn Lao động tỉnh Lạng Sơn tổ chức Lễ tuyên dương 95 công nhân lao động tiêu biểu. Cùng "
     "ngày, Liên đoàn Lao động tỉnh tổ chức Lễ báo công dâng Bác tại Quảng trường.",
     None, [
         ("award_ceremony", "2024-05-18", "Liên đoàn Lao động tỉnh Lạng Sơn"),
         ("other", "2024-05-18", "Liên đoàn Lao động tỉnh Lạng Sơn"),
     ]),
    ("Chiều 10/1/2024, Công đoàn Viên chức tỉnh Yên Bái tổ chức Hội nghị tổng kết năm 2023. Bên lề hội nghị, Công đoàn "
     "Viên chức tỉnh đã trao 20 suất quà Tết cho đoàn viên khó khăn.",
     None, [
         ("review_conference", "2024-01-10", "Công đoàn Viên chức tỉnh Yên Bái"),
         ("other", "2024-01-10", "Công đoàn Viên chức tỉnh Yên Bái"),
     ]),
    ("Ngày 20/6/2024, Liên đoàn Lao động huyện Mỹ Đức tổ chức Hội nghị sơ kết 6 tháng đầu năm 2024. Sau hội nghị, Liên "
     "đoàn Lao động huyện trao Mái ấm Công đoàn cho đoàn viên Lê Thị Hoa.",
     None, [
         ("review_conference", "2024-06-20", "Liên đoàn Lao động huyện Mỹ Đức"),
         ("other", "2024-06-20", "Liên đoàn Lao động huyện Mỹ Đức"),
     ]),
    ("Sáng 10/1/2024, Liên đoàn Lao động tỉnh Bến Tre tổ chức Hội nghị tổng kết năm 2023. Sau đó, đồng chí Chủ tịch "
     "Liên đoàn Lao động tỉnh phát biểu chỉ đạo hội nghị.",
     None, [("review_conference", "2024-01-10", "Liên đoàn Lao động tỉnh Bến Tre")]),
    ("Sáng 10/1/2024, Liên đoàn Lao động tỉnh Bến Tre tổ chức Hội nghị tổng kết năm 2023. Tiếp đó, hội nghị đã nghe báo"
     " cáo kết quả hoạt động năm 2023.",
     None, [("review_conference", "2024-01-10", "Liên đoàn Lao động tỉnh Bến Tre")]),
    ("Sáng 20/3/2024, Công đoàn cơ sở Trường THPT Nguyễn Du tổ chức Đại hội lần thứ VI. Kết thúc đại hội, các đại biểu "
     "đã bầu 5 đồng chí vào Ban Chấp hành khóa mới.",
     None, [("congress", "2024-03-20", "Công đoàn cơ sở Trường THPT Nguyễn Du")]),
    ("Nhân dịp kỷ niệm 94 năm Ngày thành lập Công đoàn Việt Nam, chiều 27/7/2023, Liên đoàn Lao động thành phố Hải "
     "Phòng tổ chức trao 30 phần quà cho đoàn viên.",
     None, [("other", "2023-07-27", "Liên đoàn Lao động thành phố Hải Phòng")]),
    ("Hướng tới Đại hội Công đoàn tỉnh lần thứ XII, sáng 2/6/2023, Công đoàn Viên chức tỉnh Đắk Nông tổ chức Hội nghị "
     "sơ kết.",
     None, [("review_conference", "2023-06-02", "Công đoàn Viên chức tỉnh Đắk Nông")]),
    ("Sáng 24/11/2023, Công đoàn Viên chức tỉnh Đồng Nai tổ chức Hội nghị tập huấn nghiệp vụ công tác công đoàn năm "
     "2023.",
     None, [("other", "2023-11-24", "Công đoàn Viên chức tỉnh Đồng Nai")]),
    ("Ngày 10/8/2024, Liên đoàn Lao động tỉnh Kiên Giang tổ chức chương trình Ngày hội Công nhân - Phiên chợ Công đoàn "
     "năm 2024.",
     None, [("other", "2024-08-10", "Liên đoàn Lao động tỉnh Kiên Giang")]),
    ("Sáng ngày 5/5/2024 tại Nhà văn hóa Lao động tỉnh, Liên đoàn Lao động tỉnh Hải Dương tổ chức Lễ phát động Tháng "
     "Công nhân năm 2024.",
     None, [("campaign_launch", "2024-05-05", "Liên đoàn Lao động tỉnh Hải Dương")]),
    ("Chiều 3/5, tại Công ty TNHH Samsung Electronics Việt Nam, Liên đoàn Lao động tỉnh Bắc Ninh tổ chức Lễ phát động "
     "Tháng Công nhân năm 2023.",
     None, [("campaign_launch", "2023-05-03", "Liên đoàn Lao động tỉnh Bắc Ninh")]),
    ("Sáng 6/1/2024, Công đoàn Điện lực Việt Nam tổ chức Hội nghị tổng kết công tác công đoàn năm 2023 và triển khai "
     "nhiệm vụ năm 2024.",
     None, [("review_conference", "2024-01-06", "Công đoàn Điện lực Việt Nam")]),
    ("Ngày 16/9/2023, tại thành phố Tuy Hòa, Công đoàn Viên chức tỉnh Phú Yên tổ chức Giải Pickleball cán bộ, đoàn viên"
     " năm 2023.",
     None, [("other", "2023-09-16", "Công đoàn Viên chức tỉnh Phú Yên")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), GENRE_REPORTS)
def test_every_event_a_short_report_gives(text: str, published: str | None,
                                          expected: list[tuple[str, str | None, str]]) -> None:
    assert [(e["type"], e["date"], e["organiser"]) for e in events(text, published=published)] == expected


@pytest.mark.parametrize(("text", "first_day"), [
    ("Ngày mùng 8 tháng 3 năm 2024, hội nghị", DateValue(8, 3, 2024)),
    ("ngày mồng 2/9, công đoàn", DateValue(2, 9, None)),
    ("Sáng thứ 6 (12/4), tại hội trường", DateValue(12, 4, None)),
    ("Ngày 14 và 15 tháng 6 năm 2023, đại hội", DateValue(14, 6, 2023)),
    ("Trong hai ngày 20, 21 tháng 10, hội thao", DateValue(20, 10, None)),
    ("Trong các ngày 15, 16/3/2024, hội thao", DateValue(15, 3, 2024)),
])
def test_time_cued_dates_in_their_written_forms(text: str, first_day: DateValue) -> None:
    found = date_mentions(text, rules()["dates"])
    assert [(m.value, m.cued) for m in found] == [(first_day, True)]


def test_an_occasion_held_by_an_agent_after_do_is_held_and_dated_after_the_verb() -> None:
    found = events("Đó là lời kêu gọi của Chủ tịch Liên đoàn Lao động tỉnh Hà Tĩnh tại lễ phát động phong trào thi "
                   "đua lao động giỏi do Liên đoàn Lao động tỉnh Hà Tĩnh tổ chức sáng nay, 12.4.", published="2024-04-12")
    assert [(e["type"], e["date"], e["organiser"]) for e in found] == [
        ("campaign_launch", "2024-04-12", "Liên đoàn Lao động tỉnh Hà Tĩnh")]
