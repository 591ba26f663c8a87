# tests/fuzz/fuzz.mk - libFuzzer harnesses (tests/fuzz/fuzz_*.c), included
# by the Makefile.
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="xml xlsx xls number"]
#       builds the library with clang -fsanitize=fuzzer-no-link,address,
#       undefined into build-fuzz/, links each harness with
#       -fsanitize=fuzzer and runs each in turn for FUZZ_SECONDS over a
#       working corpus build-fuzz/corpus/NAME/ (seeded from the committed
#       tests/fuzz/corpus/NAME/ and tests/fuzz/regressions/NAME/, which are
#       never written to); crashes go to build-fuzz/crashes/, the log of
#       each run to build-fuzz/logs/NAME.log.  Fails when a run found
#       anything.  make fuzz-NAME runs one harness.
#   make fuzz-build    only builds the fuzzers.
#
# The same harness files, built without -DFUZZING by the normal compiler,
# are regression programs ($(BUILD)/tests/fuzz_NAME): each runs every file
# of its corpus and of tests/fuzz/regressions/NAME/ once.  They are added
# to TEST_BIN, so make check-unit (and so make check, plain and under
# ASan + UBSan) runs them like the unit tests.

FUZZ_NAMES   := xml xlsx xls number
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build-fuzz
FUZZ_CC      ?= clang
# per harness: the largest input tried (XLSX up to ~1 MB)
FUZZ_MAXLEN_xml    := 262144
FUZZ_MAXLEN_xlsx   := 1048576
FUZZ_MAXLEN_xls    := 262144
FUZZ_MAXLEN_number := 256
# extra libFuzzer flags, e.g. FUZZ_FLAGS=-len_control=0
FUZZ_FLAGS   ?=

FUZZ_SAN    := -fsanitize=address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=undefined
FUZZ_CFLAGS  = -std=c11 $(WARN) -O1 -g -D_DEFAULT_SOURCE \
               -D_POSIX_C_SOURCE=200809L -DBC_VERSION='"$(VERSION)"' \
               -DBC_TEMPLATEDIR='"$(DATADIR)/templates"' $(FUZZ_SAN) \
               $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) -Isrc
FUZZ_LIB_OBJ := $(LIB_SRC:src/%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_BIN     := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_HDR     := tests/fuzz/fuzz_common.h tests/fuzz/fuzz_book.h

.PHONY: fuzz fuzz-build $(FUZZ_NAMES:%=fuzz-%)

$(FUZZ_BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | $(FUZZ_BUILD)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/libbaocao.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HDR) $(FUZZ_BUILD)/libbaocao.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZING -Itests/fuzz -fsanitize=fuzzer \
	    -o $@ $< $(FUZZ_BUILD)/libbaocao.a $(LIBS)

$(FUZZ_BUILD)/obj:
	mkdir -p $@

fuzz-build: $(FUZZ_BIN)

fuzz: $(FUZZ_TARGETS:%=fuzz-%)

$(FUZZ_NAMES:%=fuzz-%): fuzz-%: $(FUZZ_BUILD)/fuzz_%
	@sh tests/fuzz/run.sh $* $(FUZZ_SECONDS) $(FUZZ_MAXLEN_$*) $(FUZZ_BUILD) \
	    $(FUZZ_FLAGS)

# the regression programs, with the unit tests
TEST_BIN += $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz_%)

$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HDR) $(BUILD)/libbaocao.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -o $@ $< $(BUILD)/libbaocao.a $(LIBS)
