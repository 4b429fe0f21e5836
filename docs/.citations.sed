# Replaces citations of documents outside the repository by the project's own docs/ pages.
# Run from the repository root, over tracked files only, skipping this file:
#   git ls-files -z | grep -zv '^docs/\.citations\.sed$' \
#     | xargs -0 grep -lZ -e PAPER-SPEC -e TOY-ZOO -e GGUF-FIXTURES -e PERF-ANCHORS -e '\.\./shared' -e '\.\./\.\./data/' \
#     | xargs -0 sed -i -E -f docs/.citations.sed
# Section numbers (§N, §N.M, "§9 step 2") and quirk ids (Q1 ... Q27) stay as they are: the pages keep the numbering.
# Specific forms first, then the generic names.
s#`\.\./\.\./docs/PAPER-SPEC\.md`#`docs/reference-pipeline.md`#g
s#\.\./shared/docs/PAPER-SPEC\.md#docs/reference-pipeline.md#g
s#\.\./shared/docs/TOY-ZOO\.md#docs/toy-zoo.md#g
s#\.\./shared/docs/GGUF-FIXTURES\.md#docs/gguf-fixtures.md#g
s#\.\./shared/docs/PERF-ANCHORS\.md#docs/performance-notes.md#g
s#\.\./shared/reference/genex-medcalc/?#core/src/test/resources/genex-medcalc/#g
s#\.\./shared/reference/genex-induction/?#core/src/test/resources/genex-induction/#g
s#`\.\./\.\./data/medcalc-bench/paper_subset_100_row_numbers\.json`#`core/src/main/resources/xcot/data/medcalc-bench/paper_subset_100_row_numbers.json`#g
s#PAPER-SPEC's texts#the texts of docs/reference-pipeline.md#g
s#PAPER-SPEC section ([0-9])#docs/reference-pipeline.md §\1#g
s#PAPER-SPEC\.md#docs/reference-pipeline.md#g
s#PAPER-SPEC#docs/reference-pipeline.md#g
s#TOY-ZOO(\.md)?#docs/toy-zoo.md#g
s#GGUF-FIXTURES(\.md)?#docs/gguf-fixtures.md#g
s#PERF-ANCHORS J1#docs/performance-notes.md §7 J1#g
s#PERF-ANCHORS(\.md)?#docs/performance-notes.md#g
