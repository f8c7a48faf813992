#include "table.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/base/text.hpp"
#include "core/formats/terminal_text.hpp"

namespace inkoop::cli {

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) { out << format_table(rows); }

namespace {

size_t display_width(std::string_view s) {  // code points: UTF-8 continuation bytes take no column
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `s` in lines of at most `width` columns, broken after a space, '|' or ','; a word longer than
// the width is cut.
std::vector<std::string> wrap(std::string_view s, size_t width) {
    std::vector<std::string> lines;
    width = std::max<size_t>(width, 8);
    while (display_width(s) > width) {
        size_t cut = 0, cols = 0, i = 0;
        for (; i < s.size() && cols < width; ++i) {
            if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++cols;
            if (s[i] == ' ' || s[i] == '|' || s[i] == ',') cut = i + 1;
        }
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;  // whole code points
        if (cut == 0) cut = i;
        std::string line(s.substr(0, cut));
        while (!line.empty() && line.back() == ' ') line.pop_back();
        lines.push_back(std::move(line));
        s.remove_prefix(cut);
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    }
    if (!s.empty() || lines.empty()) lines.emplace_back(s);
    return lines;
}

}  // namespace

void print_wrapped_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows, size_t width) {
    size_t columns = 0;
    for (const auto& r : rows) columns = std::max(columns, r.size());
    if (columns == 0) return;
    std::vector<size_t> widest(columns, 0);
    for (const auto& r : rows)
        for (size_t c = 0; c < r.size(); ++c) widest[c] = std::max(widest[c], display_width(terminal_safe(r[c])));
    // The first column keeps its width; the middle ones get at most a third of the rest each; the
    // last one what remains (at least 16).
    std::vector<size_t> w = widest;
    size_t used = w[0] + 2;
    for (size_t c = 1; c + 1 < columns; ++c) {
        const size_t room = width > used + 2 + 16 ? width - used - 2 - 16 : 0;  // leave the last column 16
        w[c] = std::min({widest[c], std::max<size_t>(30, (width > used ? width - used : 0) / 3), std::max<size_t>(room, 12)});
        used += w[c] + 2;
    }
    if (columns > 1) w[columns - 1] = std::max<size_t>(16, width > used ? width - used : 0);
    for (const auto& r : rows) {
        std::vector<std::vector<std::string>> cells;
        size_t height = 1;
        for (size_t c = 0; c < columns; ++c) {
            const std::string cell = c < r.size() ? terminal_safe(r[c]) : "";  // schema texts are data: escaped
            cells.push_back(c == 0 ? std::vector<std::string>{cell} : wrap(cell, w[c]));
            height = std::max(height, cells.back().size());
        }
        for (size_t line = 0; line < height; ++line) {
            std::string text;
            for (size_t c = 0; c < columns; ++c) {
                const std::string cell = line < cells[c].size() ? cells[c][line] : "";
                text += cell;
                if (c + 1 < columns) text += std::string(w[c] - std::min(w[c], display_width(cell)) + 2, ' ');
            }
            while (!text.empty() && text.back() == ' ') text.pop_back();
            out << text << '\n';
        }
    }
}

size_t terminal_width() {
    winsize ws{};
    if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
    if (const char* c = std::getenv("COLUMNS"); c && *c) {
        const long n = std::strtol(c, nullptr, 10);
        if (n >= 40 && n <= 1000) return static_cast<size_t>(n);
    }
    return 100;
}

std::vector<std::string> split_words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> w;
    for (std::string x; in >> x;) w.push_back(x);
    return w;
}

}  // namespace inkoop::cli
