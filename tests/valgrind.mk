# tests/valgrind.mk - make valgrind, included by the Makefile.
#
#   make valgrind        the end-to-end suite with every run of the binary
#                        under valgrind memcheck (full leak check, errors
#                        and definite/indirect leaks fail), then every unit
#                        program ($(TEST_BIN), which includes the fuzz
#                        regression programs) under memcheck too
#   make valgrind-e2e    only the end-to-end suite
#   make valgrind-unit   only the unit programs
#
# The normal build only (valgrind and the sanitizers do not mix).  Logs go
# to $(BUILD)/valgrind/; see tests/valgrind.sh.  Suppressions, each for a
# documented library leak: tests/valgrind.supp.

.PHONY: valgrind valgrind-e2e valgrind-unit

valgrind valgrind-e2e valgrind-unit: VALGRIND_E2E = $(if $(filter valgrind-unit,$@),--no-e2e,)
valgrind valgrind-e2e valgrind-unit: VALGRIND_UNIT = $(if $(filter valgrind-e2e,$@),,$(TEST_BIN))

valgrind valgrind-e2e valgrind-unit: $(BIN) $(TOOL_BIN) $(BUILD)/tests/figures $(TEST_BIN)
	@if [ "$(SAN)" = 1 ]; then echo "make valgrind: not with SAN=1" >&2; exit 2; fi
	@sh tests/valgrind.sh $(BIN) $(BUILD) $(VALGRIND_E2E) $(VALGRIND_UNIT)
