// Text helpers for the command line and the what-if session: aligned tables, words.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace inkoop::cli {

// Prints rows with every column but the last padded to its widest cell; no trailing spaces.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

// Prints rows to fit `width` columns: the first column as it is, the others wrapped at spaces (and
// after '|' and ',') within their share of the width; no trailing spaces.
void print_wrapped_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows, size_t width);

// The width of the terminal on standard output; $COLUMNS, else 100, when it is not one.
size_t terminal_width();

// The words of `s`, split at white space.
std::vector<std::string> split_words(const std::string& s);

}  // namespace inkoop::cli
