#include "syntax_hint.hpp"

#include <cctype>
#include <fmt/format.h>
#include <vector>

namespace inkoop::lua {
namespace {

struct Open {
    std::string what;  // function, if, do, while, for, repeat, (, {, [
    int line;
};

// The level of a long bracket opening at code[i] ("[[", "[==["), or -1.
int long_bracket(std::string_view code, size_t i) {
    if (i >= code.size() || code[i] != '[') return -1;
    size_t j = i + 1;
    while (j < code.size() && code[j] == '=') ++j;
    return j < code.size() && code[j] == '[' ? static_cast<int>(j - i - 1) : -1;
}

// Skips a long bracket of `level` that opens at i; returns the index after it (or the end).
size_t skip_long(std::string_view code, size_t i, int level, int& line) {
    std::string close(static_cast<size_t>(level) + 2, '=');  // "]==]"
    close.front() = close.back() = ']';
    i += static_cast<size_t>(level) + 2;
    const size_t end = code.find(close, i);
    const size_t stop = end == std::string_view::npos ? code.size() : end + close.size();
    for (size_t k = i; k < stop; ++k)
        if (code[k] == '\n') ++line;
    return stop;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::string unclosed_block_hint(std::string_view code, int line_limit) {
    std::vector<Open> open;
    int loops_waiting_for_do = 0;  // `while`/`for` whose `do` is still to come
    int line = 1;
    size_t i = 0;
    // Linear: every step moves i forward.
    while (i < code.size() && line <= line_limit) {
        const char c = code[i];
        if (c == '\n') {
            ++line;
            ++i;
        } else if (c == '-' && i + 1 < code.size() && code[i + 1] == '-') {
            const int level = long_bracket(code, i + 2);
            if (level >= 0) {
                i = skip_long(code, i + 2, level, line);
            } else {
                while (i < code.size() && code[i] != '\n') ++i;
            }
        } else if (c == '"' || c == '\'') {
            ++i;
            while (i < code.size() && code[i] != c && code[i] != '\n') i += code[i] == '\\' && i + 1 < code.size() ? 2 : 1;
            if (i < code.size() && code[i] == c) ++i;
        } else if (const int level = long_bracket(code, i); level >= 0) {
            i = skip_long(code, i, level, line);
        } else if (c == '(' || c == '{' || c == '[') {
            open.push_back({std::string(1, c), line});
            ++i;
        } else if (c == ')' || c == '}' || c == ']') {
            const char want = c == ')' ? '(' : c == '}' ? '{' : '[';
            if (!open.empty() && open.back().what.size() == 1 && open.back().what[0] == want) open.pop_back();
            ++i;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t j = i;
            while (j < code.size() && is_name_char(code[j])) ++j;
            const std::string_view word = code.substr(i, j - i);
            const bool after_dot = i > 0 && code[i - 1] == '.' && !(i > 1 && code[i - 2] == '.');
            i = j;
            if (after_dot) continue;  // a field named like a keyword cannot be one
            if (word == "function" || word == "if" || word == "repeat") {
                open.push_back({std::string(word), line});
            } else if (word == "while" || word == "for") {
                open.push_back({std::string(word), line});
                ++loops_waiting_for_do;
            } else if (word == "do") {
                if (loops_waiting_for_do > 0)
                    --loops_waiting_for_do;
                else
                    open.push_back({"do", line});
            } else if (word == "end") {
                if (!open.empty() && open.back().what.size() > 1 && open.back().what != "repeat") open.pop_back();
            } else if (word == "until") {
                if (!open.empty() && open.back().what == "repeat") open.pop_back();
            }
        } else {
            ++i;
        }
    }
    if (open.empty()) return "";
    const Open& o = open.back();
    const char* closer = o.what == "(" ? "')'" : o.what == "{" ? "'}'" : o.what == "[" ? "']'" : o.what == "repeat" ? "'until'" : "'end'";
    return fmt::format(" ({} expected to close '{}' at line {})", closer, o.what, o.line);
}

std::string with_unclosed_block_hint(std::string message, std::string_view code) {
    if (message.find("(to close") != std::string::npos) return message;
    // "chunkname:LINE: text": the chunk name may hold colons, the line is the last number before ": ".
    const size_t sep = message.find(": ");
    if (sep == std::string::npos) return message;
    const size_t colon = message.rfind(':', sep - 1);
    if (colon == std::string::npos) return message;
    int line = 0;
    for (size_t k = colon + 1; k < sep; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(message[k])) || line > 10'000'000) return message;
        line = line * 10 + (message[k] - '0');
    }
    const std::string hint = unclosed_block_hint(code, line);
    // Lua's own "'}' expected near <eof>" already says what the hint would.
    if (hint.empty() || message.find(hint.substr(2, hint.find(' ', 2) - 2) + " expected") != std::string::npos) return message;
    return message + hint;
}

}  // namespace inkoop::lua
