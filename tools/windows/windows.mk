# windows.mk - the Windows build (docs/windows.md), included by Makefile.
#
#   make windows        dist/baocao-$(VERSION)-win64.zip
#   make check-windows  the zip's program under Wine (tests/windows/run.sh);
#                       skipped with a notice without mingw-w64 or Wine
#
# The libraries are cross-built once from Debian's source packages into
# build/win/prefix (tools/windows/build-libs.sh, stamps in build/win/stamps);
# baocao.exe is linked statically: the zip holds no DLL.

WIN        := build/win
WIN_HOST   := x86_64-w64-mingw32
WIN_CC     := $(WIN_HOST)-gcc
WIN_PREFIX := $(WIN)/prefix
WIN_DIST   := dist/baocao-$(VERSION)-win64.zip
WIN_LIBS_STAMP := $(WIN)/stamps/freexl
# -Wno-format: GCC checks format(printf) attributes against msvcrt's printf,
# which lacks %zu; __USE_MINGW_ANSI_STDIO gives the C99 one at run time,
# and the Linux build keeps the check
WIN_CFLAGS := -std=c11 $(WARN) -O2 -g0 -DBC_VERSION='"$(VERSION)"' \
              -DLIBXML_STATIC -DLIBXSLT_STATIC -DLIBEXSLT_STATIC -DPCRE2_STATIC \
              -DUTF8PROC_STATIC -D__USE_MINGW_ANSI_STDIO=1 -Wno-format \
              -I$(WIN_PREFIX)/include -I$(WIN_PREFIX)/include/libxml2 \
              -Isrc -Isrc/win32/include -include src/win32/posix.h
WIN_LDLIBS := -L$(WIN_PREFIX)/lib -lexslt -lxslt -lxml2 -lxlsxwriter -lpcre2-8 \
              -lzip -lfreexl -liconv -lutf8proc -lz -lws2_32 -lbcrypt -lpsapi \
              -lshell32 -static -lpthread -lm
WIN_SRC    := $(wildcard src/*.c)
WIN_OBJ    := $(WIN_SRC:src/%.c=$(WIN)/obj/%.o) $(WIN)/obj/win32-posix.o \
              $(WIN)/obj/baocao-res.o
WIN_EXE    := $(WIN)/baocao.exe

.PHONY: windows windows-libs check-windows

windows: $(WIN_DIST)

windows-libs: $(WIN_LIBS_STAMP)

$(WIN_LIBS_STAMP): tools/windows/build-libs.sh $(wildcard tools/windows/shim/*)
	@sh tools/deps.sh --install --quiet --windows
	sh tools/windows/build-libs.sh $(WIN)

$(WIN)/obj/%.o: src/%.c $(wildcard src/*.h) src/win32/posix.h $(WIN_LIBS_STAMP)
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -c -o $@ $<

$(WIN)/obj/win32-posix.o: src/win32/posix.c src/win32/posix.h
	@mkdir -p $(@D)
	$(WIN_CC) -std=c11 $(WARN) -O2 -Isrc/win32 -c -o $@ $<

$(WIN)/obj/baocao-res.o: src/win32/baocao.rc src/win32/baocao.manifest
	@mkdir -p $(@D)
	$(WIN_HOST)-windres -Isrc/win32 \
	  -DBC_VERSION_NUMS="$(subst .,$(comma),$(VERSION)),0" \
	  -DBC_VERSION_STR='\"$(VERSION)\"' -O coff -o $@ $<

comma := ,

$(WIN_EXE): $(WIN_OBJ)
	$(WIN_CC) -s -Wl,--no-insert-timestamp -o $@ $^ $(WIN_LDLIBS)

$(WIN_DIST): $(WIN_EXE) tools/windows/package.sh tools/windows/Lap-bao-cao.bat \
             tools/windows/huong-dan.txt docs/baocao.1 $(shell find templates -type f)
	sh tools/windows/package.sh $(WIN_EXE) $(VERSION) $@

check-windows:
	@if sh tests/windows/run.sh --available; then \
	  $(MAKE) --no-print-directory windows $(BIN) $(TOOL_BIN) $(BUILD)/tests/figures && \
	  sh tests/windows/run.sh $(WIN_DIST) $(BIN) $(BUILD); fi
