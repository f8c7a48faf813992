// `inkoop source`: the policy's source document as a page, each paragraph beside what encodes it.
#pragma once

#include <string>

#include "core/analysis/source_doc.hpp"
#include "core/base/i18n.hpp"

namespace inkoop {

// A self-contained HTML page in `lang` (CSP as the report: no script, no network): the coverage,
// then section by section the sentences, each marked encoded (with the codes), not encoded (with
// the reason) or open, and the rules and parameters that cite the section.
std::string source_page_html(const SourceView& v, Lang lang, const std::string& generated);

}  // namespace inkoop
