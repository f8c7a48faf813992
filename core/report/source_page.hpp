// `inkoop source`: the policy's source document as a page, each paragraph beside what encodes it.
#pragma once

#include <string>

#include "core/analysis/source_diff.hpp"
#include "core/analysis/source_doc.hpp"
#include "core/base/i18n.hpp"

namespace inkoop {

// A self-contained HTML page in `lang` (CSP as the report: no script, no network): the coverage,
// then section by section the sentences, each marked encoded (with the codes), not encoded (with
// the reason) or open, and the rules and parameters that cite the section.
std::string source_page_html(const SourceView& v, Lang lang, const std::string& generated);

// `inkoop source --diff A B`: the same kind of page for two documents: the counts, B's new or
// changed normative sentences no rule of B encodes, then every changed, added, removed and
// renumbered paragraph with the rules of each policy that quote or cite it.
std::string source_diff_html(const SourceDiff& d, Lang lang, const std::string& generated);

}  // namespace inkoop
