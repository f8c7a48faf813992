// The differential oracle shared by the reader fuzzers: a list read with different read sizes and
// chunk sizes must give the same rows (numbers, fields, problems) and the same decoded providers,
// rows must come in increasing order, and everything written out must be valid UTF-8.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../schema_fixture.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/formats/decision_records.hpp"
#include "core/formats/input.hpp"

namespace inkoop::fuzz {

[[noreturn]] inline void fail(const char* what) {
    std::fprintf(stderr, "oracle: %s\n", what);
    std::abort();
}

// What a reading of the list produced, as one comparable text.
inline std::string read_list(const std::string& data, SourceOptions options, size_t step, size_t chunk_rows) {
    std::string out;
    try {
        StringSource in(data, "fuzz", step);
        auto src = open_records(in, options);
        ColumnMap map;
        try {
            map = map_columns(*src, ::inkoop::testing::test_schema(), "fuzz");
        } catch (const FileError& e) {
            if (src->format() == InputFormat::Csv) return std::string("file error: ") + e.what();
        }
        for (const auto& c : src->columns()) {
            out += c;
            out += '|';
            if (!is_valid_utf8(c)) fail("a column name is not valid UTF-8");
        }
        out += '\n';
        RecordDecoder decoder(src->format(), map, ::inkoop::testing::test_schema());
        RawChunk chunk;
        Provider p{::inkoop::testing::test_schema()};
        RowProblems problems;
        size_t last_row = 0;
        while (src->read(chunk, chunk_rows)) {
            for (const auto& rec : chunk.records) {
                if (rec.row <= last_row) fail("rows out of order");
                last_row = rec.row;
                const std::string_view text = chunk.text(rec);
                if (!is_valid_utf8(text)) fail("a record is not valid UTF-8 after the encoding gate");
                out += std::to_string(rec.row);
                out += ':';
                out += std::to_string(static_cast<int>(rec.problem));
                if (!decoder.decode(chunk, rec, p, problems)) {
                    out += " blank\n";
                    continue;
                }
                std::string json;
                if (problems.errors.empty()) {
                    json = provider_to_json(p, ::inkoop::testing::test_schema()).dump();
                } else {
                    append_error_json(json, ErrorRecord{problems.agb, "", "fuzz", rec.row, "input", problems.errors, p.passthrough});
                    if (!is_valid_utf8(json)) fail("an error record is not valid UTF-8");
                    if (!is_valid_utf8(terminal_safe(problems.errors.front().text()))) fail("terminal text is not valid UTF-8");
                }
                out += json;
                out += '\n';
            }
            chunk.clear();
        }
    } catch (const FileError& e) {
        return std::string("file error: ") + e.what();  // the run stops: what came before is not output
    }
    return out;
}

// Reads `data` three ways and checks they agree.
inline void check_list(const std::string& data, SourceOptions options) {
    const std::string whole = read_list(data, options, SIZE_MAX, 2048);
    const auto compare = [&](size_t step, size_t chunk, const char* what) {
        const std::string other = read_list(data, options, step, chunk);
        if (other == whole) return;
        std::fprintf(stderr, "--- whole:\n%s\n--- step %zu, chunk %zu:\n%s\n", whole.c_str(), step, chunk, other.c_str());
        fail(what);
    };
    compare(1 + data.size() % 7, 1, "small reads and one-row chunks read differently");
    compare(64, 3, "64-byte reads and three-row chunks read differently");
}

}  // namespace inkoop::fuzz
