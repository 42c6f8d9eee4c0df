"""Pattern families of the extractor, each on sentences written for the test (not the seeds)."""

from __future__ import annotations

from typing import Any

import pytest

from kgbuild.annotated import AnnotatedArticle
from kgbuild.article import Article
from kgbuild.nlp.pipeline import annotate_one


def facts(text: str, *, title: str = "Tin công đoàn", published: str | None = None,
          source: str | None = None) -> tuple[AnnotatedArticle, list[dict[str, Any]]]:
    full = f"{title}\n\n{text}"
    annotated = annotate_one(Article(id="t", text=full, title=title, date_published=published, source_name=source))
    out = []
    for r in annotated.relations:
        row = {"type": r.type}
        for k, v in r.args.items():
            entity = annotated.entity(v) if k.endswith("_entity") else None
            row[k.removesuffix("_entity")] = entity.value if entity else v
        out.append(row)
    return annotated, out


def of(rows: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["type"] == kind]


def test_relative_province_is_completed_from_the_source_line() -> None:
    annotated, _ = facts("Sáng 5/1, LĐLĐ tỉnh tổ chức hội nghị tổng kết công tác năm 2024.", source="Nghệ An")
    orgs = [e.value for e in annotated.entities if e.label == "ORG"]
    assert orgs == ["Liên đoàn Lao động tỉnh Nghệ An"]


def test_unknown_province_stays_unresolved_and_article_scoped() -> None:
    annotated, _ = facts("Công đoàn Viên chức tỉnh tổ chức hội nghị.")
    org = next(e for e in annotated.entities if e.label == "ORG")
    assert org.value == "Công đoàn Viên chức tỉnh" and org.key.endswith("@t")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Sáng 12/12, Công đoàn Viên chức tỉnh Nam Định tổ chức hội nghị tổng kết công tác năm 2023, "
     "triển khai nhiệm vụ năm 2024.", ("review_conference", "2023-12-12", "Công đoàn Viên chức tỉnh Nam Định")),
    ("Ngày 20/3/2024, Liên đoàn Lao động tỉnh Bến Tre tổ chức Hội nghị Ban Chấp hành lần thứ 5.",
     ("executive_committee_meeting", "2024-03-20", "Liên đoàn Lao động tỉnh Bến Tre")),
    ("Chiều 2/6/2023, Đại hội Công đoàn ngành Y tế tỉnh Phú Thọ lần thứ VI diễn ra.",
     ("congress", "2023-06-02", "Công đoàn ngành Y tế tỉnh Phú Thọ")),
])
def test_event_type_date_and_organiser(sentence: str, expected: tuple[str, str, str]) -> None:
    _, rows = facts(sentence)
    event = of(rows, "event")[0]
    assert (event["event_type"], event["date"], event["organiser"]) == expected


def test_a_resolution_of_a_past_congress_is_not_an_event() -> None:
    _, rows = facts("Năm 2024, các CĐCS quán triệt Nghị quyết Đại hội XIII Công đoàn Việt Nam.")
    assert of(rows, "event") == []


def test_day_month_date_takes_the_year_of_the_publication() -> None:
    _, rows = facts("Sáng 28/12, Công đoàn Viên chức tỉnh Sơn La tổ chức hội nghị tổng kết.", published="2025-01-03")
    assert of(rows, "event")[0]["date"] == "2024-12-28"


