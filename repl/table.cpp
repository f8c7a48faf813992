#include "table.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sstream>

#include "core/text.hpp"

namespace inkoop::cli {

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& raw) {
    // Cells hold input values and policy texts: escaped for the terminal.
    std::vector<std::vector<std::string>> rows;
    rows.reserve(raw.size());
    for (const auto& r : raw) {
        std::vector<std::string> cells;
        for (const auto& c : r) cells.push_back(terminal_safe(c));
        rows.push_back(std::move(cells));
    }
    std::vector<size_t> widths;
    for (const auto& r : rows)
        for (size_t i = 0; i < r.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], r[i].size());
        }
    for (const auto& r : rows) {
        std::string line;
        for (size_t i = 0; i < r.size(); ++i) line += i + 1 == r.size() ? r[i] : fmt::format("{:<{}}  ", r[i], widths[i]);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
    }
}

std::vector<std::string> split_words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> w;
    for (std::string x; in >> x;) w.push_back(x);
    return w;
}

}  // namespace inkoop::cli
