"""Award rules on sentences written for these tests: word orders, forms, kinds, counts, grantors."""

from __future__ import annotations

from typing import Any

import pytest

from kgbuild.article import Article
from kgbuild.nlp.pipeline import annotate_one
from kgbuild.nlp.relations.awards import parse_recipients


def awards(text: str, *, title: str = "Tin công đoàn", source: str | None = None) -> set[tuple[Any, ...]]:
    """(award, conferrer, kind, count) of every award fact of a one-paragraph article."""
    annotated = annotate_one(Article(id="t", text=f"{title}\n\n{text}", title=title, source_name=source))
    out = set()
    for r in annotated.relations:
        if r.type == "award":
            conferrer = annotated.entity(r.args["conferrer_entity"]) if r.args["conferrer_entity"] else None
            out.add((r.args["award"], conferrer.value if conferrer else None, r.args["recipient_kind"],
                     r.args["count"]))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("9 tập thể và 15 cá nhân được nhận", [("collective", 9), ("individual", 15)]),
    ("05 đơn vị, 11 đoàn viên xuất sắc", [("collective", 5), ("individual", 11)]),
    ("07 công đoàn cơ sở vững mạnh và 40 cá nhân", [("collective", 7), ("individual", 40)]),
    ("nhiều tập thể và cá nhân", [("collective", None), ("individual", None)]),
    ("các đồng chí", [("individual", None)]),
    ("31 tập thể, cá nhân tiêu biểu", []),
    ("hội nghị tổng kết", []),
])
def test_recipient_groups(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert parse_recipients(text) == expected


def test_passive_order_with_grantor_after_the_form() -> None:
    got = awards("Dịp này, 04 tập thể và 06 cá nhân được tặng Bằng khen của Liên đoàn Lao động tỉnh Sóc Trăng.")
    assert got == {("Bằng khen", "Liên đoàn Lao động tỉnh Sóc Trăng", "collective", 4),
                   ("Bằng khen", "Liên đoàn Lao động tỉnh Sóc Trăng", "individual", 6)}


def test_passive_order_with_the_agent_before_the_verb() -> None:
    got = awards("Năm học qua, 8 tập thể và 19 cá nhân được Công đoàn ngành Giáo dục tỉnh Trà Vinh tặng Giấy khen.")
    assert got == {("Giấy khen", "Công đoàn ngành Giáo dục tỉnh Trà Vinh", "collective", 8),
                   ("Giấy khen", "Công đoàn ngành Giáo dục tỉnh Trà Vinh", "individual", 19)}


def test_active_order_with_a_colon_before_the_recipients() -> None:
    got = awards("Liên đoàn Lao động tỉnh Yên Bái tặng Bằng khen của Tổng LĐLĐ Việt Nam cho: 2 tập thể và 9 cá nhân.")
    assert got == {("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", "collective", 2),
                   ("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", "individual", 9)}


def test_groups_split_by_a_qualifier_still_coordinate() -> None:
    got = awards("Tại hội nghị, Công đoàn Viên chức tỉnh Sơn La tặng Giấy khen cho 14 tập thể có thành tích trong "
                 "phong trào “Xanh, sạch, đẹp”, 6 tập thể và 27 cá nhân có thành tích trong hội thao.")
    assert {(kind, count) for _, _, kind, count in got} == {("collective", 14), ("collective", 6), ("individual", 27)}


def test_count_written_before_the_form() -> None:
    got = awards("Nhân dịp này, Tổng Liên đoàn Lao động Việt Nam trao tặng 12 Bằng Lao động sáng tạo cho các "
                 "đồng chí có sáng kiến tiêu biểu.")
    assert got == {("Bằng Lao động sáng tạo", "Tổng Liên đoàn Lao động Việt Nam", "individual", 12)}


def test_a_qualifier_is_not_part_of_the_form_and_the_flag_goes_to_a_collective() -> None:
    got = awards("Năm 2023, Công đoàn Y tế tỉnh An Giang vinh dự được nhận Cờ thi đua xuất sắc toàn diện của "
                 "Liên đoàn Lao động tỉnh An Giang.")
    assert got == {("Cờ thi đua", "Liên đoàn Lao động tỉnh An Giang", "collective", None)}


def test_a_named_recipient_has_no_count() -> None:
    got = awards("Liên đoàn Lao động tỉnh Đắk Nông tặng Giấy khen cho Công đoàn Viên chức tỉnh Đắk Nông.")
    assert got == {("Giấy khen", "Liên đoàn Lao động tỉnh Đắk Nông", "collective", None)}


@pytest.mark.parametrize("sentence", [
    "Sáng 12/5, Công đoàn Viên chức tỉnh Phú Thọ khen thưởng 6 tập thể và 31 cá nhân có thành tích xuất sắc.",
    "Sáng 12/5, Công đoàn Viên chức tỉnh Phú Thọ tổ chức lễ tuyên dương, khen thưởng 6 tập thể và 31 cá nhân.",
    "Sáng 12/5, 6 tập thể và 31 cá nhân được Công đoàn Viên chức tỉnh Phú Thọ khen thưởng.",
])
def test_a_commendation_that_names_no_form(sentence: str) -> None:
    assert awards(sentence) == {("khen thưởng", "Công đoàn Viên chức tỉnh Phú Thọ", "collective", 6),
                                ("khen thưởng", "Công đoàn Viên chức tỉnh Phú Thọ", "individual", 31)}


def test_uncounted_commendations_and_mixed_counts_are_not_recorded() -> None:
    assert awards("Hội nghị cũng biểu dương các cá nhân tiêu biểu. Dịp này, 48 tập thể, cá nhân được "
                  "Liên đoàn Lao động tỉnh Bình Thuận khen thưởng.") == set()


def test_a_recipient_list_after_a_semicolon_continues_the_award() -> None:
    got = awards("Liên đoàn Lao động huyện Mê Linh khen thưởng 4 tập thể và 10 cá nhân xuất sắc năm 2023; "
                 "1 tập thể và 5 cá nhân trong phong trào “Xanh - Sạch - Đẹp”.")
    assert {(kind, count) for *_, kind, count in got} == {("collective", 4), ("individual", 10),
                                                           ("collective", 1), ("individual", 5)}
    assert {c for _, c, _, _ in got} == {"Liên đoàn Lao động huyện Mê Linh"}


def test_a_caption_and_a_headline_repeat_the_body() -> None:
    text = ("Lãnh đạo Công đoàn Viên chức tỉnh Quảng Trị trao Giấy khen cho các cá nhân tiêu biểu.\n"
            "Chiều 3/4, Công đoàn Viên chức tỉnh Quảng Trị tặng Giấy khen cho 42 cá nhân.")
    got = awards(text, title="Tuyên dương 42 cá nhân tiêu biểu")
    assert got == {("Giấy khen", "Công đoàn Viên chức tỉnh Quảng Trị", "individual", 42)}


def test_each_grantor_of_a_clause_gives_its_own_award() -> None:
    got = awards("Tại buổi lễ, Liên đoàn Lao động huyện Krông Pắc tặng Giấy khen cho 7 tập thể, Ủy ban nhân dân "
                 "huyện Krông Pắc tặng Giấy khen cho 3 tập thể.")
    assert got == {("Giấy khen", "Liên đoàn Lao động huyện Krông Pắc", "collective", 7),
                   ("Giấy khen", "Ủy ban nhân dân huyện Krông Pắc", "collective", 3)}


def test_the_body_a_presenter_acts_for_and_the_body_behind_a_committee() -> None:
    got = awards("Thay mặt Liên đoàn Lao động tỉnh Hà Giang, đồng chí Vũ Thị Lan, Phó Chủ tịch Công đoàn Viên chức "
                 "tỉnh Hà Giang trao Giấy khen cho 11 cá nhân. Có 3 tập thể được nhận Bằng khen của Ban Chấp hành "
                 "Công đoàn Viên chức tỉnh Hà Giang.")
    assert got == {("Giấy khen", "Liên đoàn Lao động tỉnh Hà Giang", "individual", 11),
                   ("Bằng khen", "Công đoàn Viên chức tỉnh Hà Giang", "collective", 3)}


def test_a_medal_with_its_name_in_quotes() -> None:
    got = awards("Hội nghị trao Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn” cho 3 cá nhân.")
    assert got == {("Kỷ niệm chương Vì sự nghiệp xây dựng tổ chức Công đoàn", None, "individual", 3)}


def test_a_proposal_is_not_a_conferral() -> None:
    assert awards("Hội nghị thống nhất đề nghị Tổng Liên đoàn tặng Bằng khen cho 2 tập thể.") == set()


def test_a_count_before_the_form_for_two_kinds_is_not_recorded() -> None:
    got = awards("Dịp này, Liên đoàn Lao động tỉnh Cao Bằng trao 17 Bằng khen cho các tập thể, cá nhân.")
    assert got == set()


def test_a_tally_of_forms_without_recipients_is_not_a_conferral() -> None:
    assert awards("Trong nhiệm kỳ, Liên đoàn Lao động tỉnh Bạc Liêu đã trao tặng 4 Cờ thi đua, 31 Bằng khen.") == set()


def test_a_count_far_before_a_passive_verb_is_not_its_subject() -> None:
    got = awards("Giải đấu có 24 đơn vị tham gia, kết quả Công đoàn Trường THPT Lê Quý Đôn được nhận Giấy khen.")
    assert {(kind, count) for *_, kind, count in got} == {("collective", None)}


def test_a_tally_after_a_colon() -> None:
    got = awards("Kết quả khen thưởng năm 2024: Giấy khen của Công đoàn Viên chức tỉnh Ninh Thuận: 13 tập thể, 29 cá nhân.")
    assert got == {("Giấy khen", "Công đoàn Viên chức tỉnh Ninh Thuận", "collective", 13),
                   ("Giấy khen", "Công đoàn Viên chức tỉnh Ninh Thuận", "individual", 29)}


def test_a_list_continues_only_a_counted_list() -> None:
    got = awards("Liên đoàn Lao động tỉnh Tây Ninh tặng Bằng khen cho các tập thể xuất sắc; 3 tập thể mới thành lập.")
    assert {(kind, count) for *_, kind, count in got} == {("collective", None)}


@pytest.mark.parametrize("sentence", [
    "Công đoàn Giáo dục huyện Ea Súp đã vinh dự được Tổng Liên đoàn Lao động Việt Nam tặng Cờ thi đua.",
    "Công đoàn Giáo dục huyện Ea Súp nhiều năm liền được Tổng Liên đoàn Lao động Việt Nam tặng Cờ thi đua.",
    "Công đoàn Giáo dục huyện Ea Súp cũng được Tổng Liên đoàn Lao động Việt Nam tặng Cờ thi đua xuất sắc.",
])
def test_a_named_recipient_before_adverbs_of_the_passive_verb(sentence: str) -> None:
    assert awards(sentence) == {("Cờ thi đua", "Tổng Liên đoàn Lao động Việt Nam", "collective", None)}


def test_the_counted_group_nearest_the_passive_verb_is_its_subject() -> None:
    got = awards("Nhân dịp này, Công đoàn cơ sở Trường Tiểu học Hòa Bình có 3 cá nhân được Công đoàn ngành Giáo "
                 "dục tỉnh Tây Ninh tặng Giấy khen.")
    assert got == {("Giấy khen", "Công đoàn ngành Giáo dục tỉnh Tây Ninh", "individual", 3)}


def test_a_long_qualifier_between_the_recipients_and_the_passive_verb() -> None:
    got = awards("Có 6 tập thể và 14 cá nhân có thành tích xuất sắc trong phong trào thi đua lao động giỏi và hoạt "
                 "động công đoàn giai đoạn 2019 - 2024 được tặng Bằng khen của Liên đoàn Lao động tỉnh Phú Yên.")
    assert got == {("Bằng khen", "Liên đoàn Lao động tỉnh Phú Yên", "collective", 6),
                   ("Bằng khen", "Liên đoàn Lao động tỉnh Phú Yên", "individual", 14)}


def test_counts_written_in_words() -> None:
    got = awards("Công đoàn Viên chức tỉnh Bình Định tặng Giấy khen cho hai tập thể và mười cá nhân.")
    assert got == {("Giấy khen", "Công đoàn Viên chức tỉnh Bình Định", "collective", 2),
                   ("Giấy khen", "Công đoàn Viên chức tỉnh Bình Định", "individual", 10)}


@pytest.mark.parametrize("sentence", [
    "Công đoàn Y tế tỉnh Hậu Giang khen thưởng 41 tập thể, cá nhân, trong đó có 11 tập thể và 30 cá nhân.",
    "Công đoàn Y tế tỉnh Hậu Giang khen thưởng 41 tập thể, cá nhân (gồm 11 tập thể và 30 cá nhân).",
    "Công đoàn Y tế tỉnh Hậu Giang khen thưởng 41 tập thể và cá nhân, cụ thể: 11 tập thể, 30 cá nhân.",
])
def test_a_mixed_count_with_its_breakdown(sentence: str) -> None:
    assert awards(sentence) == {("khen thưởng", "Công đoàn Y tế tỉnh Hậu Giang", "collective", 11),
                                ("khen thưởng", "Công đoàn Y tế tỉnh Hậu Giang", "individual", 30)}


@pytest.mark.parametrize("sentence", [
    "Dịp này, 48 tập thể, cá nhân được Liên đoàn Lao động tỉnh Bình Thuận tặng Bằng khen.",
    "Dịp này, Liên đoàn Lao động tỉnh Bình Thuận trao Bằng khen cho 48 tập thể, cá nhân.",
])
def test_a_named_form_with_a_mixed_count_is_not_recorded(sentence: str) -> None:
    assert awards(sentence) == set()


def test_the_recipients_written_between_the_verb_and_the_form() -> None:
    got = awards("Dịp này, Công đoàn Viên chức tỉnh Hòa Bình tặng 4 tập thể và 7 cá nhân Bằng khen của Liên đoàn "
                 "Lao động tỉnh Hòa Bình.")
    assert got == {("Bằng khen", "Liên đoàn Lao động tỉnh Hòa Bình", "collective", 4),
                   ("Bằng khen", "Liên đoàn Lao động tỉnh Hòa Bình", "individual", 7)}


def test_an_award_announced_for_later_is_not_a_conferral() -> None:
    assert awards("Dự kiến tháng 12, Công đoàn Điện lực Bình Định sẽ trao Bằng khen cho 10 cá nhân.") == set()


@pytest.mark.parametrize(("lead", "grantor"), [
    ("Được sự ủy quyền của Chủ tịch UBND tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Hà Tĩnh"),
    ("Thừa ủy quyền của lãnh đạo Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"),
    ("Thay mặt Ban Thường vụ Công đoàn Viên chức tỉnh Hà Tĩnh", "Công đoàn Viên chức tỉnh Hà Tĩnh"),
])
def test_the_body_a_presenter_is_authorised_by(lead: str, grantor: str) -> None:
    got = awards(f"{lead}, đồng chí Trần Văn Bình, Chủ tịch Liên đoàn Lao động tỉnh Hà Tĩnh trao Bằng khen cho "
                 "5 tập thể.")
    assert got == {("Bằng khen", grantor, "collective", 5)}


def test_a_body_named_as_the_place_is_not_the_grantor() -> None:
    got = awards("Công đoàn ngành Giáo dục tỉnh Bình Phước tổ chức hội nghị tổng kết tại Trường THPT Đồng Xoài và "
                 "khen thưởng 10 tập thể và 25 cá nhân.")
    assert {c for _, c, _, _ in got} == {"Công đoàn ngành Giáo dục tỉnh Bình Phước"}


def test_a_passive_subject_is_the_nearest_clause_of_a_comma_list() -> None:
    got = awards("Năm học qua có 96 công đoàn cơ sở đạt vững mạnh xuất sắc, 12 công đoàn cơ sở được Liên đoàn Lao "
                 "động tỉnh Bình Phước tặng Bằng khen.")
    assert got == {("Bằng khen", "Liên đoàn Lao động tỉnh Bình Phước", "collective", 12)}


def test_a_list_of_honours_after_a_passive_verb_and_a_colon() -> None:
    got = awards("Công đoàn Viên chức tỉnh Sơn La đã được Đảng, Nhà nước tặng thưởng nhiều phần thưởng cao quý: "
                 "Huân chương Lao động hạng Nhì, 02 Cờ thi đua của Chính phủ và Bằng khen của Tổng Liên đoàn Lao "
                 "động Việt Nam.")
    # the flags are a tally (no conferral to count); the recipient named before the verb is not a grantor
    assert {(a, kind, count) for a, _, kind, count in got} == {("Huân chương Lao động hạng Nhì", "collective", None),
                                                                ("Bằng khen", "collective", None)}
    assert "Công đoàn Viên chức tỉnh Sơn La" not in {c for _, c, _, _ in got}


@pytest.mark.parametrize(("text", "expected"), [
    ("hơn 120 cô giáo tiêu biểu", [("individual", 120)]),
    ("gần 40 nữ nhà giáo", [("individual", 40)]),
    ("với tổng số 35 cán bộ, giáo viên, nhân viên", [("individual", 35)]),
    ("15 CBGVNV và 3 tổ chuyên môn", [("individual", 15), ("collective", 3)]),
])
def test_more_recipient_phrasings(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert parse_recipients(text) == expected


def test_a_long_grantor_name_between_the_form_and_its_recipients() -> None:
    got = awards("Dịp này, Công đoàn Viên chức tỉnh tặng Giấy khen của Ban Chấp hành Công đoàn ngành Giáo dục và Đào "
                 "tạo tỉnh Bình Phước cho 12 tập thể và 30 cá nhân.")
    assert got == {("Giấy khen", "Công đoàn ngành Giáo dục và Đào tạo tỉnh Bình Phước", "collective", 12),
                   ("Giấy khen", "Công đoàn ngành Giáo dục và Đào tạo tỉnh Bình Phước", "individual", 30)}


def test_counts_in_brackets_after_a_long_qualifier() -> None:
    got = awards("Công đoàn Giáo dục huyện Đồng Phú trao Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc "
                 "trong năm học 2014 - 2015 và phong trào thi đua dạy tốt, học tốt (12 tập thể, 25 cá nhân).")
    assert {(kind, count) for *_, kind, count in got} == {("collective", 12), ("individual", 25)}


def test_a_commendation_verb_ends_the_grantor_name_before_it() -> None:
    got = awards("Công đoàn Thủy lợi Bắc Bộ tuyên dương 136 cháu là con đoàn viên đạt thành tích cao trong học tập.")
    assert got == {("khen thưởng", "Công đoàn Thủy lợi Bắc Bộ", "individual", 136)}


def test_a_participle_commendation_does_not_hide_the_recipients_of_the_form() -> None:
    got = awards("Các cá nhân được tuyên dương nhận Giấy khen của Công đoàn ngành Giáo dục tỉnh Bình Phước.")
    assert got == {("Giấy khen", "Công đoàn ngành Giáo dục tỉnh Bình Phước", "individual", None)}


def test_a_count_with_its_words_in_brackets() -> None:
    got = awards("Công đoàn Viên chức tỉnh Bến Tre tặng Giấy khen cho 05 (năm) tập thể và 12 (mười hai) cá nhân.")
    assert got == {("Giấy khen", "Công đoàn Viên chức tỉnh Bến Tre", "collective", 5),
                   ("Giấy khen", "Công đoàn Viên chức tỉnh Bến Tre", "individual", 12)}


def test_a_named_body_and_a_counted_group_together() -> None:
    got = awards("Liên đoàn Lao động tỉnh Trà Vinh tặng Bằng khen cho tập thể Công đoàn Trường THPT Phạm Thái Bường "
                 "và 4 cá nhân.")
    assert got == {("Bằng khen", "Liên đoàn Lao động tỉnh Trà Vinh", "collective", None),
                   ("Bằng khen", "Liên đoàn Lao động tỉnh Trà Vinh", "individual", 4)}


def test_two_named_people_are_two_recipients() -> None:
    annotated = annotate_one(Article(id="t", text="Tin\n\nLiên đoàn Lao động tỉnh Quảng Ngãi tặng Giấy khen cho "
                                     "đồng chí Trần Văn Bảo và đồng chí Lê Thị Cúc.", title="Tin"))
    recipients = {annotated.entity(r.args["recipient_entity"]).value for r in annotated.relations
                  if r.type == "award" and r.args["recipient_entity"]}
    assert recipients == {"Trần Văn Bảo", "Lê Thị Cúc"}