def test_people_with_several_posts_and_title_before_name() -> None:
    _, rows = facts("Sáng 8/1/2025, Công đoàn Viên chức tỉnh Cà Mau tổ chức hội nghị tổng kết. Dự hội nghị có "
                    "đồng chí Trần Minh Khoa, Ủy viên Ban Thường vụ, Trưởng ban Tuyên giáo Liên đoàn Lao động tỉnh; "
                    "Phó Chủ tịch Công đoàn Viên chức tỉnh Cà Mau Lê Thị Thanh Thủy.")
    roles = {(r["person"], r["role"], r["organisation"]) for r in of(rows, "role")}
    assert ("Trần Minh Khoa", "Trưởng ban Tuyên giáo", "Liên đoàn Lao động tỉnh Cà Mau") in roles
    assert ("Trần Minh Khoa", "Ủy viên Ban Thường vụ", "Liên đoàn Lao động tỉnh Cà Mau") in roles
    assert ("Lê Thị Thanh Thủy", "Phó Chủ tịch", "Công đoàn Viên chức tỉnh Cà Mau") in roles
    assert {a["person"] for a in of(rows, "attendance")} == {"Trần Minh Khoa", "Lê Thị Thanh Thủy"}


def test_awards_are_distributed_over_coordinated_recipients_and_grantors() -> None:
    _, rows = facts("Tại hội nghị, 2 tập thể được nhận Cờ thi đua, 3 tập thể được nhận Bằng khen của Tổng LĐLĐ "
                    "Việt Nam; 7 tập thể và 11 cá nhân được nhận Bằng khen của LĐLĐ tỉnh Hưng Yên.")
    got = {(r["award"], r["conferrer"], r["recipient_kind"], r["count"]) for r in of(rows, "award")}
    assert got == {
        ("Cờ thi đua", "Tổng Liên đoàn Lao động Việt Nam", "collective", 2),
        ("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", "collective", 3),
        ("Bằng khen", "Liên đoàn Lao động tỉnh Hưng Yên", "collective", 7),
        ("Bằng khen", "Liên đoàn Lao động tỉnh Hưng Yên", "individual", 11),
    }


def test_award_list_pairs_with_grantor_list() -> None:
    _, rows = facts("Dịp này, đã trao bằng khen, giấy khen của LĐLĐ tỉnh Long An, CĐVC tỉnh Long An cho các tập thể.")
    got = {(r["award"], r["conferrer"], r["recipient_kind"]) for r in of(rows, "award")}
    assert got == {("Bằng khen", "Liên đoàn Lao động tỉnh Long An", "collective"),
                   ("Giấy khen", "Công đoàn Viên chức tỉnh Long An", "collective")}


@pytest.mark.parametrize(("sentence", "measure", "value"), [
    ("Công đoàn ngành Giáo dục tỉnh Bắc Ninh quản lý 320 công đoàn cơ sở.", "grassroots_unions", 320),
    ("Công đoàn ngành Giáo dục tỉnh Bắc Ninh có 320 công đoàn cơ sở với 18.450 đoàn viên.", "members", 18450),
    ("Công đoàn Viên chức tỉnh đã vận động được 1,5 tỷ đồng.", "money_vnd", 1_500_000_000),
    ("Công đoàn Viên chức tỉnh trao 120 suất quà Tết.", "gifts", 120),
    ("Công đoàn Viên chức tỉnh thăm hỏi, tặng quà cho 75 đoàn viên có hoàn cảnh khó khăn.", "gifts", 75),
    ("Có 40 đoàn viên được kết nạp vào Đảng.", "other", 40),
    ("Có 12 CĐCS đạt vững mạnh xuất sắc.", "other", 12),
])
def test_figure_measures(sentence: str, measure: str, value: int) -> None:
    _, rows = facts(sentence)
    assert (measure, value) in {(r["measure"], r["value"]) for r in of(rows, "statistic")}


def test_quoted_movements() -> None:
    _, rows = facts("Các CĐCS đẩy mạnh phong trào thi đua “Giỏi việc nước, đảm việc nhà”, “Lao động giỏi”.")
    assert {r["name"] for r in of(rows, "movement")} == {"Giỏi việc nước, đảm việc nhà", "Lao động giỏi"}


def test_offsets_point_into_the_text() -> None:
    annotated, _ = facts("Sáng 9/1, LĐLĐ tỉnh Lai Châu tổ chức hội nghị tổng kết.")
    for entity in annotated.entities:
        assert annotated.article.text[entity.start:entity.end] == entity.text


