"""Write a synthetic corpus of Vietnamese trade-union news articles, deterministic from a seed.

The articles are new text from the templates and vocabularies below (provinces from the
project's lexicon): review conferences, congresses, executive-committee meetings and
ceremonies of labour federations, public-sector, sector, industrial-zone and grassroots
unions, with attendees and their posts, award conferrals, membership figures, money and
gifts, and the page furniture of news sites (date lines, captions printed twice, share
buttons, related-news lists).

Usage: python bench/generate.py N OUT [--seed 1] [--format jsonl|txt]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from kgbuild.nlp.lexicon import lexicon

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Đinh", "Trịnh", "Lương", "Mai", "Lâm"]
MIDDLES = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Đức", "Ngọc", "Quang", "Thu", "Hồng", "Xuân", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khoa", "Lan", "Linh", "Long", "Mai",
         "Minh", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Yến"]
BODIES = [("Liên đoàn Lao động tỉnh {p}", "LĐLĐ tỉnh"), ("Công đoàn Viên chức tỉnh {p}", "CĐVC tỉnh"),
          ("Công đoàn ngành Giáo dục tỉnh {p}", "Công đoàn ngành Giáo dục"),
          ("Công đoàn ngành Y tế tỉnh {p}", "Công đoàn ngành Y tế"),
          ("Công đoàn các Khu công nghiệp tỉnh {p}", "Công đoàn các Khu công nghiệp tỉnh")]
GRASSROOTS = ["Công đoàn cơ sở Bệnh viện Đa khoa tỉnh {p}",
              "Công đoàn cơ sở Trường THPT {g}",
              "Công đoàn cơ sở Sở Tài chính tỉnh {p}", "Công đoàn cơ sở Sở Y tế tỉnh {p}"]
TITLES = ["Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực", "Trưởng ban Tổ chức", "Trưởng ban Tuyên giáo",
          "Ủy viên Ban Thường vụ"]
AWARDS = [("Bằng khen", "của Tổng Liên đoàn Lao động Việt Nam"), ("Bằng khen", "của Liên đoàn Lao động tỉnh {p}"),
          ("Cờ thi đua", "của Liên đoàn Lao động tỉnh {p}"), ("Giấy khen", "của {body}")]
EVENTS = [("hội nghị tổng kết hoạt động công đoàn năm {y}, triển khai nhiệm vụ năm {y1}", 0),
          ("Hội nghị Ban Chấp hành lần thứ {n}, nhiệm kỳ 2023 – 2028", 0),
          ("Đại hội lần thứ {roman}, nhiệm kỳ 2023 – 2028", 0),
          ("Lễ tuyên dương đoàn viên công đoàn tiêu biểu năm {y}", 0)]
ROMAN = ["III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
RELATED = ["Trao quà Tết cho công nhân khó khăn", "Hội thao công nhân viên chức lao động", "Tập huấn nghiệp vụ công đoàn",
           "Phát động Tháng Công nhân", "Đối thoại với người lao động tại doanh nghiệp"]


def vn(n: int) -> str:
    """A whole number as Vietnamese writes it: 12.480."""
    return f"{n:,}".replace(",", ".")


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def article(rng: random.Random, n: int) -> dict[str, str]:
    provinces = sorted(set(lexicon().provinces.values()))
    p = rng.choice(provinces)
    body, short = rng.choice(BODIES)
    body = body.format(p=p)
    y = rng.randint(2018, 2025)
    event, _ = rng.choice(EVENTS)
    event = event.format(y=y, y1=y + 1, n=rng.randint(2, 12), roman=rng.choice(ROMAN))
    day, month = rng.randint(1, 28), rng.choice([12, 1, 1, 2])
    year = y if month == 12 else y + 1
    title = rng.choice([f"{body} tổng kết năm {y}", f"{short.replace('tỉnh', '').strip()} triển khai nhiệm vụ năm {y + 1}",
                        f"{body}: Chăm lo tốt hơn đời sống đoàn viên", f"Nâng cao chất lượng hoạt động của {body}"])
    a, b = person(rng), person(rng)
    lines = [title, f"{rng.randint(7, 17):02d}:{rng.randint(0, 59):02d} | {min(day + 1, 28):02d}/{month:02d}/{year}",
             f"{rng.choice(['Sáng', 'Chiều', 'Ngày'])} {day}/{month}, {body} tổ chức {event}."]
    lines.append(rng.choice([
        f"Dự hội nghị có đồng chí {a}, {rng.choice(TITLES)} Liên đoàn Lao động tỉnh {p}; đồng chí {b} - Chủ tịch {body}.",
        f"Tham dự có đồng chí {a}, Phó Bí thư Tỉnh ủy; {rng.choice(TITLES)} Liên đoàn Lao động tỉnh {p} {b}.",
        f"Về dự có ông {a}, Chủ tịch Liên đoàn Lao động tỉnh {p} và bà {b}, Phó Giám đốc Sở Nội vụ tỉnh {p}."]))
    caption = f"Lãnh đạo {body} trao Giấy khen tặng các tập thể. Ảnh: {person(rng)}"
    lines += [caption, caption]
    lines.append(rng.choice([
        f"Năm {y}, {short} quản lý {rng.randint(20, 900)} công đoàn cơ sở với {vn(rng.randint(1000, 25000))} đoàn viên.",
        f"Năm {y}, {body} có {rng.randint(20, 900)} công đoàn cơ sở với tổng số {vn(rng.randint(1000, 90000))} "
        "cán bộ, đoàn viên.",
    ]))
    lines.append(f"Các cấp công đoàn đã trao {vn(rng.randint(50, 20000))} suất quà cho đoàn viên với tổng số tiền "
                 f"{rng.randint(1, 90)},{rng.randint(1, 9)} tỷ đồng.")
    award, grantor = rng.choice(AWARDS)
    lines.append(f"Tại hội nghị, {rng.randint(1, 30)} tập thể và {rng.randint(1, 60)} cá nhân được nhận {award} "
                 f"{grantor.format(p=p, body=body)}.")
    grassroots = rng.choice(GRASSROOTS).format(p=p, g=rng.choice(GIVEN))
    lines.append(f"{grassroots} được nhận Cờ thi đua của {body}.")
    lines += [person(rng), "Chia sẻ", "In bài viết", "Tin cùng chuyên mục", *(f"- {rng.choice(RELATED)}" for _ in range(3))]
    return {"id": f"gen-{n:06d}", "text": "\n\n".join(lines)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["jsonl", "txt"], default="jsonl")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = Path(args.out)
    if args.format == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for n in range(args.n):
                handle.write(json.dumps(article(rng, n), ensure_ascii=False) + "\n")
    else:
        out.mkdir(parents=True, exist_ok=True)
        for n in range(args.n):
            record = article(rng, n)
            (out / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")


if __name__ == "__main__":
    main()
