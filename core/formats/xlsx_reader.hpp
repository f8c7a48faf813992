// Reading provider lists from Excel workbooks (.xlsx): the zip opened with libzip, its XML read
// with expat. One sheet (the first, or one by name), its first row the header; numbers, dates
// stored as Excel serials (cells with a date format), booleans, shared and inline strings. Each
// sheet row becomes a CSV record for the ordinary CSV decoder, with the row number Excel shows,
// so every check and error record is the one CSV input gets. The sheet is read as the batch asks
// for rows (memory holds the zip, the shared strings and one chunk of rows).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/formats/input.hpp"

namespace inkoop {

constexpr size_t kMaxXlsxBytes = size_t{256} << 20;  // the workbook file
constexpr size_t kMaxXlsxPart = size_t{512} << 20;   // one part (XML) unpacked
// Decompression bombs: what one workbook may unpack in all (default; --max-xlsx-mb), and how far
// a part larger than kRatioFloor may expand (real sheets compress 5 to 30 times).
constexpr uint64_t kDefaultMaxXlsxUnpacked = uint64_t{1} << 30;
constexpr uint64_t kMaxXlsxRatio = 200;
constexpr uint64_t kXlsxRatioFloor = uint64_t{64} << 20;

// Opens workbook `bytes` (named `name` in messages). Throws FileError for a file that is not a
// workbook, a missing sheet (naming the sheets there are), a broken part, or a part that would
// unpack beyond the caps (the part's declared sizes are checked before it is read, and the bytes
// read are counted as they come). A number in a column that `schema` types as a date is an Excel
// serial day and is read as that date (no schema: every cell as written).
std::unique_ptr<RecordSource> open_xlsx(std::string bytes, const std::string& name, const std::string& sheet = "",
                                        uint64_t max_unpacked = kDefaultMaxXlsxUnpacked, const Schema* schema = nullptr);

// An Excel serial day number (1900 date system, or 1904) as a date; nullopt outside 1900..2200.
std::optional<Date> excel_serial_date(double serial, bool date1904 = false);

}  // namespace inkoop
