// The page for people at GET /: one HTML file with its script and style inline (no CDN, nothing
// fetched but the server's own API), built into the binary from core/serve/page/index.html.
#pragma once

#include <string_view>

namespace inkoop::serve {

std::string_view page_html();

}  // namespace inkoop::serve