def test_unqualified_provincial_bodies_take_the_article_province() -> None:
    _, rows = facts("Sáng 15/1, Công đoàn ngành Y tế tổ chức hội nghị tổng kết. Dự hội nghị có đồng chí "
                            "Lê Văn Nam, Giám đốc Sở Y tế.", source="Gia Lai")
    assert of(rows, "event")[0]["organiser"] == "Công đoàn ngành Y tế tỉnh Gia Lai"
    assert of(rows, "role")[0]["organisation"] == "Sở Y tế tỉnh Gia Lai"


def test_bare_district_federation_refers_to_the_one_named_before() -> None:
    _, rows = facts("Ngày 5/1/2024, Liên đoàn Lao động huyện Tiên Du tổ chức hội nghị tổng kết. "
                    "Nhân dịp này, Liên đoàn Lao động huyện tặng Giấy khen cho 9 tập thể.")
    assert of(rows, "award")[0]["conferrer"] == "Liên đoàn Lao động huyện Tiên Du"


def test_lower_case_institution_word_names_the_school_mentioned_before() -> None:
    _, rows = facts("Chiều 3/10/2023, Công đoàn cơ sở Trường THCS Lê Lợi tổ chức Đại hội. Dự đại hội có ông "
                    "Đỗ Văn Bình, Hiệu trưởng nhà trường.")
    assert of(rows, "role")[0]["organisation"] == "Trường THCS Lê Lợi"


def test_named_recipient_and_a_name_that_does_not_run_into_the_verb() -> None:
    _, rows = facts("Tại hội nghị, Công đoàn cơ sở Sở Nội vụ được nhận Giấy khen của Công đoàn Viên chức tỉnh "
                    "Phú Yên.")
    award = of(rows, "award")[0]
    # the department's province is the one the sentence names, as for the department itself
    assert (award["recipient"], award["recipient_kind"], award["count"]) == \
        ("Công đoàn cơ sở Sở Nội vụ tỉnh Phú Yên", "collective", None)
    assert award["conferrer"] == "Công đoàn Viên chức tỉnh Phú Yên"


def test_a_post_that_names_its_own_body_does_not_share_the_next_body() -> None:
    _, rows = facts("Ngày 9/9/2023, Liên đoàn Lao động tỉnh Hà Nam tổ chức Đại hội. Dự đại hội có đồng chí "
                    "Trần Văn Phúc, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Hà Nam.")
    roles = {(r["role"], r["organisation"]) for r in of(rows, "role")}
    assert roles == {("Ủy viên Trung ương Đảng", None), ("Bí thư", "Tỉnh ủy Hà Nam")}
    assert of(rows, "attendance")[0]["role"] == "Bí thư", "the capacity is the last post tied to a body"


def test_undated_conference_implied_by_tai_hoi_nghi_tong_ket() -> None:
    _, rows = facts("Tại hội nghị tổng kết, Công đoàn Viên chức tỉnh tặng Giấy khen cho 6 tập thể.",
                    title="Công đoàn Viên chức tỉnh nâng cao chất lượng hoạt động")
    event = of(rows, "event")[0]
    assert (event["event_type"], event["date"]) == ("review_conference", None)


def test_membership_total_announced_before_the_figure() -> None:
    _, rows = facts("Năm 2023, Công đoàn Viên chức tỉnh kết nạp mới 120 đoàn viên, nâng tổng số đoàn viên lên "
                    "8.640 người.")
    assert ("members", 8640) in {(r["measure"], r["value"]) for r in of(rows, "statistic")}
    assert ("other", 120) in {(r["measure"], r["value"]) for r in of(rows, "statistic")}


