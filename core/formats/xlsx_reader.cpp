#include "core/formats/xlsx_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <expat.h>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <set>
#include <zip.h>

#include "core/base/csv_text.hpp"

namespace inkoop {
namespace {

// The local name of an element ("x:c" -> "c").
std::string_view local(const XML_Char* name) {
    std::string_view n(name);
    const auto colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attr(const XML_Char** atts, std::string_view want) {
    for (int i = 0; atts[i]; i += 2)
        if (local(atts[i]) == want) return atts[i + 1];
    return nullptr;
}

// An expat parse with callbacks; errors become FileError naming the part.
struct Xml {
    std::function<void(std::string_view, const XML_Char**)> start;
    std::function<void(std::string_view)> end;
    std::function<void(std::string_view)> text;
    XML_Parser parser;
    std::string where;

    explicit Xml(std::string part) : parser(XML_ParserCreate(nullptr)), where(std::move(part)) {
        if (!parser) throw FileError(where + ": out of memory");
        XML_SetUserData(parser, this);
        XML_SetElementHandler(
            parser, [](void* u, const XML_Char* n, const XML_Char** a) { static_cast<Xml*>(u)->on_start(n, a); },
            [](void* u, const XML_Char* n) { static_cast<Xml*>(u)->on_end(n); });
        XML_SetCharacterDataHandler(parser, [](void* u, const XML_Char* s, int len) { static_cast<Xml*>(u)->on_text(s, len); });
    }
    ~Xml() { XML_ParserFree(parser); }
    Xml(const Xml&) = delete;
    Xml& operator=(const Xml&) = delete;

    void on_start(const XML_Char* n, const XML_Char** a) {
        if (start) start(local(n), a);
    }
    void on_end(const XML_Char* n) {
        if (end) end(local(n));
    }
    void on_text(const XML_Char* s, int len) {
        if (text) text(std::string_view(s, static_cast<size_t>(len)));
    }
    void feed(std::string_view bytes, bool last) {
        if (XML_Parse(parser, bytes.data(), static_cast<int>(bytes.size()), last) == XML_STATUS_ERROR)
            throw FileError(fmt::format("{}: not a valid workbook part: {} at line {}", where, XML_ErrorString(XML_GetErrorCode(parser)),
                                        XML_GetCurrentLineNumber(parser)));
    }
};

size_t column_index(std::string_view ref) {  // "B12" -> 1
    size_t col = 0, letters = 0;
    for (char c : ref) {
        if (c < 'A' || c > 'Z') break;
        col = col * 26 + static_cast<size_t>(c - 'A' + 1);
        if (++letters > 3) return SIZE_MAX;
    }
    return letters ? col - 1 : SIZE_MAX;
}

size_t row_number(std::string_view ref) {
    size_t i = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') ++i;
    size_t n = 0;
    for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && n < 100000000; ++i) n = n * 10 + static_cast<size_t>(ref[i] - '0');
    return n;
}

// A number format code that shows a date: d, m or y outside quotes, brackets and escapes.
bool is_date_format(std::string_view code) {
    bool quoted = false;
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\\' || c == '_' || c == '*') {
            ++i;
            continue;
        }
        if (c == '[') {
            const auto close = code.find(']', i);
            if (close == std::string_view::npos) return false;
            i = close;
            continue;
        }
        if (c == 'd' || c == 'D' || c == 'y' || c == 'Y' || c == 'm' || c == 'M') return true;
    }
    return false;
}

