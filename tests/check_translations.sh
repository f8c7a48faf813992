#!/usr/bin/env bash
# Every message inkoop shows a person has a Dutch translation: the messages are extracted from the
# sources with xgettext (the keywords of core/base/i18n.hpp, and the REPL session's say()) and compared with the catalogue by
# msgcmp, which fails on a message the catalogue lacks or leaves untranslated (or marks fuzzy).
# Usage: check_translations.sh SOURCE_DIR WORK_DIR
set -euo pipefail
src=$1 work=$2
mkdir -p "$work"
cd "$src"
mapfile -t files < <(find core repl bindings -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
xgettext --language=C++ --from-code=UTF-8 --keyword=tr:2 --keyword=trc:2c,3 --keyword=N_ --keyword=NC_:1c,2 --keyword=say:1 \
  --sort-output --no-wrap --package-name=inkoop --output="$work/inkoop.pot" "${files[@]}"
for po in core/base/i18n/*.po; do
  msgfmt --check --statistics --output-file=/dev/null "$po"
  msgcmp "$po" "$work/inkoop.pot"
done
echo "check_translations: every message has its translation"
