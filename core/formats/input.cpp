// Provider lists: the format named or detected, the source opened, the header mapped onto the
// schema. The sources are csv_source.cpp, jsonl_source.cpp, json_array_source.cpp and
// xlsx_reader.cpp; the record decoder is record_decoder.cpp.
#include "core/formats/input.hpp"

#include <fmt/format.h>
#include <set>

#include "core/base/text.hpp"
#include "core/formats/source_text.hpp"
#include "core/formats/xlsx_reader.hpp"

namespace inkoop {
namespace {

using sources::is_json_space;

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::optional<InputFormat> input_format_from_name(std::string_view name) {
    if (name == "csv") return InputFormat::Csv;
    if (name == "jsonl" || name == "ndjson") return InputFormat::JsonLines;
    if (name == "json") return InputFormat::JsonArray;
    if (name == "xlsx") return InputFormat::Xlsx;
    return std::nullopt;
}

std::string_view input_format_name(InputFormat f) {
    switch (f) {
    case InputFormat::Csv: return "csv";
    case InputFormat::JsonLines: return "jsonl";
    case InputFormat::JsonArray: return "json";
    case InputFormat::Xlsx: return "xlsx";
    }
    return "?";
}

std::optional<Encoding> encoding_from_name(std::string_view name) {
    if (name == "utf-8" || name == "utf8") return Encoding::Utf8;
    if (name == "windows-1252" || name == "cp1252" || name == "latin-1") return Encoding::Windows1252;
    if (name == "auto") return Encoding::Auto;
    return std::nullopt;
}

std::optional<InputFormat> format_from_extension(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ends_with(lower, ".csv") || ends_with(lower, ".txt")) return InputFormat::Csv;
    if (ends_with(lower, ".jsonl") || ends_with(lower, ".ndjson")) return InputFormat::JsonLines;
    if (ends_with(lower, ".json")) return InputFormat::JsonArray;
    if (ends_with(lower, ".xlsx")) return InputFormat::Xlsx;
    return std::nullopt;
}

std::unique_ptr<RecordSource> open_records(ByteSource& in, SourceOptions options) {
    sources::Buffer buf(in);
    InputFormat format = InputFormat::Csv;
    if (options.format) {
        format = *options.format;
    } else {
        for (;;) {  // the first byte that is not white space decides
            const std::string_view v = buf.view();
            size_t i = v.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
            while (i < v.size() && is_json_space(v[i])) ++i;
            if (v.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
                format = InputFormat::Xlsx;
                break;
            }
            if (i < v.size() && v.size() >= 4) {
                format = v[i] == '[' ? InputFormat::JsonArray : v[i] == '{' ? InputFormat::JsonLines : InputFormat::Csv;
                break;
            }
            if (buf.eof() && i < v.size()) {
                format = v[i] == '[' ? InputFormat::JsonArray : v[i] == '{' ? InputFormat::JsonLines : InputFormat::Csv;
                break;
            }
            if (!buf.fill()) break;
        }
    }
    switch (format) {
    case InputFormat::Csv: return sources::csv_source(std::move(buf), options.encoding);
    case InputFormat::JsonLines: return sources::json_lines_source(std::move(buf), options.encoding);
    case InputFormat::JsonArray: return sources::json_array_source(std::move(buf), options.encoding);
    case InputFormat::Xlsx: {  // a zip needs all of it
        while (buf.view().size() <= kMaxXlsxBytes && buf.fill()) {
        }
        return open_xlsx(std::string(buf.view()), buf.name(), options.sheet, options.max_xlsx_unpacked, options.schema);
    }
    }
    return nullptr;
}

ColumnMap map_columns(const std::vector<std::string>& columns, const Schema& schema, const std::string& name) {
    const std::string shown = display_name(name);
    if (columns.size() > csv::kMaxColumns) throw FileError(fmt::format("{}: the header has more than {} columns", shown, csv::kMaxColumns));
    ColumnMap m;
    m.schema = &schema;
    m.names = columns;
    std::set<std::string> seen;
    std::vector<std::string> problems;
    for (const auto& c : columns) {
        if (!seen.insert(c).second) problems.push_back(fmt::format("column '{}' appears twice", c));
        const Field* f = schema.find(c);
        m.field.push_back(f ? f->index : -1);
    }
    // Unknown columns: the first ten named, with a suggestion each; the rest counted.
    std::vector<std::string> unknown;
    for (const auto& c : columns)
        if (!is_passthrough_column(c) && !schema.find(c)) unknown.push_back(c);
    const std::vector<std::string> first(unknown.begin(), unknown.begin() + static_cast<long>(std::min<size_t>(unknown.size(), 10)));
    for (const auto& e : check_columns(first, schema)) problems.push_back(e.message);
    if (unknown.size() > 10) problems.push_back(fmt::format("and {} more unknown columns", unknown.size() - 10));
    if (!seen.count("agb")) problems.push_back("no 'agb' column: every provider needs its AGB code");
    if (!problems.empty()) throw FileError(fmt::format("{}: {}", shown, fmt::join(problems, "; ")));
    return m;
}

ColumnMap map_columns(const RecordSource& source, const Schema& schema, const std::string& name) {
    if (source.format() != InputFormat::Csv) {
        ColumnMap none;
        none.schema = &schema;
        return none;
    }
    ColumnMap m = map_columns(source.columns(), schema, name);
    m.delimiter = source.delimiter();
    m.decimal_comma = m.delimiter == ';';
    return m;
}

}  // namespace inkoop
