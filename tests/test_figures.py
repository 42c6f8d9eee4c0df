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