def test_grantor_named_through_its_head_and_the_government() -> None:
    _, rows = facts("Dịp này, 3 tập thể được nhận Bằng khen của Chủ tịch UBND tỉnh Kon Tum; 1 tập thể được nhận "
                    "Bằng khen của Thủ tướng Chính phủ.")
    got = {(r["conferrer"], r["count"]) for r in of(rows, "award")}
    assert got == {("Ủy ban nhân dân tỉnh Kon Tum", 3), ("Thủ tướng Chính phủ", 1)}


def test_party_committee_member_is_a_post_in_that_committee() -> None:
    _, rows = facts("Sáng 6/1/2025, Công đoàn Viên chức tỉnh Yên Bái tổ chức hội nghị tổng kết. Dự có đồng chí "
                    "Hà Văn Thành, Tỉnh ủy viên, Chủ tịch Liên đoàn Lao động tỉnh.")
    roles = {(r["role"], r["organisation"]) for r in of(rows, "role")}
    assert roles == {("Tỉnh ủy viên", "Tỉnh ủy Yên Bái"), ("Chủ tịch", "Liên đoàn Lao động tỉnh Yên Bái")}


def _posts(rows: list[dict[str, Any]], kind: str = "role") -> set[tuple[str, str, str | None]]:
    return {(r["person"], r["role"], r["organisation"]) for r in of(rows, kind)}


@pytest.mark.parametrize(("text", "expected"), [
    # a body named by its kind alone after a post is the body of that kind named before
    ("Chiều 11/1/2024, Công đoàn ngành Xây dựng tổ chức hội nghị. Ông Lý Văn Tư, Chủ tịch Công đoàn ngành chủ trì.",
     ("Lý Văn Tư", "Chủ tịch", "Công đoàn ngành Xây dựng tỉnh Lào Cai")),
    ("Sáng 4/1/2024, LĐLĐ tỉnh tổng kết công tác năm. Bà Lục Thị Hiền, Phó Chủ tịch Liên đoàn báo cáo.",
     ("Lục Thị Hiền", "Phó Chủ tịch", "Liên đoàn Lao động tỉnh Lào Cai")),
    ("Ngày 18/8/2023, Đại hội Công đoàn cơ sở Chi cục Thuế khu vực Bảo Yên diễn ra. Đồng chí Hoàng Thị Nga, Chủ "
     "tịch Công đoàn cơ sở trình bày báo cáo.", ("Hoàng Thị Nga", "Chủ tịch", "Công đoàn cơ sở Chi cục Thuế khu vực Bảo Yên")),
    # a lone "Công đoàn" after a post is the article's own union, here one of no institution
    ("Sáng 21/11/2023, Công đoàn Viên chức tỉnh khai mạc Đại hội lần thứ IV. Bà Giàng Thị Dung, Chủ tịch Công đoàn "
     "trình bày báo cáo.", ("Giàng Thị Dung", "Chủ tịch", "Công đoàn Viên chức tỉnh Lào Cai")),
])
def test_a_body_named_by_its_kind_alone_after_a_post(text: str, expected: tuple[str, str, str]) -> None:
    _, rows = facts(text, source="Lào Cai")
    assert expected in _posts(rows)
    assert expected in _posts(rows, "attendance")


@pytest.mark.parametrize(("text", "expected"), [
    ("Ngày 15/3/2024, LĐLĐ tỉnh tổ chức hội nghị. Về phía Tổng LĐLĐ Việt Nam có đồng chí Phan Văn Anh, Phó Chủ tịch.",
     ("Phan Văn Anh", "Phó Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam")),
    ("Ngày 15/3/2024, Công đoàn Y tế tỉnh tổ chức hội nghị. Đại diện LĐLĐ tỉnh có bà Mai Thị Quế, Trưởng ban Nữ công.",
     ("Mai Thị Quế", "Trưởng ban Nữ công", "Liên đoàn Lao động tỉnh Hòa Bình")),
])
def test_a_post_without_a_body_takes_the_body_the_sentence_opens_with(text: str, expected: tuple[str, str, str]) -> None:
    _, rows = facts(text, source="Hòa Bình")
    assert expected in _posts(rows)


