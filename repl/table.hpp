// Aligned text tables for the command line and the what-if session.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace inkoop::cli {

// Prints rows with every column but the last padded to its widest cell; no trailing spaces.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

}  // namespace inkoop::cli
