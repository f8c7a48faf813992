#include "table.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sstream>

#include "core/render.hpp"

namespace inkoop::cli {

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) { out << format_table(rows); }

std::vector<std::string> split_words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> w;
    for (std::string x; in >> x;) w.push_back(x);
    return w;
}

}  // namespace inkoop::cli