def test_a_post_and_its_body_parted_by_phu_trach() -> None:
    _, rows = facts("Ngày 3/5/2024, LĐLĐ huyện Đình Lập tổ chức hội nghị. Dự có ông Nông Văn Sáng, Phó Chủ tịch phụ "
                    "trách UBND huyện Đình Lập.")
    assert ("Nông Văn Sáng", "Phó Chủ tịch", "Ủy ban nhân dân huyện Đình Lập") in _posts(rows)


def test_two_posts_without_a_separator_in_an_article_about_a_school() -> None:
    _, rows = facts("Ngày 12/10/2023, Công đoàn cơ sở Trường THPT Lương Thế Vinh tổ chức Đại hội.\n"
                    "+ Thầy Đoàn Văn Kiên - Bí thư chi bộ Hiệu trưởng nhà trường\n"
                    "+ Cô Phạm Thị Huệ - Phó hiệu trưởng nhà trường")
    posts = _posts(rows)
    assert ("Đoàn Văn Kiên", "Bí thư", "Chi bộ Trường THPT Lương Thế Vinh") in posts
    assert ("Đoàn Văn Kiên", "Hiệu trưởng", "Trường THPT Lương Thế Vinh") in posts
    assert ("Phạm Thị Huệ", "Phó Hiệu trưởng", "Trường THPT Lương Thế Vinh") in posts
    assert ("Đoàn Văn Kiên", "Hiệu trưởng", "Trường THPT Lương Thế Vinh") in _posts(rows, "attendance")


def test_a_post_elected_at_a_congress_is_in_the_congress_body() -> None:
    _, rows = facts("Sáng 20/7/2023, Công đoàn Viên chức tỉnh Lai Châu tổ chức Đại hội lần thứ III. Đại hội đã bầu "
                    "15 đồng chí vào Ban Chấp hành; đồng chí Tao Văn Ón được bầu giữ chức Chủ tịch, đồng chí Lò Thị "
                    "Mai được bầu làm Phó Chủ tịch.")
    posts = _posts(rows)
    assert ("Tao Văn Ón", "Chủ tịch", "Công đoàn Viên chức tỉnh Lai Châu") in posts
    assert ("Lò Thị Mai", "Phó Chủ tịch", "Công đoàn Viên chức tỉnh Lai Châu") in posts


def test_posts_in_associations_and_in_bodies_that_begin_inside_the_post() -> None:
    _, rows = facts("Ngày 8/3/2024, LĐLĐ tỉnh tổ chức hội nghị. Dự có bà Hà Thị Nga, Chủ tịch Hội Liên hiệp Phụ nữ "
                    "tỉnh; ông Vũ Đức Mạnh, Chủ tịch Hiệp hội Doanh nghiệp tỉnh; ông Lê Quang Tùng, Trưởng Ban Quản lý "
                    "các Khu công nghiệp tỉnh.", source="Hải Dương")
    posts = _posts(rows)
    assert ("Hà Thị Nga", "Chủ tịch", "Hội Liên hiệp Phụ nữ tỉnh Hải Dương") in posts
    assert ("Vũ Đức Mạnh", "Chủ tịch", "Hiệp hội Doanh nghiệp tỉnh Hải Dương") in posts
    assert ("Lê Quang Tùng", "Trưởng ban", "Ban Quản lý các Khu công nghiệp tỉnh Hải Dương") in posts


def test_a_capitalised_union_named_by_its_kind_as_the_agent_of_an_award() -> None:
    _, rows = facts("Ngày 3/1/2024, Công đoàn cơ sở Trường THPT Nguyễn Trãi tổ chức hội nghị tổng kết. Có 5 đoàn viên "
                    "được Công đoàn cơ sở tặng Giấy khen.")
    assert {(r["conferrer"], r["count"]) for r in of(rows, "award")} == \
        {("Công đoàn cơ sở Trường THPT Nguyễn Trãi", 5)}
