// Reading provider lists: CSV (comma or semicolon, quoted fields, CRLF, BOM), JSON Lines and JSON
// arrays, streamed in chunks so that memory stays flat whatever the length of the list.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provider.hpp"

namespace inkoop {

enum class InputFormat { Csv, JsonLines, JsonArray };
std::optional<InputFormat> input_format_from_name(std::string_view name);  // csv, jsonl, json
std::string_view input_format_name(InputFormat f);

// One record as read, before its values are parsed: CSV fields or one JSON object's text.
struct RawRecord {
    size_t row = 0;          // CSV: record number, the header being row 1; JSON Lines: line; array: element
    uint32_t first = 0;      // index into RawChunk::spans of its first field (CSV) or its text (JSON)
    uint32_t count = 0;      // number of spans
};

// A run of records read together and handed to one worker. CSV arrives as a block of whole
// records (`block`, split by the worker with split_csv_block); JSON as one span per record.
struct RawChunk {
    size_t seq = 0;
    std::vector<RawRecord> records;
    std::string text;                                  // every field's bytes, back to back
    std::vector<std::pair<uint32_t, uint32_t>> spans;  // (offset, length) into text
    std::string block;                                 // CSV: raw bytes of whole records
    size_t first_row = 0;                              // CSV: row number of the block's first record
    char delimiter = ',';

    std::string_view span(uint32_t i) const { return {text.data() + spans[i].first, spans[i].second}; }
    void clear() {
        records.clear();
        text.clear();
        spans.clear();
        block.clear();
    }
};

// Splits a CSV chunk's block into records and fields (libcsv), numbering rows from first_row.
void split_csv_block(RawChunk& chunk);

// A file-level problem: the run stops before deciding anything (exit status 2).
struct FileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class RecordSource {
public:
    virtual ~RecordSource() = default;
    // Appends up to about `max` records to `chunk`; false when there are no more.
    virtual bool read(RawChunk& chunk, size_t max) = 0;
    virtual InputFormat format() const = 0;
    // CSV: the header's column names; empty for JSON.
    virtual const std::vector<std::string>& columns() const = 0;
    virtual bool decimal_comma() const { return false; }
    // Bytes consumed so far (for progress).
    virtual uint64_t bytes_read() const = 0;
};

// Opens `in` (named `name` in messages) as `format`; for CSV reads the header. Throws FileError.
std::unique_ptr<RecordSource> open_records(std::istream& in, const std::string& name, InputFormat format);
// The format a path implies by its extension (.csv, .jsonl/.ndjson, .json), else nullopt.
std::optional<InputFormat> format_from_extension(const std::string& path);
// The format the first bytes of a stream suggest ('[' JSON array, '{' JSON Lines, else CSV).
InputFormat sniff_format(std::istream& in);

// How CSV columns map to the schema: a field index per column, -1 for pass-through x_ columns.
struct ColumnMap {
    std::vector<int> field;
    std::vector<std::string> names;
    bool decimal_comma = false;
};
// Checks the header: unknown columns (with a suggestion), duplicates, no agb. Throws FileError.
ColumnMap map_columns(const std::vector<std::string>& columns, const Schema& schema, const std::string& name);

// Parses a CSV chunk's block field by field straight into `p` (no intermediate copy of the text)
// and calls `row_done(row)` after each record, with `errors` holding that record's problems.
// The same checks as split_csv_block followed by record_to_provider.
void decode_csv_block(const RawChunk& chunk, const ColumnMap& map, const Schema& schema, Provider& p,
                      std::vector<FieldError>& errors, const std::function<void(size_t row)>& row_done);

// Fills `p` from one raw record. `p` is reset first; `errors` gets every bad value.
void record_to_provider(const RawChunk& chunk, const RawRecord& rec, InputFormat format, const ColumnMap& map,
                        const Schema& schema, Provider& p, std::vector<FieldError>& errors);

}  // namespace inkoop
