#!/usr/bin/env python3
"""gencycles.py - deterministic submission cycles 2021-2026 that hold every
edge case of issue 13, for the recount (tests/recount/README.md).

    gencycles.py --out DIR [--seed N]

Writes DIR/<year>/<unit>.xml (canonical submission documents, format 1).
Only units and codes of templates/plan/de-an-2030.xml valid in each year
are used (except where a case needs a wrong one).  A seeded background of
ordinary records, activities and money surrounds the cases, so that the
targets and tables have something to count.  Every case is listed in CASES
below with what the rules say it must do; recount.py computes the figures
from the rules, nothing here states an expected number.
"""
import argparse
import os
import random
from xml.sax.saxutils import escape, quoteattr

ZWJ, SHY, ZWSP = "\u200d", "\u00ad", "\u200b"

DISTRICTS = ["178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189"]
# commune-level units from 2025-07-01, by their administrative codes (the
# plan lists all 65; a few of them report here, the others are missing)
TAM_THANH, LUONG_VAN_TRI, KY_LUA, DONG_KINH = "05986", "05983", "06187", "05977"
DOAN_KET, HUU_LUNG, CHI_LANG = "06001", "06385", "06463"
QUOC_KHANH = "06004"   # only in one file, which fails the schema
COMMUNES = [TAM_THANH, LUONG_VAN_TRI, KY_LUA, DONG_KINH, DOAN_KET, HUU_LUNG, CHI_LANG]
DEPTS_OLD = ["SKHCN", "SVHTTDL", "SNNPTNT", "SGDDT", "SCT", "STC", "SKHDT", "STP",
             "SNV", "SLDTBXH", "DPTTH", "BLS"]
DEPTS_NEW = ["SKHCN", "SVHTTDL", "SNNMT", "SGDDT", "SCT", "STC", "STP", "SNV",
             "DPTTH", "BLS"]

