"""Figure rules on sentences written for these tests: measures, values, and what is left out."""

from __future__ import annotations

import pytest

from kgbuild.article import Article
from kgbuild.nlp.pipeline import annotate_one


def figures(text: str) -> set[tuple[str, int | float]]:
    """(measure, value) of every statistic of a body paragraph (the headline is left out)."""
    annotated = annotate_one(Article(id="t", text=f"Tin công đoàn\n\n{text}", title="Tin công đoàn"))
    return {(r.args["measure"], r.args["value"]) for r in annotated.relations if r.type == "statistic"}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Đến nay, Công đoàn ngành Y tế tỉnh Bình Định có 42 CĐ cơ sở trực thuộc.", ("grassroots_unions", 42)),
    ("Dự đại hội có 120 đại biểu đại diện cho hơn 3.150 đoàn viên toàn ngành.", ("members", 3150)),
    ("Công đoàn Viên chức tỉnh hiện có 61 công đoàn cơ sở với tổng số 5.873 đoàn viên công tác trong các sở.",
     ("members", 5873)),
    ("Đại hội có 45 đại biểu trên tổng số 52 đoàn viên công đoàn của toàn trường.", ("members", 52)),
    ("Công đoàn các khu công nghiệp tỉnh có 130 công đoàn cơ sở, với gần 62 ngàn đoàn viên đang làm việc.",
     ("members", 62000)),
    ("Công đoàn trường đã trao 35 suất học bổng cho con đoàn viên vượt khó.", ("gifts", 35)),
    ("Dịp Tết, Công đoàn ngành tặng 240 xuất quà cho người lao động khó khăn.", ("gifts", 240)),
    ("Công đoàn cơ sở đã thăm hỏi, hỗ trợ 58 đoàn viên bị ốm đau.", ("gifts", 58)),
    ("Trong năm, 1.640 lượt đoàn viên được thăm hỏi, hỗ trợ khi ốm đau.", ("gifts", 1640)),
    ("Mỗi suất quà trị giá 500.000 đồng.", ("money_vnd", 500000)),
    ("Mỗi suất quà trị giá 700.000đ gồm tiền mặt và hiện vật.", ("money_vnd", 700000)),
    ("Tổng kinh phí hỗ trợ là 1 tỷ 250 triệu đồng.", ("money_vnd", 1250000000)),
    ("Công đoàn đã vận động được 2,3 tỷ đồng cho Quỹ Mái ấm Công đoàn.", ("money_vnd", 2300000000)),
    ("Toàn ngành có 15 công đoàn cơ sở đạt vững mạnh xuất sắc.", ("other", 15)),
    ("Có 27 công đoàn cơ sở vững mạnh, chiếm 60%.", ("other", 27)),
    ("Năm qua đã kết nạp 340 đoàn viên mới.", ("other", 340)),
    ("Có 86 đoàn viên ưu tú được giới thiệu cho Đảng.", ("other", 86)),
    ("Cuộc đối thoại có 900 công nhân lao động tại điểm cầu chính.", ("other", 900)),
])
def test_measure_and_value(sentence: str, expected: tuple[str, int]) -> None:
    assert expected in figures(sentence)


@pytest.mark.parametrize("sentence", [
    "Mỗi suất quà trị giá từ 300 - 500 nghìn đồng.",
    "Năm 2025, Công đoàn ngành phấn đấu kết nạp 1.200 đoàn viên mới.",
    "Hoàn thành 9/10 chỉ tiêu, đạt 90%.",
])
def test_ranges_targets_and_ratios_are_left_out(sentence: str) -> None:
    assert not {f for f in figures(sentence) if f[0] != "other"}


def test_a_compound_amount_is_one_figure() -> None:
    assert figures("Tổng số tiền hỗ trợ là 1 tỷ 250 triệu đồng.") == {("money_vnd", 1250000000)}


def test_award_recipients_are_not_figures_but_a_total_in_the_same_sentence_is() -> None:
    got = figures("Hội nghị khen thưởng 12 chủ tịch công đoàn cơ sở tiêu biểu trong số 97 công đoàn cơ sở "
                  "của ngành.")
    assert got == {("grassroots_unions", 97)}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Hiện nay, tổng số CĐCS trực thuộc là 37 với 2.415 đoàn viên.",
     {("grassroots_unions", 37), ("members", 2415)}),
    ("Tổng số công đoàn cơ sở: 37; tổng số đoàn viên: 2.415.", {("grassroots_unions", 37), ("members", 2415)}),
    ("Số CĐCS trực thuộc: 37 đơn vị.", {("grassroots_unions", 37)}),
    ("Tổng số đoàn viên của Công đoàn trường là 58 người.", {("members", 58)}),
    ("Công đoàn Giáo dục thị xã có 37 công đoàn trường học với 1.180 đoàn viên.",
     {("grassroots_unions", 37), ("members", 1180)}),
    ("Công đoàn ngành quản lý 37 trường mầm non, tiểu học và trung học cơ sở.", {("grassroots_unions", 37)}),
    ("Giải đấu có sự tham gia của 37 trường trong toàn thị xã.", {("grassroots_unions", 37)}),
    ("Toàn ngành có 37 tổ chức công đoàn cơ sở với 1.180 đoàn viên.",
     {("grassroots_unions", 37), ("members", 1180)}),
    ("Công đoàn ngành gồm 37 công đoàn cơ sở và 1.180 đoàn viên.", {("grassroots_unions", 37), ("members", 1180)}),
    ("Với 37 CĐCS và 1.180 đoàn viên, năm qua Công đoàn ngành được tặng Bằng khen của Tổng Liên đoàn.",
     {("members", 1180)}),
    ("Công đoàn khối có 37 công đoàn cơ sở, trong đó 21 CĐCS thuộc khu vực sự nghiệp.", {("grassroots_unions", 37)}),
    ("Công đoàn trường có 58 đoàn viên, trong đó 40 đoàn viên nữ.", {("members", 58)}),
    ("Dịp này, 26 đoàn viên có hoàn cảnh khó khăn được nhận quà.", {("gifts", 26)}),
    ("Có 26 cháu được nhận quà trung thu.", {("gifts", 26)}),
    ("17 học sinh nghèo vượt khó được trao học bổng của công đoàn.", {("gifts", 17)}),
    ("Công đoàn trao tặng 26 phần, mỗi phần gồm 400.000 đồng và nhu yếu phẩm.", {("gifts", 26), ("money_vnd", 400000)}),
    ("Chương trình văn nghệ gồm 3 phần.", set()),
    ("Công đoàn trường vừa nhận 3 trường kết nghĩa.", set()),
])
def test_totals_parts_and_support_in_more_word_orders(sentence: str, expected: set[tuple[str, int]]) -> None:
    assert {f for f in figures(sentence) if f[0] != "other"} == expected
