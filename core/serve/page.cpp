#include "core/serve/page.hpp"

extern const unsigned char inkoop_page_html[];
extern const unsigned long inkoop_page_html_size;

namespace inkoop::serve {

std::string_view page_html() { return {reinterpret_cast<const char*>(inkoop_page_html), inkoop_page_html_size}; }

}  // namespace inkoop::serve
