#include "core/formats/source_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/base/text.hpp"
#include "core/formats/source_text.hpp"

namespace inkoop::sources {

// Appends one record (its text, UTF-8 checked, unless it already has a problem) to the chunk.
void add_record(RawChunk& chunk, Utf8Gate& gate, size_t row, std::string_view text, csv::Problem problem) {
    RawRecord r;
    r.row = row;
    r.offset = chunk.block.size();
    if (problem == csv::Problem::None) gate.append(chunk.block, text, r.row);
    r.length = chunk.block.size() - r.offset;
    r.problem = problem;
    chunk.records.push_back(r);
}

}  // namespace inkoop::sources
