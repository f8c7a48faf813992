// The physical floor for inkoop batch's I/O: a minimal native C++ program that reads the same
// CSV list into plain structs (every field parsed by its schema type) and writes one JSON line per
// row (the row's known facts, up to about 500 bytes: as many as a Salland decision; texts escaped by
// inkoop's own JSON string writer, which also checks UTF-8). It reads in
// 1 MiB blocks, finds line ends with memchr and separators 16 bytes at a time (inkoop's own
// splitter), and splits quoted lines only where there are quotes. No policy, no validation beyond the parse, no error records: what any
// program must at least spend on this input and output.
//
//   inkoop-native-floor FILE > out.jsonl
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>
#include <vector>

#include "../schema_fixture.hpp"
#include "core/base/csv_tokenizer.hpp"
#include "core/formats/decision_records.hpp"
#include "core/model/schema.hpp"

namespace {

struct Cell {
    int kind = 0;  // 0 unknown, 1 bool, 2 number, 3 text (enum, string, date as written)
    bool b = false;
    double n = 0;
    std::string_view text;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: inkoop-native-floor FILE\n");
        return 2;
    }
    const int fd = ::open(argv[1], O_RDONLY);
    if (fd < 0) return 2;
    std::string data;  // the unread part of the file
    size_t pos = 0;
    char buf[1 << 20];
    bool eof = false;
    // Makes sure a whole line from `pos` is in `data` (or the file has ended).
    const auto refill = [&] {
        while (!eof && std::memchr(data.data() + pos, '\n', data.size() - pos) == nullptr) {
            data.erase(0, pos);
            pos = 0;
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0)
                eof = true;
            else
                data.append(buf, static_cast<size_t>(n));
        }
    };
    const inkoop::Schema& schema = ::inkoop::testing::test_schema();
    std::vector<const inkoop::Field*> columns;
    std::vector<std::string> names;
    std::vector<Cell> row;
    std::vector<std::string_view> fields, views;
    std::string unquoted, out;
    out.reserve(1 << 22);
    size_t line = 0;
    for (;;) {
        refill();
        if (pos >= data.size()) break;
        fields.clear();
        unquoted.clear();
        const char* nl = static_cast<const char*>(std::memchr(data.data() + pos, '\n', data.size() - pos));
        size_t end = nl ? static_cast<size_t>(nl - data.data()) : data.size();
        std::string_view rec(data.data() + pos, end - pos);
        if (rec.find('"') == std::string_view::npos) {  // the common line: split at every comma, 16 bytes at a time
            size_t count = 0;
            inkoop::csv::split_fields(rec, ',', true, unquoted, views, count);
            fields.assign(views.begin(), views.begin() + static_cast<long>(count));
        } else {  // quotes: commas and line ends inside them are text
            unquoted.reserve(65536);
            bool quoted = false;
            size_t start = pos, i = pos;
            for (;; ++i) {
                if (i >= data.size()) break;
                const char c = data[i];
                if (c == '"')
                    quoted = !quoted;
                else if (!quoted && (c == ',' || c == '\n')) {
                    std::string_view f(data.data() + start, i - start);
                    if (f.size() >= 2 && f.front() == '"') {
                        const size_t from = unquoted.size();
                        for (size_t k = 1; k + 1 < f.size(); ++k) {
                            unquoted.push_back(f[k]);
                            if (f[k] == '"') ++k;
                        }
                        f = std::string_view(unquoted).substr(from);
                    }
                    fields.push_back(f);
                    start = i + 1;
                    if (c == '\n') break;
                }
            }
            end = i;
        }
        pos = end + 1;
        if (line++ == 0) {  // the header
            for (auto f : fields) {
                names.emplace_back(f);
                columns.push_back(schema.find(f));
            }
            row.resize(columns.size());
            continue;
        }
        for (size_t c = 0; c < fields.size() && c < columns.size(); ++c) {
            Cell& cell = row[c];
            const std::string_view f = fields[c];
            cell.kind = 0;
            if (f.empty()) continue;
            const inkoop::Field* field = columns[c];
            if (field && field->type == inkoop::FieldType::Bool) {
                cell.kind = 1;
                cell.b = f[0] == 't' || f[0] == 'j' || f[0] == 'y' || f[0] == '1';
            } else if (field && (field->type == inkoop::FieldType::Number || field->type == inkoop::FieldType::Int)) {
                cell.kind = 2;
                std::from_chars(f.data(), f.data() + f.size(), cell.n);
            } else {
                cell.kind = 3;
                cell.text = f;
            }
        }
        out.push_back('{');
        bool first = true;
        const size_t line_start = out.size();
        for (size_t c = 0; c < fields.size() && c < columns.size() && out.size() - line_start < 480; ++c) {
            const Cell& cell = row[c];
            if (!cell.kind) continue;
            if (!first) out.push_back(',');
            first = false;
            inkoop::append_json_string(out, names[c]);
            out.push_back(':');
            if (cell.kind == 1)
                out += cell.b ? "true" : "false";
            else if (cell.kind == 2) {
                char num[32];
                const auto r = std::to_chars(num, num + sizeof num, cell.n);
                out.append(num, r.ptr);
            } else
                inkoop::append_json_string(out, cell.text);
        }
        out += "}\n";
        if (out.size() > (1 << 22) - 65536) {
            if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) return 2;
            out.clear();
        }
    }
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) return 2;
    return 0;
}
