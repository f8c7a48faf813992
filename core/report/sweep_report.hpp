// A scenario sweep (`inkoop sweep --output F.json`) as a self-contained HTML page: a line chart
// of the outcomes over one varied parameter, a heat map of the offers over two, and the table of
// every scenario. Inline SVG and CSS only: no script, no request (Content-Security-Policy
// default-src 'none').
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/base/i18n.hpp"

namespace inkoop {

// `source`: the sweep file as named on the command line; `generated`: when and by what.
std::string sweep_report_html(const nlohmann::json& sweep, Lang lang, const std::string& source, const std::string& generated);

}  // namespace inkoop