CASES = """
PL1 by name: NHTT "Quýt vàng Bắc Sơn" granted (2022): PL1-EXISTING, not in T2.
PL1 by head word: NHCN "Na Chi Lăng" (product "quả na") granted 2021: PL1-POSSIBLE.
PL1 by product: NHTT "Hồng Văn Lãng xanh" (product "Quả hồng vành khuyên") 2023: PL1-POSSIBLE.
Name equal, product different: NHCN "Lạng Sơn" for honey (2021): new (T3), with a note.
Invisible characters: NHTT "Rượu Mẫu<ZWJ>Sơn" (2021), "Thạch<SHY> đen Tràng Định" (2022),
  "Ba Kích<ZWSP> Đình Lập" (2024), and U+2060, U+FEFF, U+200C, U+034F, U+00AD inside
  words (2021); support "Nem<ZWSP> nướng Hữu Lũng" (2026): PL1-EXISTING / one mark (fault 7).
Same name, another kind: CDDL "Thạch đen Tràng Định" (2024): new (T1).
T8: NHCN "Chi Lăng" supported 2021 under its PL1 name, 2022 under its product's wording:
  one mark (fault 2); "Lạp sườn Bình Gia" supported 2023 after its 2021 grant: counted by its
  application number; "Bánh cuốn Kỳ Lừa" supported: not protected, not counted.
Schema failure of an expected unit: 183 (2022, bad <status>), 06187 Kỳ Lừa (2026, bad date):
  "đã nộp, bị từ chối" (fault 3).
classes = 0 (no class) vs absent (one class): A3 and A6 every year (fault 4).
Part A money beside Part B: A5, A6 budget lines every year (fault 5, reading h).
85.248 %: B10 2022 allocated 500, disbursed 426.24.
Pending application listed again in a later period: SNV (2022, 2024): a note (reading i).
Grant then stale "filed": SKHDT grants 4-2021-30001 in 2022, lists it "filed" in 2023 (reading i).
Same application number twice in one file: 186 (2021), 4-2021-20001 (reading f).
Replacements: 185 (2021, later date wins), 188 (2023, equal dates: later file name),
  SKHCN (2024), 05986 Tam Thanh (2026); an earlier, dated file of 182 (2024) after a later name.
Late reports revising earlier years: SLDTBXH (2023) reports a grant of 2022; BLS (2023) an
  activity of 2022; SVHTTDL (2025) a filing of 2023 (reading i, j).
Dates after the period's end: 178 (2021) rejected.
Unknown unit: SKHCN2 (2026).  A district after 2025: 183 (2026), not expected.
Merged units: SNNPTNT reports 2025 up to 28/02 (not expected), SNNMT from 2025.
Refused records, cross-unit duplicates (180 and SKHCN, 2023).  Filed before the plan, granted
in it (2021).  A filing on 20/12/2021 counts in 2022.  Two budget lines for one task (STC 2022).
Name equal with no product, or a product without a head word: existing (2022).  A support
reported late (BLS 2024, dated 2023): counts in 2023 (reading i).
Revisions (reading j): a CDDL granted in 2023 first reported by 184 in 2024 (T1 2023 up); an
  NHTT granted in 2022 first reported by SKHCN in 2025 (T2 2022 up); an SC filed in 2023 first
  reported by 05977 Đông Kinh in 2025 (T4 2023 up); a GCT filed in 2024 first reported by SNNMT
  in 2025 (T6 2024 up); a GCT filed in 2023 (SNNPTNT) whose filing date SNNMT corrects to 2022
  in 2025 (T6 2023 down, 2022 up: a revision with new < old).
T4/T5 split (reading d): a GPHI filed 2021, granted 2023; an SC filed before the plan, granted
  2022 (the grant only); a KDCN filed and granted in 2024 (two events in one year).
T8 (reading b): "Quýt vàng Bắc Sơn" supported 2022 and again 2026 (by the commune 06385 Hữu
  Lũng): counted once, in 2022, and in supported-in-year of 2026.  "Gà sáu ngón Mẫu Sơn"
  supported in 2023, its NHCN granted in 2024: not known in 2023's report, a protected mark
  first supported in 2023 from 2024 on (T8 is not revised).
A support dated 15/12/2024 (SKHCN, cycle 2025) counts in 2025.
"Rượu Mẫu Sơn" supported by SKHCN and 05986 in 2025: one mark.  "Na Chi Lăng" (PL1-POSSIBLE
  NHCN granted 2021) supported in 2025: known by its application number.
Reading g: 05983 (2026) sends a rejected file and an accepted one: valid, not rejected.
A refused KDCN (filed 2024) first reported in 2025: T5 2024 revised.  A pending NHTT worded
  like a Phụ lục 1 entry: no PL1 finding (reading a applies to grants), not in pl1-check.
Revision by reclassification: NHTT "Quýt Tràng Định mới" (cam sành) granted 2021 is listed
  again in 2024 as "Quýt Tràng Định" (quả quýt): PL1-EXISTING, T2 2021 revised down.
A commune code typed as a number: 6001.xml with unit="6001" (2026) is 06001 Đoàn Kết, and
  replaces 06001.xml (an earlier date); 6004.xml
  (unit="6004", a date 2026-06-31 that fails the schema) is 06004 Quốc Khánh, "đã nộp, bị từ
  chối" (fault 3).
"""


def period(y):
    return "%d-12-15" % (y - 1), "%d-12-14" % y


def day(y, rnd, lo=1, hi=11):
    """A date inside the period of year y (months lo..hi of y)."""
    return "%d-%02d-%02d" % (y, rnd.randint(lo, hi), rnd.randint(1, 28))


