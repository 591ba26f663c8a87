# baocao - Lạng Sơn IP-plan report generator.
#
#   make            build ./baocao
#   make run        run the main job on the sample cycle in input/ -> output/
#   make check      unit tests (cmocka) and end-to-end tests, then the same
#                   suite built with ASan + UBSan (make check-san alone),
#                   then the real-client tests (make check-clients alone:
#                   LibreOffice, Gnumeric, Chromium; each one missing is
#                   skipped with a notice)
#   make windows    dist/baocao-VERSION-win64.zip, cross-built with mingw-w64
#                   (docs/windows.md); make check ends with check-windows,
#                   its tests under Wine (skipped with a notice without them)
#   make samples    regenerate the illustrative cycles in input/
#   make bench      the benchmark (docs/performance.md), BENCH_N="100 1000"
#   make install PREFIX=/usr/local DESTDIR=
#
# Every library is found with pkg-config.  `make deps` checks them and,
# on Debian, installs what is missing (or prints the exact command).

VERSION   := 0.1.0
CC        ?= cc
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/baocao
MANDIR    ?= $(PREFIX)/share/man/man1
BUILD     ?= build
PKG_CONFIG ?= pkg-config

PKGS      := libxml-2.0 libxslt libexslt xlsxwriter libpcre2-8 libzip freexl libutf8proc
TEST_PKGS := cmocka

OPT       ?= -O2
WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wformat=2 -Wno-format-nonliteral
CFLAGS    ?= $(OPT) -g
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
             -DBC_VERSION='"$(VERSION)"' -DBC_TEMPLATEDIR='"$(DATADIR)/templates"' \
             $(SAN_FLAGS) $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) -Isrc
LIBS       = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm -lpthread
TEST_LIBS  = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

ifeq ($(SAN),1)
override BUILD := $(BUILD)-san
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT       := -O1
endif

LIB_SRC   := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ   := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
TEST_SRC  := $(wildcard tests/unit/test_*.c)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC  := $(wildcard tools/*.c)
TOOL_BIN  := $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)
BIN       := $(BUILD)/baocao
-include tests/fuzz/fuzz.mk
-include tests/valgrind.mk
-include tools/windows/windows.mk

.PHONY: all deps run check check-unit check-e2e check-san check-clients check-recount \
        samples install uninstall clean bench
.DEFAULT_GOAL := all

all: deps-quiet ./baocao

# ./baocao is a copy of the normal build so README commands work as shown
./baocao: $(BUILD)/baocao
	@if [ "$(SAN)" != "1" ]; then cp $< $@; fi

deps:
	@sh tools/deps.sh --install

deps-quiet:
	@sh tools/deps.sh --install --quiet

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libbaocao.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/baocao: $(BUILD)/obj/main.o $(BUILD)/libbaocao.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libbaocao.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -DTESTING -Itests/unit -o $@ $< $(BUILD)/libbaocao.a $(LIBS) $(TEST_LIBS)

# the figures checker (tests/e2e/figures.c): a plain program, no cmocka
$(BUILD)/tests/figures: tests/e2e/figures.c $(BUILD)/libbaocao.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -DTESTING -o $@ $< $(BUILD)/libbaocao.a $(LIBS)

# the independent recount's reader (tests/recount/): ingest + validate only
$(BUILD)/tests/recount-dump: tests/recount/dump.c $(BUILD)/libbaocao.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libbaocao.a $(LIBS)

# the real-client tests' comparer (tests/clients/clients.c)
$(BUILD)/tests/clients: tests/clients/clients.c $(BUILD)/libbaocao.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -DTESTING -o $@ $< $(BUILD)/libbaocao.a $(LIBS)

$(BUILD)/tools/%: tools/%.c $(wildcard tools/*.h) $(BUILD)/libbaocao.a | $(BUILD)/tools
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libbaocao.a $(LIBS)

$(BUILD)/obj $(BUILD)/tests $(BUILD)/tools:
	mkdir -p $@

# exit status 1 means "reports written, some input rejected or the plan
# contradicts itself": the findings printed say what; make still succeeds.
# --annotate-set: the marked-up copies of the year's rejected workbooks go
# into the report set (output/<year>/can-sua/), linked from kiem-tra
run: all
	./baocao run --input input --output output --annotate-set || [ $$? -eq 1 ]

check: deps-quiet
	@sh tools/deps.sh --install --quiet --test
	$(MAKE) --no-print-directory check-unit check-e2e
	$(MAKE) --no-print-directory SAN=1 check-unit check-e2e
	$(MAKE) --no-print-directory check-clients
	$(MAKE) --no-print-directory check-windows

check-unit: $(BIN) $(TEST_BIN)
	@sh tests/run-unit.sh $(BUILD) $(TEST_BIN)
	@python3 tests/words/check.py .

check-e2e: $(BIN) $(TOOL_BIN) $(BUILD)/tests/figures
	@sh tests/e2e/run.sh $(BIN) $(BUILD)
	@$(MAKE) --no-print-directory check-recount

# an independent second count of every figure (tests/recount/README.md),
# on the sample and on generated edge-case cycles
check-recount: $(BIN) $(BUILD)/tests/recount-dump
	@sh tests/recount/run.sh $(BIN) $(BUILD)

# the reports through the programs people open them with (tests/clients/)
check-clients: $(BIN) $(BUILD)/tests/figures $(BUILD)/tests/clients
	@sh tests/clients/xlsx-clients.sh $(BIN) $(BUILD)
	@sh tests/clients/html-pdf.sh $(BIN) $(BUILD)

check-san:
	$(MAKE) --no-print-directory SAN=1 check-unit check-e2e

samples: $(BUILD)/tools/gensample
	$(BUILD)/tools/gensample --plan templates/plan/de-an-2030.xml --out input

# the benchmark (tools/bench.sh, docs/performance.md): synthetic cycles of
# BENCH_N submissions, cached in $(BUILD)/bench/; 100000 on request
BENCH_N ?= 100 1000 10000 30000
# its clock (tests/bench/measure.c) and its XML anchor (tests/bench/xmlvalid.c)
BENCH_BIN := $(BUILD)/tests/bench/measure $(BUILD)/tests/bench/xmlvalid
bench: $(BIN) $(BUILD)/tools/genbench $(BENCH_BIN)
	sh tools/bench.sh $(BUILD) $(BENCH_N)

$(BUILD)/tests/bench/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) $(CFLAGS) -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	    $(shell $(PKG_CONFIG) --cflags libxml-2.0) -o $@ $< $(shell $(PKG_CONFIG) --libs libxml-2.0)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(BUILD)/baocao $(DESTDIR)$(BINDIR)/baocao
	cp -R templates $(DESTDIR)$(DATADIR)/
	install -m 644 docs/baocao.1 $(DESTDIR)$(MANDIR)/baocao.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/baocao $(DESTDIR)$(MANDIR)/baocao.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san $(FUZZ_BUILD) ./baocao
