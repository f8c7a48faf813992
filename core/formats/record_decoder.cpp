// The record decoder: a record of a provider list (CSV fields or a JSON object) into a Provider,
// every bad value named; the common spellings set without the general parser.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/base/plain_decimal.hpp"
#include "core/base/text.hpp"
#include "core/formats/input.hpp"
#include "core/formats/source_text.hpp"

namespace inkoop {

size_t json_depth(std::string_view text) {
    size_t depth = 0, max = 0;
    sources::JsonStrings strings;
    for (char c : text) {
        if (!strings.outside(c)) continue;
        if (c == '{' || c == '[') {
            max = std::max(max, ++depth);
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return max;
}

namespace {

using sources::is_json_space;
using sources::JsonStrings;
using sources::trim;

// The AGB of a JSON text that does not parse, to name the row: "agb": "digits", else "".
std::string agb_in_text(std::string_view text) {
    const size_t key = text.find("\"agb\"");
    if (key == std::string_view::npos) return "";
    size_t i = key + 5;
    while (i < text.size() && (is_json_space(text[i]) || text[i] == ':')) ++i;
    if (i >= text.size() || text[i] != '"') return "";
    const size_t end = text.find('"', i + 1);
    if (end == std::string_view::npos || end - i - 1 > 32) return "";
    return std::string(text.substr(i + 1, end - i - 1));
}

}  // namespace

RecordDecoder::RecordDecoder(InputFormat format, const ColumnMap& map, const Schema& schema)
    : format_(format), map_(map), schema_(schema), agb_index_(schema.find("agb") ? schema.find("agb")->index : -1) {
    int x = 0;
    for (int f : map.field) {
        columns_.push_back(f >= 0 ? &schema.at(f) : nullptr);
        passthrough_slot_.push_back(f >= 0 ? -1 : x++);
    }
}

bool RecordDecoder::decode(const RawChunk& chunk, const RawRecord& rec, Provider& p, RowProblems& problems) {
    problems.clear();
    const std::string_view text = chunk.text(rec);
    try {
        if (format_ == InputFormat::Csv) return decode_csv(text, rec, p, problems);
        decode_json(text, rec, p, problems);
    } catch (const std::exception& e) {  // a row's failure of any kind is that row's error
        problems.errors.push_back({"", e.what()});
    }
    return true;
}

namespace {

bool is_space_char(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

template <class T>
void put(Value& slot, T v) {
    if (auto* x = std::get_if<T>(&slot))
        *x = v;
    else
        slot = v;
}

// The common, well-formed spellings, set without the general parser; false sends the text to it
// (for everything else, and for the error message).
bool quick_set(const Field& f, std::string_view t, Value& slot, bool decimal_comma) {
    if (is_space_char(t.front()) || is_space_char(t.back())) return false;
    switch (f.type) {
    case FieldType::Bool: {
        const auto is = [&](const char* word) {  // t is as long as word
            for (size_t i = 0; i < t.size(); ++i)
                if (t[i] != word[i]) return false;
            return true;
        };
        switch (t.size()) {
        case 1:
            if (t[0] == '1' || t[0] == '0') return put(slot, t[0] == '1'), true;
            return false;
        case 2:
            if (is("ja") || is("no")) return put(slot, t[0] == 'j'), true;
            return false;
        case 3:
            if (is("nee") || is("yes")) return put(slot, t[0] == 'y'), true;
            return false;
        case 4: return is("true") ? (put(slot, true), true) : false;
        case 5: return is("false") ? (put(slot, false), true) : false;
        default: return false;
        }
    }
    case FieldType::Enum: {
        const int i = f.enum_index(t);
        if (i < 0) return false;
        put(slot, EnumValue{i});
        return true;
    }
    case FieldType::Number:
    case FieldType::Int: {
        if (t.size() > 30 || (decimal_comma && t.find(',') != std::string_view::npos)) return false;
        double v = 0;
        if (!plain_decimal(t, v)) {  // "0.85" without the general parser, to the same double
            const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
            if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v)) return false;
        }
        if ((f.min && v < *f.min) || (f.max && v > *f.max)) return false;
        if (f.type == FieldType::Number) {
            put(slot, v);
            return true;
        }
        if (v != std::floor(v) || std::fabs(v) > 1e15) return false;
        put(slot, static_cast<int64_t>(v));
        return true;
    }
    case FieldType::Date: {
        if (t.size() != 10) return false;
        const auto d = Date::parse(t);
        if (!d) return false;
        put(slot, *d);
        return true;
    }
    case FieldType::String: {
        if (f.eight_digits && (t.size() != 8 || t.find_first_not_of("0123456789") != std::string_view::npos)) return false;
        if (t.size() == 4 && (t[0] | 0x20) == 'n' && (t[1] | 0x20) == 'u' && (t[2] | 0x20) == 'l' && (t[3] | 0x20) == 'l') return false;
        if (auto* x = std::get_if<std::string>(&slot))
            x->assign(t);
        else
            slot = std::string(t);
        return true;
    }
    }
    return false;
}

}  // namespace

// One field that is not empty, at CSV column `c`.
[[gnu::always_inline]] inline void RecordDecoder::csv_field(size_t c, std::string_view f, Provider& p, RowProblems& problems) {
    if (blank_ && !trim(f).empty()) blank_ = false;
    if (c >= columns_.size()) return;  // counted: the row has too many fields
    const Field* field = columns_[c];
    if (f.size() >= csv::kMaxFieldBytes)
        problems.errors.push_back(field_error(map_.names[c], message(N_("longer than {} bytes"), std::to_string(csv::kMaxFieldBytes))));
    if (!field) {
        p.passthrough[static_cast<size_t>(passthrough_slot_[c])].second.assign(f);
        return;
    }
    const int index = field->index;
    if (index == agb_index_) problems.agb.assign(trim(f));
    if (!quick_set(*field, f, p.values[static_cast<size_t>(index)], map_.decimal_comma))
        set_field(p, *field, f, problems.errors, ParseOptions{map_.decimal_comma});
    if (!written_[static_cast<size_t>(index)]) {
        written_[static_cast<size_t>(index)] = 1;
        written_now_.push_back(index);
    }
}

bool RecordDecoder::decode_csv(std::string_view text, const RawRecord& rec, Provider& p, RowProblems& problems) {
    const size_t columns = map_.field.size();
    size_t column = 0;
    if (rec.problem == csv::Problem::TooLong) {  // only its AGB, to name it
        csv::parse_fields(text, map_.delimiter, false, scratch_, [&](std::string_view f) {
            const size_t c = column++;
            if (c < columns && map_.field[c] == agb_index_) problems.agb.assign(trim(f));
        });
        problems.errors.push_back(field_error("", message(csv::problem_text(csv::Problem::TooLong))));
        return true;
    }
    // Only the fields a row writes are touched: the slots the previous row wrote and this one
    // does not are made unknown at the end (empty cells, most of a list, cost nothing).
    if (&p != last_provider_) {
        for (auto& v : p.values) v = std::monostate{};
        p.passthrough.clear();
        for (size_t c = 0; c < columns; ++c)
            if (!columns_[c]) p.passthrough.emplace_back(map_.names[c], std::string());
        written_.assign(p.values.size(), 0);
        written_before_.clear();
        last_provider_ = &p;
    }
    for (auto& x : p.passthrough) x.second.clear();
    written_now_.clear();
    blank_ = true;
    csv::Problem problem = csv::Problem::None;
    if (rec.simple) {  // empty fields skipped
        csv::for_each_simple_field(
            text, map_.delimiter, [&](std::string_view f) __attribute__((always_inline)) {
                if (!f.empty()) csv_field(column, f, p, problems);
                ++column;
            });
    } else {
        problem = csv::split_fields(text, map_.delimiter, false, scratch_, views_, column);
        for (size_t c = 0; c < column; ++c)
            if (!views_[c].empty()) csv_field(c, views_[c], p, problems);
        if (problem == csv::Problem::FieldTooLong) problem = csv::Problem::None;  // named per field
    }
    for (int index : written_before_)
        if (!written_[static_cast<size_t>(index)]) p.values[static_cast<size_t>(index)] = std::monostate{};
    for (int index : written_now_) written_[static_cast<size_t>(index)] = 0;
    written_before_.swap(written_now_);
    if (rec.problem != csv::Problem::None) problem = rec.problem;
    if (blank_ && problem == csv::Problem::None) return false;  // ;;;; rows Excel leaves behind
    std::vector<FieldError>& errors = problems.errors;
    if (column != columns)
        errors.insert(errors.begin(),
                      field_error("", message(N_("has {} fields, the header {}"), std::to_string(column), std::to_string(columns))));
    if (problem != csv::Problem::None) errors.insert(errors.begin(), field_error("", message(csv::problem_text(problem))));
    check_required(p, schema_, errors);
    return true;
}

void RecordDecoder::decode_json(std::string_view text, const RawRecord& rec, Provider& p, RowProblems& problems) {
    for (auto& v : p.values) v = std::monostate{};
    p.passthrough.clear();
    if (rec.problem == csv::Problem::TooLong) {
        problems.errors.push_back(field_error("", message(format_ == InputFormat::JsonLines ? N_("the line is longer than {} bytes")
                                                                                            : N_("the element is longer than {} bytes"),
                                                          std::to_string(csv::kMaxRecordBytes))));
        return;
    }
    if (json_depth(text) > kMaxJsonDepth) {
        problems.errors.push_back(
            field_error("", message(N_("the JSON is nested more than {} levels deep"), std::to_string(kMaxJsonDepth))));
        return;
    }
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        problems.agb = agb_in_text(text);
        problems.errors.push_back(field_error("", message(N_("invalid JSON: {}"), e.what())));
        return;
    }
    decode_parsed(j, p, problems);
}

void RecordDecoder::decode(const nlohmann::json& record, Provider& p, RowProblems& problems) {
    problems.clear();
    for (auto& v : p.values) v = std::monostate{};
    p.passthrough.clear();
    try {
        decode_parsed(record, p, problems);
    } catch (const std::exception& e) {  // as decode() of the record's text
        problems.errors.push_back({"", e.what()});
    }
}

void RecordDecoder::decode_parsed(const nlohmann::json& j, Provider& p, RowProblems& problems) {
    if (j.is_object())
        if (const auto it = j.find("agb"); it != j.end()) problems.agb = it->is_string() ? it->get<std::string>() : it->dump();
    ParsedProvider parsed = provider_from_json(j, schema_);
    p = std::move(parsed.provider);
    problems.errors.insert(problems.errors.end(), parsed.unknown.begin(), parsed.unknown.end());
    problems.errors.insert(problems.errors.end(), parsed.errors.begin(), parsed.errors.end());
}

}  // namespace inkoop