class Sub:
    def __init__(self, unit, year, date=None, extra_root=""):
        self.unit, self.year, self.date = unit, year, date
        self.extra_root = extra_root
        self.records, self.activities, self.supports, self.lines = [], [], [], []

    def rec(self, kind, status, app, filed=None, granted=None, name=None, product=None,
            task=None, raw_status=None):
        self.records.append(dict(kind=kind, status=raw_status or status, application=app,
                                 filed=filed, granted=granted, name=name, product=product,
                                 task=task))

    def act(self, task, date, kind, classes=None, participants=None, title=None):
        self.activities.append(dict(task=task, date=date, kind=kind, title=title,
                                    classes=classes, participants=participants))

    def sup(self, mark, kind, date, task="B9"):
        self.supports.append(dict(mark=mark, kind=kind, date=date, task=task))

    def money(self, task, allocated, disbursed):
        self.lines.append(dict(task=task, allocated=allocated, disbursed=disbursed))

    def xml(self):
        out = ['<?xml version="1.0" encoding="UTF-8"?>']
        attrs = ' format="1" unit=%s year="%d"' % (quoteattr(self.unit), self.year)
        if self.date:
            attrs += ' date="%s"' % self.date
        out.append("<submission%s%s>" % (attrs, self.extra_root))

        def block(tag, item, rows, order):
            if not rows:
                return
            out.append("  <%s>" % tag)
            for r in rows:
                out.append("    <%s>" % item)
                for k in order:
                    if r.get(k) is not None:
                        out.append("      <%s>%s</%s>" % (k, escape(str(r[k])), k))
                out.append("    </%s>" % item)
            out.append("  </%s>" % tag)
        block("records", "record", self.records,
              ["kind", "status", "application", "filed", "granted", "name", "product", "task"])
        block("activities", "activity", self.activities,
              ["task", "date", "kind", "title", "classes", "participants"])
        block("supports", "support", self.supports, ["mark", "kind", "date", "task"])
        block("budget", "line", self.lines, ["task", "allocated", "disbursed"])
        out.append("</submission>")
        return "\n".join(out) + "\n"


