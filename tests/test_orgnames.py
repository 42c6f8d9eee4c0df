"""The organisation-name grammar and its resolution, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgbuild.article import Article
from kgbuild.nlp.context import province_in_host
from kgbuild.nlp.pipeline import annotate_one


def orgs(text: str, **article: object) -> list[str]:
    annotated = annotate_one(Article(id="t", text=text, title="", **article))  # type: ignore[arg-type]
    return [e.value for e in annotated.entities if e.label == "ORG" and e.kind != "implied"]


def roles(text: str, **article: object) -> set[tuple[str, str, str | None]]:
    annotated = annotate_one(Article(id="t", text=text, title="", **article))  # type: ignore[arg-type]
    out = set()
    for r in annotated.relations:
        if r.type == "role":
            org = annotated.entity(r.args.get("organisation_entity"))
            out.add((annotated.entity(r.args["person_entity"]).value, r.args["role"], org.value if org else None))
    return out


@pytest.mark.parametrize(("text", "name"), [
    # a union of an institution whose name has lower-case words and ends in a unit
    ("Công đoàn cơ sở Trường Mầm non Hoa Sen thị xã Sơn Tây tổ chức đại hội.",
     "Công đoàn cơ sở Trường Mầm non Hoa Sen thị xã Sơn Tây"),
    ("Công đoàn cơ sở Bệnh viện đa khoa khu vực Bắc Quang họp.", "Công đoàn cơ sở Bệnh viện đa khoa khu vực Bắc Quang"),
    # an office of a body, and bodies joined by "và"
    ("Công đoàn Văn phòng HĐND và UBND tỉnh Gia Lai tổ chức đại hội.", "Công đoàn Văn phòng HĐND và UBND tỉnh Gia Lai"),
    # a sector joined by "và"
    ("Công đoàn Giáo dục và Đào tạo huyện Krông Pắc tổ chức hội nghị.", "Công đoàn Giáo dục và Đào tạo huyện Krông Pắc"),
    # a company with a legal form and a name in capitals
    ("CĐCS Công ty TNHH May Hưng Phát tổ chức đối thoại.", "Công đoàn cơ sở Công ty TNHH May Hưng Phát"),
    # a numbered district
    ("LĐLĐ quận 8 phát động tháng công nhân.", "Liên đoàn Lao động quận 8"),
])
def test_nested_names_are_read_whole(text: str, name: str) -> None:
    assert orgs(text)[0] == name


def test_a_name_stops_before_a_person_after_a_sector() -> None:
    found = roles("Tham dự có Giám đốc Sở Nội vụ Trần Văn Khải và đồng chí Lê Thị Hoa.", source_name="Sóc Trăng")
    assert ("Trần Văn Khải", "Giám đốc", "Sở Nội vụ tỉnh Sóc Trăng") in found


def test_a_placeless_district_unit_is_the_district_the_article_names() -> None:
    text = ("Ngày 3/4, LĐLĐ huyện Mỹ Xuyên tổ chức hội nghị. Đồng chí Phan Văn Tư - Huyện ủy viên - Chủ tịch "
            "LĐLĐ huyện phát biểu. Đồng chí Đặng Thị Mai, Phó Trưởng Ban Dân vận Huyện ủy dự.")
    found = roles(text)
    assert ("Phan Văn Tư", "Huyện ủy viên", "Huyện ủy Mỹ Xuyên") in found
    assert ("Phan Văn Tư", "Chủ tịch", "Liên đoàn Lao động huyện Mỹ Xuyên") in found
    assert ("Đặng Thị Mai", "Phó Trưởng Ban Dân vận", "Huyện ủy Mỹ Xuyên") in found


def test_a_lone_institution_word_is_the_institution_named_in_full() -> None:
    text = ("Công đoàn cơ sở Trường THPT Lê Lợi tổ chức đại hội. Đồng chí Vũ Thị Lan - Bí thư Chi bộ, Hiệu trưởng, "
            "Chủ tịch Công đoàn Trường phát biểu. Đồng chí Hồ Văn Nam, Ủy viên Đảng ủy Trường dự.")
    found = roles(text)
    assert ("Vũ Thị Lan", "Chủ tịch", "Công đoàn cơ sở Trường THPT Lê Lợi") in found
    # a management post before the union is the post in the union's institution
    assert ("Vũ Thị Lan", "Hiệu trưởng", "Trường THPT Lê Lợi") in found
    assert ("Vũ Thị Lan", "Bí thư", "Chi bộ Trường THPT Lê Lợi") in found
    assert ("Hồ Văn Nam", "Ủy viên", "Đảng ủy Trường THPT Lê Lợi") in found


def test_old_tone_spellings_meet_the_patterns() -> None:
    found = roles("Đồng chí Lò Văn Pấng – Huyện uỷ viên, Chủ tịch LĐLĐ huyện Mường Tè dự hội nghị.")
    assert ("Lò Văn Pấng", "Huyện ủy viên", "Huyện ủy Mường Tè") in found


def test_title_then_body_then_name_without_a_cue() -> None:
    found = roles("Phát biểu tại lễ kỷ niệm, Chủ tịch Quốc hội Trần Minh Khoa nhấn mạnh vai trò công đoàn.")
    assert ("Trần Minh Khoa", "Chủ tịch", "Quốc hội") in found


def test_the_province_a_site_host_spells() -> None:
    assert province_in_host("ldld.soctrang.gov.vn") == "Sóc Trăng"
    assert province_in_host("baobariavungtau.com.vn") == "Bà Rịa - Vũng Tàu"
    assert orgs("LĐLĐ tỉnh tổ chức hội nghị.", source_url="https://congdoan.binhphuoc.gov.vn/tin/1")[0] == \
        "Liên đoàn Lao động tỉnh Bình Phước"


def test_a_post_in_the_articles_own_union_and_office() -> None:
    text = ("Công đoàn cơ sở Văn phòng Sở Xây dựng tỉnh Hòa Bình tổ chức đại hội nhiệm kỳ 2025 - 2030. "
            "Đồng chí Quách Văn Tùng - Phó Chánh Văn phòng được bầu giữ chức Chủ tịch Công đoàn.")
    found = roles(text)
    assert ("Quách Văn Tùng", "Chủ tịch", "Công đoàn cơ sở Văn phòng Sở Xây dựng tỉnh Hòa Bình") in found
    assert ("Quách Văn Tùng", "Phó Chánh Văn phòng", "Văn phòng Sở Xây dựng tỉnh Hòa Bình") in found


@pytest.mark.parametrize(("text", "person"), [
    ("Đồng chí Đinh Công Sơn - Chủ tịch LĐLĐ tỉnh Kon Tum phát biểu.", "Đinh Công Sơn"),
    ("Đồng chí Mai  Thị Thu, Chủ tịch LĐLĐ tỉnh Kon Tum phát biểu.", "Mai Thị Thu"),
    ("Cô Lê Thị Hằng - Chủ tịch LĐLĐ tỉnh Kon Tum phát biểu.", "Lê Thị Hằng"),
])
def test_people_names_in_their_written_forms(text: str, person: str) -> None:
    assert (person, "Chủ tịch", "Liên đoàn Lao động tỉnh Kon Tum") in roles(text)


def test_a_term_of_office_ends_a_name() -> None:
    assert orgs("Đại hội Công đoàn cơ sở Công ty Cấp nước nhiệm kỳ VII 2025 - 2030 khai mạc.")[0] == \
        "Công đoàn cơ sở Công ty Cấp nước"


@pytest.mark.parametrize(("text", "expected"), [
    ("Ngày 2/3/2025, LĐLĐ tỉnh Kon Tum tổ chức hội nghị. Đồng chí A Pớt - Phó Chủ tịch LĐLĐ tỉnh, cùng đồng chí "
     "Y Blin K'Thuận, Chủ tịch LĐLĐ tỉnh dự.", ("Y Blin K'Thuận", "Chủ tịch", "Liên đoàn Lao động tỉnh Kon Tum")),
    ("Ngày 2/3/2025, LĐLĐ thành phố Hải Phòng tổ chức hội nghị. Đồng chí Vũ Thị Lý, Thành ủy viên, Chủ tịch "
     "LĐLĐ thành phố dự.", ("Vũ Thị Lý", "Thành ủy viên", "Thành ủy Hải Phòng")),
    ("Ngày 2/3/2025, LĐLĐ huyện Ba Vì tổ chức hội nghị. Dự có đ/c Đinh Văn Bảo - UVBTV Huyện ủy, Trưởng Ban "
     "Dân vận Huyện ủy.", ("Đinh Văn Bảo", "UVBTV", "Huyện ủy Ba Vì")),
])
def test_names_titles_and_city_committees(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(text)


def test_a_byline_with_a_post_gives_the_author_a_role_but_no_attendance() -> None:
    text = ("Ngày 9/9/2025, LĐLĐ huyện Quế Sơn tổ chức đại hội. Đồng chí Trần Văn Quý, Chủ tịch LĐLĐ huyện dự.\n"
            "Bài, ảnh: Hạnh Nguyên – Phó Chủ tịch LĐLĐ huyện Quế Sơn")
    annotated = annotate_one(Article(id="t", text=text, title="", authors=("Hạnh Nguyên",)))
    facts = {(r.type, annotated.entity(r.args["person_entity"]).value) for r in annotated.relations
             if r.type in ("role", "attendance")}
    assert ("role", "Hạnh Nguyên") in facts and ("attendance", "Hạnh Nguyên") not in facts
    assert ("attendance", "Trần Văn Quý") in facts


def test_a_post_before_two_names_and_an_aside_after_a_name() -> None:
    found = roles("Trưởng Ban Tuyên giáo LĐLĐ tỉnh Hà Giang Vương Thị Hạnh và Lù Văn Sử dự hội nghị. "
                  "Đồng chí Mai Văn Hùng (bìa phải), Chủ tịch LĐLĐ tỉnh Hà Giang trao quà.")
    assert ("Vương Thị Hạnh", "Trưởng Ban Tuyên giáo", "Liên đoàn Lao động tỉnh Hà Giang") in found
    assert ("Lù Văn Sử", "Trưởng Ban Tuyên giáo", "Liên đoàn Lao động tỉnh Hà Giang") in found
    assert ("Mai Văn Hùng", "Chủ tịch", "Liên đoàn Lao động tỉnh Hà Giang") in found


def test_a_post_whose_last_word_heads_its_body() -> None:
    found = roles("Sáng 29/4/2024, Công đoàn ngành Giáo dục huyện Tiên Phước tổ chức hội thao. Đồng chí Nguyễn Văn Tâm, "
                  "Trưởng phòng GD&ĐT huyện Tiên Phước phát biểu. Bà Lê Thị Na, Phó Trưởng phòng Nội vụ huyện dự.")
    assert ("Nguyễn Văn Tâm", "Trưởng phòng", "Phòng GD&ĐT huyện Tiên Phước") in found
    assert ("Lê Thị Na", "Phó Trưởng phòng", "Phòng Nội vụ huyện Tiên Phước") in found


def test_a_district_named_without_its_unit_word() -> None:
    text = ("Sáng 28/4/2024, Công đoàn Giáo dục Quế Sơn tổ chức giải bóng chuyền. Đồng chí Trần Văn Hải, Phó Chủ tịch "
            "LĐLĐ huyện dự.")
    assert orgs(text, source_name="Quảng Nam") == ["Công đoàn Giáo dục huyện Quế Sơn", "Liên đoàn Lao động huyện Quế Sơn"]


def test_the_province_of_a_district_only_one_province_has() -> None:
    from kgbuild.nlp.pipeline import annotate_one as annotate

    only = annotate(Article(id="t", title="", text="LĐLĐ huyện Quế Sơn tổ chức hội nghị. LĐLĐ tỉnh dự."))
    assert only.context["province"] == "Quảng Nam" and only.context["method"] == "district-in-text"
    shared = annotate(Article(id="t", title="", text="LĐLĐ huyện Châu Thành tổ chức hội nghị."))
    assert shared.context["province"] is None


def test_a_post_stated_with_its_body_is_not_stated_again_without_it() -> None:
    found = roles("Ngày 7/7/2025, LĐLĐ tỉnh Điện Biên tổ chức hội nghị. Đồng chí Lò Văn Muôn, Chủ tịch phát biểu. "
                  "Đồng chí Lò Văn Muôn, Chủ tịch LĐLĐ tỉnh Điện Biên kết luận.")
    assert {r for r in found if r[0] == "Lò Văn Muôn"} == {("Lò Văn Muôn", "Chủ tịch", "Liên đoàn Lao động tỉnh Điện Biên")}


@pytest.mark.parametrize("text", ["LĐLĐ TP.HCM tổ chức hội nghị.", "LĐLĐ TP. Hồ Chí Minh tổ chức hội nghị."])
def test_the_city_written_short(text: str) -> None:
    assert orgs(text) == ["Liên đoàn Lao động thành phố Hồ Chí Minh"]


def test_a_head_that_takes_no_tail_is_a_whole_name() -> None:
    assert orgs("Bằng khen của Tổng Liên đoàn được trao cho 3 tập thể.")[0] == "Tổng Liên đoàn Lao động Việt Nam"


def test_implied_bodies_and_mass_organisations_reach_the_graph(tmp_path: Path) -> None:
    """Every kind the recogniser gives is a class the mapping knows: an implied institution or a
    youth union is in the graph with its name, so a post in it is answered by the roles question."""
    from kgbuild.build import build
    from kgbuild.query import resolve
    from kgbuild.store import Store

    (tmp_path / "a.txt").write_text(
        "Ngày 2/2/2025, Công đoàn cơ sở Bệnh viện Phổi tỉnh Nghệ An tổ chức hội nghị. Đồng chí Hồ Văn Lâm, "
        "Phó Giám đốc, Chủ tịch Công đoàn Bệnh viện phát biểu. Đồng chí Lê Thị Hà, Bí thư Đoàn Thanh niên dự.\n",
        encoding="utf-8")
    store = Store.memory()
    build([str(tmp_path)], store)
    rows = {(b["personName"].value, b["role"].value, b["organisationName"].value if b["organisationName"] else None)
            for b in store.query(resolve("roles"))}
    assert ("Hồ Văn Lâm", "Phó Giám đốc", "Bệnh viện Phổi tỉnh Nghệ An") in rows
    assert ("Lê Thị Hà", "Bí thư", "Đoàn Thanh niên") in rows


@pytest.mark.parametrize(("text", "name"), [
    # an abbreviation the article never spells out stays as written
    ("Ủy ban MTTQ tỉnh Lạng Sơn tổ chức hội nghị.", "Ủy ban MTTQ tỉnh Lạng Sơn"),
    ("Công đoàn các KCN tỉnh Bình Dương tổ chức lễ phát động.", "Công đoàn các KCN tỉnh Bình Dương"),
    # ... and is expanded where it does, or where every reader expands it (LĐLĐ, CĐVC, UBND)
    ("UBND huyện Lục Yên tổ chức hội nghị.", "Ủy ban nhân dân huyện Lục Yên"),
])
def test_abbreviations_are_expanded_only_where_the_article_allows(text: str, name: str) -> None:
    assert orgs(text)[0] == name


def test_an_abbreviation_the_article_spells_out_elsewhere_is_expanded() -> None:
    found = orgs("Công đoàn các Khu công nghiệp tỉnh Bình Dương tổ chức hội nghị. Công đoàn các KCN tỉnh Bình "
                 "Dương trao quà.")
    assert found == ["Công đoàn các Khu công nghiệp tỉnh Bình Dương"] * 2


@pytest.mark.parametrize(("text", "name"), [
    ("Hội Doanh nhân trẻ tỉnh Thanh Hóa trao 50 suất quà.", "Hội Doanh nhân trẻ tỉnh Thanh Hóa"),
    ("Hiệp hội Dệt may Việt Nam phối hợp tổ chức hội thảo.", "Hiệp hội Dệt may Việt Nam"),
    ("CLB Nữ công tỉnh Bắc Kạn ra mắt.", "CLB Nữ công tỉnh Bắc Kạn"),
    ("Quỹ Xã hội Từ thiện Tấm lòng Vàng trao học bổng.", "Quỹ Xã hội Từ thiện Tấm lòng Vàng"),
])
def test_associations_clubs_and_funds_are_names(text: str, name: str) -> None:
    assert orgs(text)[0] == name


@pytest.mark.parametrize("text", ["Hội nghị Ban Chấp hành diễn ra sáng nay.", "HỘI THI TAY NGHỀ GIỎI NĂM 2024",
                                  "Hội đồng thi đua họp xét khen thưởng."])
def test_an_event_or_a_council_is_not_an_association(text: str) -> None:
    assert not any(name.startswith(("Hội", "HỘI")) for name in orgs(text))


@pytest.mark.parametrize(("text", "name"), [
    ("ĐẠI HỘI CÔNG ĐOÀN CƠ SỞ TRƯỜNG THCS HÒA BÌNH Lần thứ IV", "Công đoàn cơ sở TRƯỜNG THCS HÒA BÌNH"),
    ("Công đoàn Trường Tiểu học Kim Đồng Tổ chức Đại hội nhiệm kỳ 2025 - 2030", "Công đoàn Trường Tiểu học Kim Đồng"),
])
def test_a_headline_word_with_a_capital_ends_a_name(text: str, name: str) -> None:
    assert orgs(text)[0] == name


def test_a_verb_after_a_name_is_not_its_last_word() -> None:
    found = roles("Ngày 4/4/2024, Công đoàn cơ sở Trường Mầm non Sao Mai tổ chức Đại hội. Đại hội bầu bà Đào Thị "
                  "Yến, Phó Hiệu trưởng Trường Mầm non Sao Mai giữ chức Chủ tịch Công đoàn cơ sở.")
    assert ("Đào Thị Yến", "Phó Hiệu trưởng", "Trường Mầm non Sao Mai") in found


def test_a_district_that_shares_the_provinces_name_is_the_province_without_its_unit_word() -> None:
    found = roles("Ông Trịnh Văn Lực, Chủ tịch Công đoàn ngành Y tế Hà Tĩnh phát biểu.", source_name="Hà Tĩnh")
    assert ("Trịnh Văn Lực", "Chủ tịch", "Công đoàn ngành Y tế Hà Tĩnh") in found


def test_a_post_whose_body_begins_inside_it() -> None:
    found = roles("Đồng chí Hà Văn Khiêm, Phó Bí thư Tỉnh ủy, Trưởng Đoàn ĐBQH tỉnh dự. Ông Đặng Văn Hòa, Trưởng "
                  "Ban Quản lý Khu kinh tế tỉnh trao quà.", source_name="Quảng Ngãi")
    assert ("Hà Văn Khiêm", "Trưởng đoàn", "Đoàn ĐBQH tỉnh Quảng Ngãi") in found
    assert ("Đặng Văn Hòa", "Trưởng ban", "Ban Quản lý Khu kinh tế tỉnh Quảng Ngãi") in found


def test_a_district_office_without_its_unit_is_the_articles_district() -> None:
    found = roles("Sáng 9/5/2024, LĐLĐ huyện Yên Thế tổ chức hội nghị. Dự có bà Vi Thị Hoa, Trưởng phòng Nội vụ và "
                  "ông Lương Văn Sỹ, Phó Trưởng phòng Phòng Lao động - Thương binh và Xã hội.")
    assert ("Vi Thị Hoa", "Trưởng phòng", "Phòng Nội vụ huyện Yên Thế") in found
    assert ("Lương Văn Sỹ", "Phó Trưởng phòng", "Phòng Lao động - Thương binh và Xã hội huyện Yên Thế") in found


def test_an_institution_word_names_the_institution_with_its_place() -> None:
    found = roles("Ngày 6/6/2024, Công đoàn cơ sở Bệnh viện Đa khoa huyện Krông Búk tổ chức Đại hội. Dự có ông Y Nguê "
                  "Byă, Giám đốc bệnh viện.")
    assert ("Y Nguê Byă", "Giám đốc", "Bệnh viện Đa khoa huyện Krông Búk") in found


def test_a_union_written_with_a_lower_case_institution_names_it_with_a_capital() -> None:
    annotated = annotate_one(Article(id="t", title="", text="CĐCS trường THCS Quang Trung tổ chức hội nghị."))
    implied = {e.value for e in annotated.entities if e.rule == "org:institution-of-union"}
    assert implied == {"Trường THCS Quang Trung"}


def test_a_grassroots_union_named_by_its_kind_is_the_union_of_the_articles_institution() -> None:
    annotated = annotate_one(Article(id="t", title="", text=(
        "Sáng 14/4/2023, tại Công ty TNHH Giày Phúc Yên đã diễn ra Đại hội Công đoàn Cơ sở lần thứ III. Đồng chí "
        "Lê Thị Mận tái đắc cử Chủ tịch Công đoàn cơ sở nhiệm kỳ 2023 - 2028.")))
    unions = [e.value for e in annotated.entities if e.rule == "org:back-reference"]
    assert unions == ["Công đoàn cơ sở Công ty TNHH Giày Phúc Yên"] * 2


@pytest.mark.parametrize(("text", "name"), [
    # a district whose first syllable often opens a post or a sentence ("Đồng", "Liên", "Thủ", "Kế", "Năm")
    ("LĐLĐ thành phố Đồng Hới tổ chức hội nghị.", "Liên đoàn Lao động thành phố Đồng Hới"),
    ("LĐLĐ quận Liên Chiểu trao quà cho công nhân.", "Liên đoàn Lao động quận Liên Chiểu"),
    ("Công đoàn Giáo dục huyện Kế Sách tổ chức hội thao.", "Công đoàn Giáo dục huyện Kế Sách"),
    ("LĐLĐ thành phố Thủ Đức tổ chức hội nghị.", "Liên đoàn Lao động thành phố Thủ Đức"),
])
def test_a_district_the_gazetteer_knows_is_read_whole(text: str, name: str) -> None:
    assert orgs(text)[0] == name


def test_a_bare_city_in_a_province_is_the_provincial_city_the_article_names() -> None:
    found = roles("Ngày 4/4/2024, LĐLĐ thành phố Đồng Hới tổ chức hội nghị. Dự có bà Trần Thị Nga, Phó Chủ tịch UBND "
                  "thành phố.", source_name="Quảng Bình")
    assert ("Trần Thị Nga", "Phó Chủ tịch", "Ủy ban nhân dân thành phố Đồng Hới") in found


def test_a_union_of_a_provincial_department_takes_the_province_as_the_department_does() -> None:
    annotated = annotate_one(Article(id="t", title="", source_name="Quảng Trị", text=(
        "Đại hội Công đoàn Sở Tư pháp nhiệm kỳ 2023 - 2028 diễn ra. Ông Lê Văn Nam, Giám đốc Sở Tư pháp dự.")))
    names = {e.value: e.key for e in annotated.entities if e.label == "ORG"}
    assert "Công đoàn Sở Tư pháp tỉnh Quảng Trị" in names
    institution = next(e for e in annotated.entities if e.rule == "org:institution-of-union")
    assert institution.key == names["Sở Tư pháp tỉnh Quảng Trị"], "one body, one key"


def test_a_bank_branch_is_read_whole() -> None:
    assert orgs("Ngân hàng Chính sách xã hội chi nhánh tỉnh Quảng Bình trao 20 suất quà.")[0] == \
        "Ngân hàng Chính sách xã hội chi nhánh tỉnh Quảng Bình"


def test_military_posts() -> None:
    found = roles("Dự có Đại tá Hồ Văn Tú, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh; Thượng tá Lê Văn Hà, Phó Chính ủy "
                  "Bộ đội Biên phòng tỉnh.", source_name="Quảng Bình")
    assert ("Hồ Văn Tú", "Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh Quảng Bình") in found
    assert any(r[:2] == ("Lê Văn Hà", "Phó Chính ủy") for r in found)


def test_a_union_of_the_office_of_a_federation_is_read_whole() -> None:
    text = ("Ngày 3/1/2024, Công đoàn cơ sở Cơ quan Liên đoàn Lao động tỉnh Hà Tĩnh tổ chức hội nghị. Bà Phan Thị Lý, "
            "Chủ tịch Công đoàn cơ sở phát biểu. Ông Hồ Văn Tâm, Chánh Văn phòng LĐLĐ tỉnh dự.")
    assert orgs(text)[0] == "Công đoàn cơ sở Cơ quan Liên đoàn Lao động tỉnh Hà Tĩnh"
    found = roles(text)
    assert ("Phan Thị Lý", "Chủ tịch", "Công đoàn cơ sở Cơ quan Liên đoàn Lao động tỉnh Hà Tĩnh") in found
    assert ("Hồ Văn Tâm", "Chánh Văn phòng", "Liên đoàn Lao động tỉnh Hà Tĩnh") in found


@pytest.mark.parametrize(("text", "name"), [
    ("Công đoàn Khu kinh tế Đông Nam tổ chức hội nghị.", "Công đoàn Khu kinh tế Đông Nam tỉnh Nghệ An"),
    ("Công đoàn các KCN Bắc Ninh tổ chức hội nghị.", "Công đoàn các KCN Bắc Ninh"),
])
def test_an_industrial_zone_union_with_its_own_name_or_its_province(text: str, name: str) -> None:
    assert orgs(text, source_name="Nghệ An" if "Đông Nam" in text else "Bắc Ninh")[0] == name


def test_a_name_does_not_run_on_into_a_count_after_and() -> None:
    from kgbuild.article import Article
    from kgbuild.nlp.pipeline import annotate_one

    text = "Tin\n\nLiên đoàn Lao động tỉnh Trà Vinh tặng Bằng khen cho Công đoàn Trường THPT Long Hiệp và 4 cá nhân."
    names = {e.value for e in annotate_one(Article(id="t", text=text, title="Tin")).entities if e.label == "ORG"}
    assert "Công đoàn Trường THPT Long Hiệp" in names
    assert not any("và 4" in n for n in names)


def test_the_emulation_board_is_a_body_of_the_province() -> None:
    found = roles("Bà Lò Thị Mai, Phó Chủ tịch UBND tỉnh, Trưởng Ban Thi đua - Khen thưởng tỉnh dự.", source_name="Sơn La")
    assert ("Lò Thị Mai", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Sơn La") in found
    assert ("Lò Thị Mai", "Trưởng ban", "Ban Thi đua - Khen thưởng tỉnh Sơn La") in found