bool builtin_date_format(long id) {
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

class XlsxSource final : public RecordSource {
public:
    XlsxSource(std::string bytes, std::string name, const std::string& sheet, uint64_t max_unpacked, const Schema* schema)
        : bytes_(std::move(bytes)), name_(std::move(name)), max_unpacked_(max_unpacked) {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* src = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
        if (src) zip_ = zip_open_from_source(src, ZIP_RDONLY, &error);
        if (!zip_) {
            if (src) zip_source_free(src);
            zip_error_fini(&error);
            throw FileError(name_ + ": not an Excel workbook (.xlsx): the zip cannot be read");
        }
        zip_error_fini(&error);
        try {
            open_sheet(sheet);
            while (header_.empty() && more()) {
            }
            if (!rows_.empty()) {
                header_row_ = rows_.front().first;
                for (auto& h : rows_.front().second) {
                    const auto b = h.find_first_not_of(" \t"), e = h.find_last_not_of(" \t");
                    header_.push_back(b == std::string::npos ? "" : h.substr(b, e - b + 1));
                }
                rows_.pop_front();
            }
            while (!header_.empty() && header_.back().empty()) header_.pop_back();
            for (const auto& h : header_) {
                const Field* f = schema ? schema->find(h) : nullptr;
                date_columns_.push_back(f && f->type == FieldType::Date);
            }
            if (header_.empty()) throw FileError(name_ + ": sheet '" + sheet_name_ + "' has no header row");
        } catch (...) {
            close();
            throw;
        }
    }
    ~XlsxSource() override { close(); }

    bool read(RawChunk& chunk, size_t max) override {
        while (rows_.size() < max && more()) {
        }
        if (rows_.empty()) return false;
        for (size_t n = 0; n < max && !rows_.empty(); ++n) {
            auto& [row, cells] = rows_.front();
            // A sheet row leaves out its empty cells: as many as the header has, the ones past it dropped
            // when empty (a value there is a row with more fields than the header: an error record).
            while (cells.size() > header_.size() && cells.back().empty()) cells.pop_back();
            if (cells.size() < header_.size()) cells.resize(header_.size());
            const size_t offset = chunk.block.size();
            for (size_t i = 0; i < cells.size(); ++i) {
                if (i) chunk.block += ',';
                append_csv_field(chunk.block, cells[i]);
            }
            chunk.records.push_back({row, offset, chunk.block.size() - offset, csv::Problem::None, false});
            rows_.pop_front();
        }
        return true;
    }
    InputFormat format() const override { return InputFormat::Csv; }  // records are CSV
    const std::vector<std::string>& columns() const override { return header_; }
    uint64_t bytes_read() const override { return consumed_; }

private:
    void close() {
        if (file_) zip_fclose(file_);
        file_ = nullptr;
        if (zip_) zip_discard(zip_);
        zip_ = nullptr;
    }

    // A part's sizes as the zip declares them, before a byte is unpacked: over the per-part cap,
    // over what the workbook may still unpack, or expanding more than kMaxXlsxRatio times.
    void check_declared(const std::string& path, const zip_stat_t& st) {
        if (!(st.valid & ZIP_STAT_SIZE)) return;
        const uint64_t size = st.size;
        if (size > kMaxXlsxPart)
            throw FileError(
                fmt::format("{}: {} would unpack to {} MB, over the {} MB a part may have", name_, path, size >> 20, kMaxXlsxPart >> 20));
        if (unpacked_ + size > max_unpacked_)
            throw FileError(fmt::format("{}: {} would unpack to {} MB, over the {} MB a workbook may unpack in all (--max-xlsx-mb)", name_,
                                        path, size >> 20, max_unpacked_ >> 20));
        if ((st.valid & ZIP_STAT_COMP_SIZE) && size > kXlsxRatioFloor && size / std::max<uint64_t>(st.comp_size, 1) > kMaxXlsxRatio)
            throw FileError(fmt::format("{}: {} would expand {} times ({} MB from {} KB): refused as a decompression bomb", name_, path,
                                        size / std::max<uint64_t>(st.comp_size, 1), size >> 20, st.comp_size >> 10));
    }

    // Bytes unpacked from `path` (its total so far `part_total`): the same caps, on what the zip
    // actually gives (a part may declare less than it holds).
    void count_unpacked(const std::string& path, uint64_t n, uint64_t part_total) {
        unpacked_ += n;
        if (part_total > kMaxXlsxPart)
            throw FileError(fmt::format("{}: {} unpacks to more than the {} MB a part may have", name_, path, kMaxXlsxPart >> 20));
        if (unpacked_ > max_unpacked_)
            throw FileError(fmt::format("{}: {} unpacks beyond the {} MB a workbook may unpack in all (--max-xlsx-mb)", name_, path,
                                        max_unpacked_ >> 20));
    }

    std::string part(const std::string& path, bool required) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(zip_, path.c_str(), 0, &st) != 0) {
            if (required) throw FileError(name_ + ": not an Excel workbook (.xlsx): no " + path);
            return {};
        }
        check_declared(path, st);
        zip_file_t* f = zip_fopen(zip_, path.c_str(), 0);
        if (!f) throw FileError(name_ + ": " + path + " cannot be read");
        std::string out;
        char buf[65536];
        zip_int64_t n;
        while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
            out.append(buf, static_cast<size_t>(n));
            try {
                count_unpacked(path, static_cast<uint64_t>(n), out.size());
            } catch (...) {
                zip_fclose(f);
                throw;
            }
        }
        zip_fclose(f);
        if (n < 0) throw FileError(name_ + ": " + path + " is damaged");
        return out;
    }

    void open_sheet(const std::string& wanted) {
        // The workbook's sheets in order, and where their parts are.
        std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
        {
            Xml x(name_ + ": xl/workbook.xml");
            x.start = [&](std::string_view n, const XML_Char** a) {
                if (n == "sheet") {
                    const char* nm = attr(a, "name");
                    const char* id = attr(a, "id");
                    if (nm && id) sheets.emplace_back(nm, id);
                } else if (n == "workbookPr") {
                    const char* d = attr(a, "date1904");
                    date1904_ = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
                }
            };
            x.feed(part("xl/workbook.xml", true), true);
        }
        std::map<std::string, std::string> targets;
        {
            Xml x(name_ + ": xl/_rels/workbook.xml.rels");
            x.start = [&](std::string_view n, const XML_Char** a) {
                const char* id = attr(a, "Id");
                const char* target = attr(a, "Target");
                if (n == "Relationship" && id && target) targets[id] = target;
            };
            x.feed(part("xl/_rels/workbook.xml.rels", true), true);
        }
        if (sheets.empty()) throw FileError(name_ + ": the workbook has no sheets");
        auto chosen = sheets.begin();
        if (!wanted.empty()) {
            chosen = std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) { return s.first == wanted; });
            if (chosen == sheets.end()) {
                std::string names;
                for (const auto& s : sheets) names += (names.empty() ? "" : ", ") + s.first;
                throw FileError(fmt::format("{}: no sheet '{}' (the sheets are: {})", name_, wanted, names));
            }
        }
        sheet_name_ = chosen->first;
        const auto t = targets.find(chosen->second);
        if (t == targets.end()) throw FileError(name_ + ": sheet '" + sheet_name_ + "' has no part");
        std::string path = t->second;
        path = path.rfind("/", 0) == 0 ? path.substr(1) : "xl/" + path;
        read_shared_strings();
        read_styles();
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(zip_, path.c_str(), 0, &st) == 0) check_declared(path, st);
        sheet_path_ = path;
        file_ = zip_fopen(zip_, path.c_str(), 0);
        if (!file_) throw FileError(name_ + ": sheet '" + sheet_name_ + "' cannot be read (" + path + ")");
        sheet_ = std::make_unique<Xml>(name_ + ": " + path);
        sheet_->start = [this](std::string_view n, const XML_Char** a) { sheet_start(n, a); };
        sheet_->end = [this](std::string_view n) { sheet_end(n); };
        sheet_->text = [this](std::string_view s) {
            if (in_value_ && value_.size() < csv::kMaxFieldBytes) value_.append(s);
        };
    }

    void read_shared_strings() {
        const std::string xml = part("xl/sharedStrings.xml", false);
        if (xml.empty()) return;
        Xml x(name_ + ": xl/sharedStrings.xml");
        bool in_t = false;
        int phonetic = 0;
        std::string current;
        x.start = [&](std::string_view n, const XML_Char**) {
            if (n == "si") current.clear();
            if (n == "rPh") ++phonetic;
            if (n == "t" && !phonetic) in_t = true;
        };
        x.end = [&](std::string_view n) {
            if (n == "t") in_t = false;
            if (n == "rPh") --phonetic;
            if (n == "si") strings_.push_back(std::move(current));
        };
        x.text = [&](std::string_view s) {
            if (in_t && current.size() < csv::kMaxFieldBytes) current.append(s);
        };
        x.feed(xml, true);
    }

    void read_styles() {
        const std::string xml = part("xl/styles.xml", false);
        if (xml.empty()) return;
        std::set<long> date_formats;
        bool in_xfs = false;
        std::vector<long> xf_formats;
        Xml x(name_ + ": xl/styles.xml");
        x.start = [&](std::string_view n, const XML_Char** a) {
            if (n == "numFmt") {
                const char* id = attr(a, "numFmtId");
                const char* code = attr(a, "formatCode");
                if (id && code && is_date_format(code)) date_formats.insert(std::strtol(id, nullptr, 10));
            } else if (n == "cellXfs") {
                in_xfs = true;
            } else if (n == "xf" && in_xfs) {
                const char* id = attr(a, "numFmtId");
                xf_formats.push_back(id ? std::strtol(id, nullptr, 10) : 0);
            }
        };
        x.end = [&](std::string_view n) {
            if (n == "cellXfs") in_xfs = false;
        };
        x.feed(xml, true);
        for (long f : xf_formats) date_styles_.push_back(builtin_date_format(f) || date_formats.count(f));
    }

    // Reads on in the sheet; false at its end.
    bool more() {
        if (done_) return false;
        char buf[65536];
        const zip_int64_t n = zip_fread(file_, buf, sizeof buf);
        if (n < 0) throw FileError(name_ + ": sheet '" + sheet_name_ + "' is damaged");
        consumed_ += static_cast<uint64_t>(n);
        count_unpacked(sheet_path_, static_cast<uint64_t>(n), consumed_);
        sheet_->feed(std::string_view(buf, static_cast<size_t>(n)), n == 0);
        if (n == 0) done_ = true;
        return true;
    }

    void sheet_start(std::string_view n, const XML_Char** a) {
        if (n == "row") {
            const char* r = attr(a, "r");
            row_ = r ? static_cast<size_t>(std::strtoul(r, nullptr, 10)) : row_ + 1;
            cells_.clear();
            col_ = 0;
        } else if (n == "c") {
            const char* r = attr(a, "r");
            const char* t = attr(a, "t");
            const char* s = attr(a, "s");
            col_ = r ? column_index(r) : col_;
            if (r && !row_) row_ = row_number(r);
            type_ = t ? t : "n";
            style_ = s ? std::strtol(s, nullptr, 10) : 0;
            value_.clear();
            has_value_ = false;
        } else if (n == "v" || n == "t") {
            in_value_ = true;
            has_value_ = true;
        }
    }

    void sheet_end(std::string_view n) {
        if (n == "v" || n == "t") {
            in_value_ = false;
        } else if (n == "c") {
            if (col_ != SIZE_MAX && col_ < csv::kMaxColumns && has_value_) {
                if (cells_.size() <= col_) cells_.resize(col_ + 1);
                cells_[col_] = cell_text();
            }
            if (col_ != SIZE_MAX) ++col_;
        } else if (n == "row") {
            if (row_ <= last_row_) row_ = last_row_ + 1;  // rows come in order, whatever a file says
            last_row_ = row_;
            rows_.emplace_back(row_, std::move(cells_));
            cells_.clear();
        }
    }

    std::string cell_text() const {
        if (type_ == "s") {
            char* end = nullptr;
            const unsigned long i = std::strtoul(value_.c_str(), &end, 10);
            if (end == value_.c_str() || i >= strings_.size()) return "#REF!";
            return strings_[i];
        }
        if (type_ == "b") return value_ == "1" || value_ == "true" ? "true" : "false";
        if (type_ == "inlineStr" || type_ == "str" || type_ == "e") return value_;
        if (type_ == "d") return value_.substr(0, 10);
        // A number: as its shortest spelling, or a date when the cell shows one.
        char* end = nullptr;
        const double x = std::strtod(value_.c_str(), &end);
        if (end == value_.c_str() || !std::isfinite(x)) return value_;
        const bool date_style =
            style_ >= 0 && static_cast<size_t>(style_) < date_styles_.size() && date_styles_[static_cast<size_t>(style_)];
        const bool date_column = col_ < date_columns_.size() && date_columns_[col_];
        if (date_style || date_column)
            if (const auto d = excel_serial_date(x, date1904_)) return d->iso();
        if (x == std::floor(x) && std::fabs(x) < 1e15) return fmt::format("{}", static_cast<long long>(x));
        return fmt::format("{}", x);
    }

    std::string bytes_, name_, sheet_name_;
    zip_t* zip_ = nullptr;
    zip_file_t* file_ = nullptr;
    std::unique_ptr<Xml> sheet_;
    bool done_ = false, date1904_ = false;
    uint64_t consumed_ = 0;
    uint64_t max_unpacked_ = 0, unpacked_ = 0;  // the workbook's cap, and what its parts unpacked so far
    std::string sheet_path_;
    std::vector<std::string> strings_, header_;
    std::vector<bool> date_styles_;
    std::vector<bool> date_columns_;  // per header column: a date field of the schema
    size_t header_row_ = 0;
    std::deque<std::pair<size_t, std::vector<std::string>>> rows_;
    // The cell being read.
    size_t row_ = 0, col_ = 0, last_row_ = 0;
    std::vector<std::string> cells_;
    std::string type_, value_;
    long style_ = 0;
    bool in_value_ = false, has_value_ = false;
};

}  // namespace

std::optional<Date> excel_serial_date(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < (date1904 ? 0 : 1) || serial > 200000) return std::nullopt;
    auto days = static_cast<int>(std::floor(serial));
    std::optional<Date> d;
    if (date1904) {
        d = Date::from_ymd(1904, 1, 1);
    } else {
        // Serial 1 is 1900-01-01; Excel counts a 29 February 1900 that never was (serial 60).
        if (days >= 61) days -= 1;
        days -= 1;
        d = Date::from_ymd(1900, 1, 1);
    }
    if (!d) return std::nullopt;
    const Date out = d->add_days(days);
    if (out.year() > kMaxYear) return std::nullopt;
    return out;
}

std::unique_ptr<RecordSource> open_xlsx(std::string bytes, const std::string& name, const std::string& sheet, uint64_t max_unpacked,
                                        const Schema* schema) {
    if (bytes.size() > kMaxXlsxBytes) throw FileError(fmt::format("{}: a workbook over {} MB is not read", name, kMaxXlsxBytes >> 20));
    return std::make_unique<XlsxSource>(std::move(bytes), name, sheet, max_unpacked, schema);
}

}  // namespace inkoop