class Gen:
    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.serial = {}
        self.subs = {}   # (year, filename) -> Sub

    def appno(self, digit, year):
        n = self.serial.get((digit, year), 100) + 1
        self.serial[(digit, year)] = n
        return "%d-%d-%05d" % (digit, year, n)

    def sub(self, unit, year, name=None, date=None):
        key = (year, name or unit)
        if key not in self.subs:
            self.subs[key] = Sub(unit, year, date or "%d-12-%02d" % (year, self.rnd.randint(1, 10)))
        elif date:
            self.subs[key].date = date
        return self.subs[key]

    def reporters(self, y):
        if y <= 2024:
            return DISTRICTS + DEPTS_OLD
        if y == 2025:
            return DISTRICTS + COMMUNES + DEPTS_NEW + ["SNNPTNT"]
        return COMMUNES + DEPTS_NEW

    def background(self):
        rnd = self.rnd
        pending = []   # (unit, app, kind, filed, name) filed, may be granted later
        for y in range(2021, 2027):
            units = self.reporters(y)
            # a few units stay silent each year (missing)
            silent = set(rnd.sample([u for u in units if u not in ("SKHCN", "SNNMT", "STC")], 2))
            self.silent = getattr(self, "silent", {})
            self.silent[y] = silent
            ipu = [u for u in units if u not in silent and
                   (u in DISTRICTS or u in COMMUNES or u in ("SKHCN", "SCT"))]
            for u in ipu:
                lo, hi = (1, 5) if (y == 2025 and u in DISTRICTS) else \
                         (8, 11) if (y == 2025 and u in COMMUNES) else (1, 11)
                date = "2025-06-30" if (y == 2025 and u in DISTRICTS) else None
                s = self.sub(u, y, date=date)
                for _ in range(rnd.randint(3, 6)):
                    f = day(y, rnd, lo, hi)
                    a = self.appno(4, y)
                    s.rec("NH", "filed", a, filed=f, name="Nhãn %s" % a[-3:], product="Đồ gỗ")
                    pending.append((a, "NH", f))
                if rnd.random() < 0.6:
                    f = day(y, rnd, lo, hi)
                    a = self.appno(3, y)
                    s.rec("KDCN", "filed", a, filed=f, name="Kiểu dáng %s" % a[-3:])
                    pending.append((a, "KDCN", f))
                if rnd.random() < 0.2:
                    f = day(y, rnd, lo, hi)
                    a = self.appno(1, y)
                    s.rec("SC", "filed", a, filed=f, name="Sáng chế %s" % a[-3:])
                # grants of earlier filings, reported by SKHCN (the focal point)
            sk = self.sub("SKHCN", y)
            rnd.shuffle(pending)
            keep = []
            for a, k, f in pending:
                if f < period(y)[0] and rnd.random() < 0.45:
                    sk.rec(k, "granted", a, filed=f, granted=day(y, rnd, 2, 11),
                           name="Đối tượng %s" % a[-3:])
                else:
                    keep.append((a, k, f))
            pending = keep
            # activities and money of the hosts
            sk.act("A1", day(y, rnd), "tap-huan", classes=1, participants=rnd.randint(20, 60))
            sk.act("A1", day(y, rnd), "khac", title="Cập nhật CSDL")
            sk.act("A2", day(y, rnd), "nhiem-vu")
            sk.act("A2", day(y, rnd), "nhiem-vu")
            for _ in range(rnd.randint(3, 5)):
                sk.act("A3", day(y, rnd), "tap-huan", classes=1, participants=rnd.randint(30, 80))
            sk.act("A3", day(y, rnd), "tap-huan", classes=0, participants=0,
                   title="Lớp dự kiến, không mở")               # fault 4: no class
            sk.act("A3", day(y, rnd), "tap-huan", participants=40)  # absent: one class
            sk.act("A4", day(y, rnd), "tap-huan", participants=rnd.randint(20, 50))
            sk.act("B10", day(y, rnd), "hoi-thao", participants=rnd.randint(50, 120))
            if "SGDDT" not in self.silent[y]:
                sg = self.sub("SGDDT", y)
                sg.act("A6", day(y, rnd), "tap-huan", classes=2, participants=rnd.randint(60, 90))
                sg.act("A6", day(y, rnd), "tap-huan", classes="0", participants=0)
                sg.money("A6", "45", "%d.5" % rnd.randint(30, 44))
            if "STP" not in self.silent[y]:
                st = self.sub("STP", y)
                st.act("A5", day(y, rnd), "tap-huan", participants=rnd.randint(20, 40))
                st.money("A5", "25", "%d.25" % rnd.randint(15, 24))
            for u in ("DPTTH", "BLS"):
                if u not in self.silent[y]:
                    self.sub(u, y).act("B10", day(y, rnd), "truyen-thong")
            # Part B money: STC reports the Sở's lines
            stc = self.sub("STC", y)
            plan = {"B7": 200, "B8": 1000, "B9": 1200, "B9b": 1000, "B10": 400, "B11": 200}
            for t, amt in plan.items():
                if t == "B8" and y >= 2024:
                    continue
                al = amt if y <= 2025 else amt // 2
                al = al - rnd.randint(0, 9) * 10
                # never negative (B11 2026 is 10 at the least)
                di = "%d.%03d" % (max(al - rnd.randint(1, 60), 0), rnd.randint(0, 999))
                if t == "B10" and y == 2022:
                    al, di = 500, "426.24"          # 85.248 %
                stc.money(t, str(al), di)
            for u in units:
                if u not in silent:
                    self.sub(u, y)   # every reporting unit sends something

    def cases(self):
        rnd = self.rnd
        # ---- 2021
        sk = self.sub("SKHCN", 2021)
        sk.rec("NHTT", "granted", "4-2021-10001", filed="2021-02-01", granted="2021-11-20",
               name="Lạp sườn Bình Gia", product="Lạp sườn", task="B9")
        sk.rec("NHCN", "granted", "4-2021-10002", filed="2021-01-15", granted="2021-10-02",
               name="Na Chi Lăng", product="quả na")
        sk.rec("NHCN", "granted", "4-2021-10003", filed="2021-01-20", granted="2021-09-09",
               name="Lạng Sơn", product="Mật ong bạc hà")
        sk.rec("NHTT", "granted", "4-2021-10004", filed="2021-02-11", granted="2021-12-01",
               name="Rượu Mẫu" + ZWJ + "Sơn", product="Rượu")
        sk.rec("CDDL", "filed", "6-2021-00001", filed="2021-03-03", name="Mật ong Vân Thủy",
               product="Mật ong hoa ngũ gia bì")
        sk.sup("Chi Lăng", "NHCN", "2021-06-01")
        sk.sup("Bánh cuốn Kỳ Lừa", "NHTT", "2021-07-01")
        s = self.sub("186", 2021)
        s.rec("NH", "filed", "4-2021-20001", filed="2021-03-01", name="Hữu Lũng Xanh")
        s.rec("NH", "filed", "4-2021-20001", filed="2021-03-01", name="Hữu Lũng Xanh")
        s = self.sub("185", 2021, date="2021-12-01")
        s.rec("NH", "filed", self.appno(4, 2021), filed="2021-04-04", name="Bắc Sơn cũ")
        s = self.sub("185", 2021, name="185-bo-sung", date="2021-12-10")
        s.rec("NH", "filed", self.appno(4, 2021), filed="2021-04-04", name="Bắc Sơn mới")
        s.rec("NH", "filed", self.appno(4, 2021), filed="2021-05-04", name="Bắc Sơn mới 2")
        s = self.sub("178", 2021)
        s.rec("NH", "filed", self.appno(4, 2021), filed="2021-12-20", name="Sau kỳ")
        s = self.sub("SKHDT", 2021)
        s.rec("NHTT", "filed", "4-2021-30001", filed="2021-04-01", name="Cá lồng Văn Quan",
              product="Cá lồng", task="B9")
        s = self.sub("SNV", 2021)
        s.rec("NH", "filed", "4-2021-20002", filed="2021-03-02", name="Nội vụ chờ")
        # default-ignorable characters elsewhere in names (fault 7)
        sk = self.sub("SKHCN", 2021)
        sk.rec("NHTT", "granted", "4-2021-10021", filed="2021-01-05", granted="2021-08-01",
               name="Quýt\u2060 Tràng Định", product="Quả quýt")
        sk.rec("NHTT", "granted", "4-2021-10022", filed="2021-01-06", granted="2021-08-02",
               name="Nem nướng\ufeffHữu Lũng", product="Nem nướng")
        sk.rec("NHTT", "granted", "4-2021-10023", filed="2021-01-07", granted="2021-08-03",
               name="Hoa qu\u200dả tươi Hữu Lũng", product="Hoa quả tươi")
        sk.rec("NHTT", "granted", "4-2021-10024", filed="2021-01-08", granted="2021-08-04",
               name="Rau\u200c Cao L\u034fộc", product="Rau")
        sk.rec("NHTT", "granted", "4-2021-10025", filed="2021-01-09", granted="2021-08-05",
               name="Ngựa bạ\u00adch Hữu Kiên", product="Ngựa bạch")
        s = self.sub("SNNPTNT", 2021)
        s.rec("GCT", "filed", "GCT-2021-01", filed="2021-06-06", name="Hồng không hạt Bảo Lâm")
        # filed before the plan, granted in it: only the grant event counts
        sk.rec("NH", "granted", "4-2020-10030", filed="2020-05-05", granted="2021-02-02",
               name="Trước Đề án")
        # ---- 2022
        # a date from 15/12 belongs to the next year's period
        s = self.sub("182", 2022)
        s.rec("NH", "filed", "4-2021-10031", filed="2021-12-20", name="Cuối năm")
        # two budget lines for one task are summed (BUDGET-DUP)
        s = self.sub("STC", 2022)
        s.money("B11", "10", "9.999")
        sk = self.sub("SKHCN", 2022)
        # name equal, product absent or without a head word: existing
        sk.rec("NHTT", "granted", "4-2021-10032", filed="2021-06-01", granted="2022-03-01",
               name="Cao khô Vạn Linh")
        sk.rec("NHTT", "granted", "4-2021-10033", filed="2021-06-02", granted="2022-03-02",
               name="Rượu Hữu Lễ", product="Sản phẩm")
        sk.sup("Quả Na của huyện Chi Lăng, Hữu Lũng", "NHCN", "2022-05-05")
        sk.sup("Chi Lăng", "NHCN", "2022-08-05")
        sk.rec("NHTT", "granted", "4-2021-10005", filed="2021-03-03", granted="2022-04-04",
               name="Thạch" + SHY + " đen Tràng Định", product="Thạch đen")
        sk.rec("NHTT", "granted", "4-2022-10006", filed="2022-01-10", granted="2022-10-10",
               name="Quýt vàng Bắc Sơn", product="Quả quýt vàng")
        s = self.sub("183", 2022)
        s.rec("NH", "pending", self.appno(4, 2022), filed="2022-03-03", name="Sai trạng thái")
        s = self.sub("SNV", 2022)
        s.rec("NH", "filed", "4-2021-20002", filed="2021-03-02", name="Nội vụ chờ")
        s.rec("NH", "filed", self.appno(4, 2022), filed="2022-06-06", name="Nội vụ mới")
        s = self.sub("SKHDT", 2022)
        s.rec("NHTT", "granted", "4-2021-30001", filed="2021-04-01", granted="2022-06-01",
              name="Cá lồng Văn Quan", product="Cá lồng", task="B9")
        s = self.sub("SNNPTNT", 2022)
        s.rec("GCT", "granted", "GCT-2021-01", filed="2021-06-06", granted="2022-07-07",
              name="Hồng không hạt Bảo Lâm")
        # ---- 2023
        sk = self.sub("SKHCN", 2023)
        sk.sup("Lạp sườn Bình Gia", "NHTT", "2023-03-03")
        sk.sup("Rượu Mẫu Sơn", "NHTT", "2023-04-04")
        sk.rec("NHTT", "granted", "4-2022-10007", filed="2022-02-02", granted="2023-05-05",
               name="Hồng Văn Lãng xanh", product="Quả hồng vành khuyên")
        sk.rec("NH", "refused", "4-2022-10008", filed="2022-02-03", name="Bị từ chối")
        sk.rec("NH", "filed", "4-2023-10009", filed="2023-02-03", name="Trùng hai đơn vị")
        s = self.sub("180", 2023)
        s.rec("NH", "filed", "4-2023-10009", filed="2023-02-03", name="Trùng hai đơn vị")
        s = self.sub("SKHDT", 2023)
        s.rec("NHTT", "filed", "4-2021-30001", filed="2021-04-01", name="Cá lồng Văn Quan",
              product="Cá lồng")
        s = self.sub("SLDTBXH", 2023)
        s.rec("KDCN", "granted", "3-2021-10010", filed="2021-05-05", granted="2022-05-05",
              name="Hộp quà muộn")
        s = self.sub("BLS", 2023)
        s.act("B10", "2022-11-01", "truyen-thong", participants=30, title="Báo muộn")
        s = self.sub("188", 2023, name="188", date="2023-12-05")
        s.rec("NH", "filed", self.appno(4, 2023), filed="2023-04-04", name="Lộc Bình A")
        s = self.sub("188", 2023, name="188-bo-sung", date="2023-12-05")
        s.rec("NH", "filed", self.appno(4, 2023), filed="2023-04-04", name="Lộc Bình B")
        # ---- 2024
        sk = self.sub("SKHCN", 2024, date="2024-12-01")
        sk.rec("CDDL", "granted", "6-2021-00001", filed="2021-03-03", granted="2024-03-03",
               name="Mật ong Vân Thủy", product="Mật ong hoa ngũ gia bì")
        sk = self.sub("SKHCN", 2024, name="SKHCN-bo-sung", date="2024-12-12")
        sk.rec("CDDL", "granted", "6-2021-00001", filed="2021-03-03", granted="2024-03-03",
               name="Mật ong Vân Thủy", product="Mật ong hoa ngũ gia bì")
        sk.rec("CDDL", "granted", "6-2022-00002", filed="2022-03-03", granted="2024-06-03",
               name="Thạch đen Tràng Định", product="Thạch đen")
        sk.rec("NHTT", "granted", "4-2023-10011", filed="2023-01-01", granted="2024-02-02",
               name="Ba Kích" + ZWSP + " Đình Lập", product="Ba kích tím")
        sk.rec("NHCN", "granted", "4-2023-10012", filed="2023-01-05", granted="2024-02-05",
               name="Gà sáu ngón Mẫu Sơn", product="Gà sáu ngón")
        sk.sup("Lạp sườn Bình Gia", "NHTT", "2024-03-03")
        # a support reported late: it counts in the year of its date
        s = self.sub("BLS", 2024)
        s.sup("Thạch đen Tràng Định", "NHTT", "2023-10-10", task="B10")
        s = self.sub("SNV", 2024)
        s.rec("NH", "filed", "4-2023-10013", filed="2023-03-03", name="Nội vụ chờ 2")
        s = self.sub("182", 2024, name="182-bo-sung", date="2024-12-02")
        s.rec("NH", "filed", self.appno(4, 2024), filed="2024-04-04", name="Văn Lãng sớm")
        s = self.sub("182", 2024, name="182", date="2024-12-09")
        s.rec("NH", "filed", self.appno(4, 2024), filed="2024-04-04", name="Văn Lãng muộn")
        s = self.sub("SNV", 2023)
        s.rec("NH", "filed", "4-2023-10013", filed="2023-03-03", name="Nội vụ chờ 2")
        # ---- 2025
        s = self.sub("SVHTTDL", 2025)
        s.rec("NH", "filed", "4-2023-10014", filed="2023-06-06", name="Báo muộn 2023")
        sk = self.sub("SKHCN", 2025)
        sk.rec("NHCN", "granted", "4-2024-10015", filed="2024-01-01", granted="2025-09-09",
               name="Vịt quay Lạng Sơn", product="Vịt quay")
        s = self.sub("SNNPTNT", 2025, date="2025-02-28")
        s.rec("GCT", "filed", "GCT-2025-01", filed="2025-01-10", name="Quýt không hạt")
        s = self.sub("SNNMT", 2025)
        s.rec("GCT", "filed", "GCT-2025-02", filed="2025-08-10", name="Lê Mẫu Sơn")
        # ---- 2026
        s = self.sub(TAM_THANH, 2026, date="2026-12-03")
        s.rec("NH", "filed", self.appno(4, 2026), filed="2026-02-02", name="Tam Thanh cũ")
        s = self.sub(TAM_THANH, 2026, name=TAM_THANH + "-bo-sung", date="2026-12-11")
        s.rec("NH", "filed", self.appno(4, 2026), filed="2026-02-02", name="Tam Thanh mới")
        s = self.sub(KY_LUA, 2026)
        s.rec("NH", "filed", self.appno(4, 2026), filed="2026-13-01", name="Ngày sai")
        s = self.sub("SKHCN2", 2026)
        s.act("B7", "2026-03-03", "hoi-thao", participants=30)
        s = self.sub("183", 2026)
        s.rec("NH", "filed", self.appno(4, 2026), filed="2026-03-03", name="Huyện cũ")
        sk = self.sub("SKHCN", 2026)
        sk.sup("Quả Na của huyện Chi Lăng, Hữu Lũng", "NHCN", "2026-01-10")
        sk.sup("Vịt quay Lạng Sơn", "NHCN", "2026-02-10")
        sk.sup("Khoai lang Lộc Bình", "NHTT", "2026-03-10")
        sk.sup("Nem\u200b nướng Hữu Lũng", "NHTT", "2026-04-10")

    # readings d and j: records as (unit, cycle, file or None, kind, status,
    # application, filed, granted, name, product)
    LATER_RECORDS = [
        # late reports revise earlier years (reading j)
        ("184", 2024, None, "CDDL", "granted", "6-2022-00003", "2022-02-02", "2023-09-09",
         "Quế Văn Quan", "Vỏ quế"),
        ("SKHCN", 2025, None, "NHTT", "granted", "4-2021-10040", "2021-05-05", "2022-08-08",
         "Bánh phổng Tràng Định", "Bánh phổng"),
        (DONG_KINH, 2025, None, "SC", "filed", "1-2023-00041", "2023-07-07", None,
         "Lò sấy hồi", None),
        ("SNNMT", 2025, None, "GCT", "filed", "GCT-2024-01", "2024-05-05", None,
         "Na dai Chi Lăng", None),
        # a correction moves a filing to the year before: a revision down
        ("SNNPTNT", 2023, None, "GCT", "filed", "GCT-2023-01", "2023-03-10", None,
         "Mận sớm Văn Lãng", None),
        ("SNNMT", 2025, None, "GCT", "granted", "GCT-2023-01", "2022-11-11", "2025-05-05",
         "Mận sớm Văn Lãng", None),
        # a later listing renames a 2021 grant to its Phụ lục 1 entry: no
        # longer new, T2 2021 revised down
        ("SKHCN", 2021, None, "NHTT", "granted", "4-2020-10046", "2020-10-10", "2021-06-06",
         "Quýt Tràng Định mới", "Cam sành"),
        ("SKHCN", 2024, "SKHCN-bo-sung", "NHTT", "granted", "4-2020-10046", "2020-10-10",
         "2021-06-06", "Quýt Tràng Định", "Quả quýt"),
        # applications and grants of T4/T5 (reading d)
        ("SKHCN", 2021, None, "GPHI", "filed", "2-2021-00043", "2021-04-04", None,
         "Giàn phơi", None),
        ("SKHCN", 2023, None, "GPHI", "granted", "2-2021-00043", "2021-04-04", "2023-06-06",
         "Giàn phơi", None),
        ("SKHCN", 2022, None, "SC", "granted", "1-2020-00044", "2020-08-08", "2022-05-05",
         "Máy tách hạt", None),
        ("SCT", 2024, None, "KDCN", "granted", "3-2024-00045", "2024-01-10", "2024-10-10",
         "Hộp chè", None),
        # a refused KDCN first reported a year late: its filing still counts
        ("SKHCN", 2025, None, "KDCN", "refused", "3-2024-00047", "2024-02-02", None,
         "Bình gốm", None),
        # reading a applies to grants: a pending NHTT worded like an entry
        ("180", 2023, None, "NHTT", "filed", "4-2023-00048", "2023-05-05", None,
         "Khoai lang Lộc Bình tím", "Khoai lang"),
    ]

    def later_cases(self):
        """Readings b, d, g and j (the figures added after the first cases)."""
        for unit, y, name, kind, status, app, filed, granted, title, product in \
                self.LATER_RECORDS:
            self.sub(unit, y, name=name).rec(kind, status, app, filed=filed, granted=granted,
                                             name=title, product=product)
        # reading b: a mark supported in 2023, its record granted in 2024
        self.sub("SKHCN", 2023).sup("Gà sáu ngón Mẫu Sơn", "NHCN", "2023-07-07")
        # reading b: the same mark supported by two units in one year (one
        # mark, both units); a PL1-POSSIBLE record's name (its application
        # number: not confirmed as the entry)
        self.sub("SKHCN", 2025).sup("Rượu Mẫu Sơn", "NHTT", "2025-03-03")
        self.sub(TAM_THANH, 2025).sup("Rượu Mẫu Sơn", "NHTT", "2025-09-09")
        self.sub("SKHCN", 2025).sup("Na Chi Lăng", "NHCN", "2025-04-04")
        # reading g: an expected unit with a rejected and an accepted file is
        # "đã nộp, hợp lệ"
        s = self.sub(LUONG_VAN_TRI, 2026, name=LUONG_VAN_TRI + "-loi", date="2026-12-02")
        s.rec("NH", "filed", self.appno(4, 2026), filed="2026-02-30", name="Ngày không có")
        self.sub(LUONG_VAN_TRI, 2026)
        # a support dated 15/12/2024 belongs to 2025
        self.sub("SKHCN", 2025).sup("Hồng vành khuyên Văn Lãng", "NHTT", "2024-12-15")
        # reading b: a protected mark supported again
        self.sub("SKHCN", 2022).sup("Quýt vàng Bắc Sơn", "NHTT", "2022-09-09")
        self.sub(HUU_LUNG, 2026).sup("Quýt vàng Bắc Sơn", "NHTT", "2026-05-05")
        # a commune code typed as a number (UNIT-CODE-ZEROS), in a valid
        # file and in one that fails the schema (fault 3: credited all the
        # same, "đã nộp, bị từ chối")
        s = self.sub(DOAN_KET, 2026, date="2026-12-01")
        s.rec("NH", "filed", self.appno(4, 2026), filed="2026-05-05", name="Đoàn Kết cũ")
        s = self.sub(DOAN_KET.lstrip("0"), 2026, date="2026-12-09")   # replaces 06001.xml
        s.rec("NH", "filed", self.appno(4, 2026), filed="2026-06-06", name="Đoàn Kết xanh")
        s = self.sub(QUOC_KHANH.lstrip("0"), 2026)
        s.rec("NH", "filed", self.appno(4, 2026), filed="2026-06-31", name="Quốc Khánh sai ngày")

    def write(self, out):
        for (y, name), s in sorted(self.subs.items()):
            d = os.path.join(out, str(y))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, name + ".xml"), "w", encoding="utf-8") as fh:
                fh.write(s.xml())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args()
    g = Gen(a.seed)
    g.background()
    g.cases()
    g.later_cases()
    g.write(a.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
