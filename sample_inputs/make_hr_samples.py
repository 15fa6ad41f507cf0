"""Writes HR availability files for the team sample, in every shape, language and encoding.

They all hold the same requests, so each must import to the same problem (a test checks it):
grids and lists, English and Chinese headers, .xlsx and .csv in UTF-8, UTF-8 with BOM and GBK.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
DATES = [dt.date(2026, 12, 21) + dt.timedelta(days=i) for i in range(7)]  # week 3 of the sample
PEOPLE = {"T05": "Zhou Tao", "T06": "Wu Xia", "T08": "Sun Yan", "T10": "Zhu Hong"}

# staff id -> {date: cell}, in English and in Chinese
GRID_EN = {
    "T05": {DATES[0]: "LEAVE", DATES[1]: "LEAVE", DATES[2]: "LEAVE"},
    "T06": {d: "!C" for d in DATES[:5]},
    "T08": {DATES[5]: "OFF", DATES[6]: "OFF"},
    "T10": {DATES[1]: "A", DATES[2]: "A"},
}
GRID_ZH = {
    "T05": {DATES[0]: "年假", DATES[1]: "年假", DATES[2]: "年假"},
    "T06": {d: "不要C" for d in DATES[:5]},
    "T08": {DATES[5]: "休", DATES[6]: "休"},
    "T10": {DATES[1]: "A", DATES[2]: "A"},
}
LIST_EN = [  # name, date, until, type, shift, note
    ("Zhou Tao", DATES[0], DATES[2], "leave", None, "annual leave"),
    ("Wu Xia", DATES[0], DATES[4], "unavailable", "C", "evening class"),
    ("Sun Yan", DATES[5], None, "prefer_off", None, None),
    ("Sun Yan", DATES[6], None, "prefer_off", None, None),
    ("Zhu Hong", DATES[1], DATES[2], "prefer", "A", None),
]
LIST_ZH_HEADER = ("工号", "姓名", "部门", "开始日期", "结束日期", "类型", "班次", "备注")
LIST_ZH = [
    ("T05", "Zhou Tao", "客服一组", "2026-12-21", "2026-12-23", "年假", "", "年假"),
    ("T06", "Wu Xia", "客服一组", "2026/12/21", "2026/12/25", "不可用", "C", "上课"),
    ("T08", "Sun Yan", "客服二组", "2026年12月26日", "2026年12月27日", "休", "", ""),
    ("T10", "Zhu Hong", "客服二组", "2026-12-22", "2026-12-23", "想上", "A", ""),
]


def grid_rows(grid: dict[str, dict[dt.date, str]], header: tuple[str, str], dates: list) -> list:
    rows = [[*header, *dates]]
    for staff_id, cells in grid.items():
        rows.append([staff_id, PEOPLE[staff_id], *(cells.get(d, "") for d in DATES)])
    return rows


def write_xlsx(path: Path, rows: list) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    book.save(path)


def write_csv(path: Path, rows: list, encoding: str) -> None:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))


def main() -> None:
    zh_dates = [f"{d.month}月{d.day}日" for d in DATES]
    write_xlsx(HERE / "hr_grid_en.xlsx", grid_rows(GRID_EN, ("ID", "Name"), DATES))
    write_xlsx(HERE / "hr_grid_zh.xlsx", grid_rows(GRID_ZH, ("工号", "姓名"), zh_dates))
    write_csv(HERE / "hr_grid_zh_gbk.csv", grid_rows(GRID_ZH, ("工号", "姓名"), zh_dates), "gbk")
    write_xlsx(
        HERE / "hr_list_en.xlsx", [("Name", "Date", "Until", "Type", "Shift", "Note"), *LIST_EN]
    )
    for suffix, encoding in (("utf8", "utf-8"), ("utf8_bom", "utf-8-sig"), ("gbk", "gbk")):
        write_csv(HERE / f"hr_list_zh_{suffix}.csv", [LIST_ZH_HEADER, *LIST_ZH], encoding)


if __name__ == "__main__":
    main()
    print(f"wrote the HR availability samples in {HERE}")
