// Reading provider lists: CSV (comma or semicolon, quoted fields, CRLF/CR, BOM), JSON Lines and
// JSON arrays, streamed in chunks so that memory stays flat whatever the length of the list.
//
// One reader decides where records end (the CSV tokenizer in csv_tokenizer.hpp, or the JSON element
// splitter), in one pass on one thread, so row numbers never depend on chunk sizes or the number
// of workers. Workers decode the records of a chunk with RecordDecoder. Every record becomes a
// provider or a row error; a file-level problem (no header, an unknown column) is a FileError.
// Input that is not valid UTF-8 is read as Windows-1252 (what Dutch Excel writes), so every text
// that comes out is valid UTF-8.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/csv_tokenizer.hpp"
#include "core/base/io.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

enum class InputFormat { Csv, JsonLines, JsonArray, Xlsx };
std::optional<InputFormat> input_format_from_name(std::string_view name);  // csv, jsonl, json, xlsx
std::string_view input_format_name(InputFormat f);
// The format a path implies by its extension (.csv/.txt, .jsonl/.ndjson, .json, .xlsx), else nullopt.
std::optional<InputFormat> format_from_extension(const std::string& path);

enum class Encoding { Auto, Utf8, Windows1252 };
std::optional<Encoding> encoding_from_name(std::string_view name);  // utf-8, windows-1252

constexpr size_t kMaxJsonDepth = 64;
// Nesting depth of a JSON text (brackets outside strings): a record deeper than kMaxJsonDepth is
// refused before it is parsed.
size_t json_depth(std::string_view text);

// One record as read: a byte range of its chunk's block (CSV record or one JSON value).
struct RawRecord {
    size_t row = 0;     // CSV: the row a spreadsheet shows (header = 1); JSON Lines: line; array: element
    size_t offset = 0;  // into RawChunk::block
    size_t length = 0;
    csv::Problem problem = csv::Problem::None;  // found while splitting (too long, unterminated quote)
    bool simple = false;                        // CSV without quotes
};

// A run of records read together and handed to one worker.
struct RawChunk {
    size_t seq = 0;
    std::vector<RawRecord> records;
    std::string block;
    std::vector<std::string> notes;  // the source's lines for standard error, in order with the rows

    std::string_view text(const RawRecord& r) const { return {block.data() + r.offset, r.length}; }
    void clear() {
        records.clear();
        block.clear();
        notes.clear();
    }
};

class RecordSource {
public:
    virtual ~RecordSource() = default;
    // Appends up to `max` records to `chunk`; false when there are no more. Throws FileError.
    virtual bool read(RawChunk& chunk, size_t max) = 0;
    virtual InputFormat format() const = 0;
    // CSV: the header's column names; empty for JSON.
    virtual const std::vector<std::string>& columns() const = 0;
    virtual char delimiter() const { return ','; }
    // Bytes consumed so far (for progress).
    virtual uint64_t bytes_read() const = 0;
    // Lines for standard error gathered while reading (how the encoding was read); emptied.
    std::vector<std::string> take_notes() { return std::exchange(notes_, {}); }

protected:
    std::vector<std::string> notes_;
};

struct SourceOptions {
    std::optional<InputFormat> format;  // nullopt: by the first bytes ('[' array, '{' JSON Lines, "PK" xlsx, else CSV)
    Encoding encoding = Encoding::Auto;
    std::string sheet{};                             // xlsx: the sheet to read ("" = the first)
    uint64_t max_xlsx_unpacked = uint64_t{1} << 30;  // xlsx: bytes one workbook may unpack in all (--max-xlsx-mb)
    const Schema* schema = nullptr;                  // xlsx: its date fields read serial day numbers as dates
};

// Opens `in` as a provider list; for CSV reads the header. Throws FileError.
std::unique_ptr<RecordSource> open_records(ByteSource& in, SourceOptions options = {});

// How CSV columns map to the schema: a field index per column, -1 for pass-through x_ columns.
struct ColumnMap {
    const Schema* schema = nullptr;  // the schema whose fields `field` indexes
    std::vector<int> field;
    std::vector<std::string> names;
    char delimiter = ',';
    bool decimal_comma = false;
};
// Checks the header: unknown columns (with a suggestion), duplicates, no agb, too many columns.
// Throws FileError naming the file.
ColumnMap map_columns(const std::vector<std::string>& columns, const Schema& schema, const std::string& name);
// The column map for a source (empty for JSON).
ColumnMap map_columns(const RecordSource& source, const Schema& schema, const std::string& name);

// What is wrong with one input row: every problem, and its AGB text as written (for the error record).
struct RowProblems {
    std::vector<FieldError> errors;
    std::string agb;
    void clear() {
        errors.clear();
        agb.clear();
    }
};

// Decodes records into providers: CSV fields parsed straight from the chunk's bytes (no copy
// unless a field holds ""), JSON values with nlohmann::json. One per worker.
class RecordDecoder {
public:
    RecordDecoder(InputFormat format, const ColumnMap& map, const Schema& schema);
    // Fills `p` (reused; every field is rewritten) and `problems`. False when the record is a
    // blank row (every field empty): not a provider, not an error.
    bool decode(const RawChunk& chunk, const RawRecord& rec, Provider& p, RowProblems& problems);
    // The same for a JSON record already parsed (a serve request's one provider, parsed once):
    // the fields, unknown keys and required fields as decode() reads them from its text.
    void decode(const nlohmann::json& record, Provider& p, RowProblems& problems);

private:
    bool decode_csv(std::string_view text, const RawRecord& rec, Provider& p, RowProblems& problems);
    void csv_field(size_t column, std::string_view text, Provider& p, RowProblems& problems);
    void decode_json(std::string_view text, const RawRecord& rec, Provider& p, RowProblems& problems);
    void decode_parsed(const nlohmann::json& j, Provider& p, RowProblems& problems);

    InputFormat format_;
    const ColumnMap& map_;
    std::vector<const Field*> columns_;  // per CSV column: its schema field, or null for x_ columns
    std::vector<int> passthrough_slot_;  // per CSV column: its place among the x_ columns
    const Provider* last_provider_ = nullptr;
    std::vector<uint8_t> written_;  // per field: written by the row being decoded
    std::vector<int> written_now_, written_before_;
    bool blank_ = true;
    const Schema& schema_;
    int agb_index_;
    std::string scratch_;
    std::vector<std::string_view> views_;
};

// Reads a whole list into memory (the what-if session, tests, the benchmark): `on_row` gets each
// row's number, provider and problems (empty when it is good).
template <class OnRow>
void for_each_row(RecordSource& source, const Schema& schema, const std::string& name, OnRow&& on_row) {
    const ColumnMap map = map_columns(source, schema, name);
    RecordDecoder decoder(source.format(), map, schema);
    RawChunk chunk;
    Provider p(schema);
    RowProblems problems;
    while (source.read(chunk, 2048)) {
        for (const auto& rec : chunk.records) {
            problems.clear();
            if (decoder.decode(chunk, rec, p, problems)) on_row(rec.row, p, problems);
        }
        chunk.clear();
    }
}

}  // namespace inkoop
