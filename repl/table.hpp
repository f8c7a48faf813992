// Text helpers for the command line and the what-if session: aligned tables, words.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace inkoop::cli {

// Prints rows with every column but the last padded to its widest cell; no trailing spaces.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

// The words of `s`, split at white space.
std::vector<std::string> split_words(const std::string& s);

}  // namespace inkoop::cli
