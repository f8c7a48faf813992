// CSV fields as written: quoted when they must be, and a text a spreadsheet would read as a formula
// neutralised.
#pragma once

#include <string>
#include <string_view>

namespace inkoop {

// Appends `s` as one CSV field, quoted (inner quotes doubled) when it holds `sep`, a quote or a line break.
void append_csv_field(std::string& out, std::string_view s, char sep = ',');
// The same for a text cell of a CSV a spreadsheet may open: a text that starts with '=', '+', '-',
// '@', a tab or a carriage return would start a formula there (OWASP "CSV injection"), so it gets
// OWASP's prefix, a single quote ("'=HYPERLINK(...)", "'-Praktijk-"). Numbers and dates are
// written with append_csv_field and stay as they are.
void append_csv_text(std::string& out, std::string_view s, char sep = ',');
// True for a text that a spreadsheet would read as the start of a formula.
bool starts_formula(std::string_view s);

}  // namespace inkoop
