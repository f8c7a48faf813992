#include "core/run/workbook.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include "core/model/date.hpp"

namespace inkoop {
namespace {

void check(lxw_error e, const std::string& path) {
    if (e != LXW_NO_ERROR) throw FileError(fmt::format("{}: cannot write the workbook: {}", path, lxw_strerror(e)));
}

// Closes the workbook however the writing ends (an error leaves a file the caller removes).
struct Workbook {
    lxw_workbook* wb;
    std::string path;
    bool closed = false;
    ~Workbook() {
        if (!closed && wb) workbook_close(wb);
    }
    lxw_error close() {
        closed = true;
        return workbook_close(wb);
    }
};

std::string sheet_name(const std::string& id, std::vector<std::string>& used) {
    std::string n;
    for (char c : id) n += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : ' ';
    if (n.size() > 28) n.resize(28);
    std::string unique = n;
    for (int i = 2; std::find(used.begin(), used.end(), unique) != used.end(); ++i) unique = n + " " + std::to_string(i);
    used.push_back(unique);
    return unique;
}

std::string items_text(const nlohmann::json& r, const char* key, bool with_text) {
    std::string out;
    if (!r.contains(key)) return out;
    for (const auto& i : r.at(key)) {
        if (!out.empty()) out += with_text ? "\n" : "|";
        out += with_text ? fmt::format("{} {}: {}", i.value("section", ""), i.value("code", ""), i.value("text", "")) : i.value("code", "");
    }
    return out;
}

std::string joined(const nlohmann::json& list) {
    std::string out;
    if (!list.is_array()) return out;
    for (const auto& v : list) out += (out.empty() ? "" : "|") + (v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

}  // namespace

RunSummary write_decisions_xlsx(const std::string& path, ByteSource& jsonl, const std::vector<std::string>& kept,
                                const std::vector<std::string>& passthrough, const Schema& schema) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to disk as they are written: memory stays flat
    Workbook book{workbook_new_opt(path.c_str(), &options), path};
    if (!book.wb) throw FileError(path + ": cannot create the workbook");
    lxw_worksheet* ws = workbook_add_worksheet(book.wb, "Decisions");
    if (!ws) throw FileError(path + ": cannot add a sheet");
    lxw_format* header = workbook_add_format(book.wb);
    format_set_bold(header);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_bg_color(header, 0xDDEBF7);
    lxw_format* date = workbook_add_format(book.wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* wrap = workbook_add_format(book.wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* percent = workbook_add_format(book.wb);
    format_set_num_format(percent, "0.0%");

    struct Column {
        std::string title;
        double width;
    };
    std::vector<Column> cols = {{"agb", 11},
                                {"policy", 26},
                                {"outcome", 11},
                                {"contract type", 20},
                                {"contract start", 12},
                                {"contract end", 12},
                                {"sign by", 12},
                                {"settings", 16},
                                {"excluded", 16},
                                {"tariff basis", 16},
                                {"tariff %", 9},
                                {"surcharges", 16},
                                {"grounds", 28},
                                {"grounds (section, text)", 60},
                                {"conditions", 28},
                                {"review points (section, text)", 50},
                                {"missing facts", 28},
                                {"open facts", 28},
                                {"conditional", 28},
                                {"error kind", 12},
                                {"error field", 16},
                                {"error reason", 50},
                                {"policy version", 20},
                                {"parameters", 24}};
    const size_t fixed = cols.size();
    for (const auto& k : kept) cols.push_back({k, 18});
    for (const auto& x : passthrough) cols.push_back({x, 16});
    for (size_t c = 0; c < cols.size(); ++c) {
        check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), cols[c].width, nullptr), path);
        check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), cols[c].title.c_str(), header), path);
    }
    worksheet_freeze_panes(ws, 1, 0);

    RunSummary summary;
    lxw_row_t row = 0;
    std::string line, pending;
    char buf[65536];
    const auto write_text = [&](lxw_col_t c, const std::string& s, lxw_format* f = nullptr) {
        if (!s.empty()) check(worksheet_write_string(ws, row, c, s.c_str(), f), path);
    };
    const auto write_date = [&](lxw_col_t c, const nlohmann::json& v) {
        if (!v.is_string()) return;
        if (const auto d = Date::parse(v.get<std::string>())) {
            lxw_datetime dt{d->year(), d->month(), d->day(), 0, 0, 0};
            check(worksheet_write_datetime(ws, row, c, &dt, date), path);
        }
    };
    const auto record = [&](const std::string& text) {
        if (text.empty()) return;
        const auto r = nlohmann::json::parse(text);
        summary.add(r);
        if (row >= kMaxXlsxRows)
            throw FileError(
                fmt::format("{}: an Excel sheet holds at most {} decisions; write .csv or .jsonl for this list", path, kMaxXlsxRows));
        ++row;
        write_text(0, r.value("agb", ""));
        if (r.contains("policy") && r.at("policy").is_string()) write_text(1, r.at("policy").get<std::string>());
        if (r.contains("error")) {
            const auto& e = r.at("error");
            write_text(2, "error");
            write_text(19, e.value("kind", ""));
            write_text(20, e.value("field", ""));
            write_text(21, fmt::format("row {}: {}", e.value("row", size_t{0}), e.value("reason", "")), wrap);
        } else {
            write_text(2, r.value("outcome", ""));
            if (r.contains("contract")) {
                const auto& c = r.at("contract");
                write_text(3, c.value("type", ""));
                write_date(4, c.value("start", nlohmann::json()));
                write_date(5, c.value("end", nlohmann::json()));
                write_date(6, c.value("sign_by", nlohmann::json()));
                write_text(7, joined(c.value("settings", nlohmann::json())));
                write_text(8, joined(c.value("excluded", nlohmann::json())));
            }
            if (r.contains("tariff")) {
                const auto& t = r.at("tariff");
                write_text(9, t.value("basis", ""));
                if (t.contains("percentage") && t.at("percentage").is_number())
                    check(worksheet_write_number(ws, row, 10, t.at("percentage").get<double>() / 100.0, percent), path);
                std::string s;
                for (const auto& x : t.value("surcharges", nlohmann::json::array())) s += (s.empty() ? "" : "|") + x.value("code", "");
                write_text(11, s);
            }
            write_text(12, items_text(r, "grounds", false));
            write_text(13, items_text(r, "grounds", true), wrap);
            write_text(14, items_text(r, "conditions", false));
            write_text(15, items_text(r, "review", true), wrap);
            write_text(16, joined(r.value("missing", nlohmann::json())));
            write_text(17, joined(r.value("open_facts", nlohmann::json())));
            {
                std::string c;
                for (const auto& x : r.value("conditional", nlohmann::json::array()))
                    c += (c.empty() ? "" : "\n") + x.value("section", "") + " " + x.value("code", "") + " (" +
                         joined(x.value("settled_by", nlohmann::json())) + ")";
                write_text(18, c, wrap);
            }
            write_text(22, r.value("policy_version", ""));
            if (r.contains("params") && !r.at("params").empty()) write_text(23, r.at("params").dump());
        }
        // Kept input columns: real numbers, dates and booleans.
        const auto provider = r.value("provider", nlohmann::json::object());
        for (size_t k = 0; k < kept.size(); ++k) {
            const auto c = static_cast<lxw_col_t>(fixed + k);
            if (!provider.contains(kept[k])) continue;
            const auto& v = provider.at(kept[k]);
            const Field* f = schema.find(kept[k]);
            if (v.is_boolean())
                check(worksheet_write_boolean(ws, row, c, v.get<bool>(), nullptr), path);
            else if (v.is_number())
                check(worksheet_write_number(ws, row, c, v.get<double>(), nullptr), path);
            else if (f && f->type == FieldType::Date)
                write_date(c, v);
            else if (v.is_string())
                write_text(c, v.get<std::string>());
        }
        for (size_t x = 0; x < passthrough.size(); ++x)
            if (r.contains(passthrough[x]) && r.at(passthrough[x]).is_string())
                write_text(static_cast<lxw_col_t>(fixed + kept.size() + x), r.at(passthrough[x]).get<std::string>());
    };
    for (size_t n; (n = jsonl.read(buf, sizeof buf)) > 0;) {
        pending.append(buf, n);
        size_t start = 0;
        for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) record(pending.substr(start, nl - start));
        pending.erase(0, start);
    }
    record(pending);
    summary.finish();
    check(worksheet_autofilter(ws, 0, 0, row, static_cast<lxw_col_t>(cols.size() - 1)), path);

    // One summary sheet per policy.
    std::vector<std::string> used{"Decisions"};
    for (const auto& p : summary.policies()) {
        lxw_worksheet* s = workbook_add_worksheet(book.wb, sheet_name(p.id, used).c_str());
        if (!s) throw FileError(path + ": cannot add a sheet");
        check(worksheet_set_column(s, 0, 0, 40, nullptr), path);
        check(worksheet_set_column(s, 1, 1, 30, nullptr), path);
        check(worksheet_set_column(s, 2, 2, 90, nullptr), path);
        check(worksheet_set_column(s, 3, 3, 10, nullptr), path);
        lxw_row_t r = 0;
        const auto text = [&](lxw_col_t c, const std::string& v, lxw_format* f = nullptr) {
            check(worksheet_write_string(s, r, c, v.c_str(), f), path);
        };
        text(0, "policy", header);
        text(1, p.id);
        ++r;
        text(0, "policy version", header);
        text(1, p.version);
        ++r;
        text(0, "parameters", header);
        text(1, p.params.empty() || p.params == "{}" ? "defaults" : p.params);
        r += 2;
        text(0, "outcome", header);
        text(1, "providers", header);
        text(2, "share", header);
        const size_t total = p.decided();
        for (Category o : kCategoryOrder) {
            ++r;
            text(0, o == Category::OutOfScope ? "out of scope (not purchased under this policy)" : std::string(category_name(o)));
            check(worksheet_write_number(s, r, 1, static_cast<double>(p.outcomes[static_cast<size_t>(o)]), nullptr), path);
            check(worksheet_write_number(s, r, 2, total ? static_cast<double>(p.outcomes[static_cast<size_t>(o)]) / total : 0, percent),
                  path);
        }
        ++r;
        text(0, "failed");
        check(worksheet_write_number(s, r, 1, static_cast<double>(p.failures), nullptr), path);
        ++r;
        text(0, "rejected input rows");
        check(worksheet_write_number(s, r, 1, static_cast<double>(summary.rejected_input()), nullptr), path);
        for (const auto& [title, items] : {std::pair{"refusal grounds", &p.grounds}, std::pair{"out of scope", &p.out_of_scope},
                                           std::pair{"review points", &p.review}, std::pair{"conditions", &p.conditions}}) {
            r += 2;
            text(0, "section", header);
            text(1, std::string(title) + " (code)", header);
            text(2, "text", header);
            text(3, "providers", header);
            for (const auto& g : *items) {
                ++r;
                text(0, g.section);
                text(1, g.code);
                text(2, g.text);
                check(worksheet_write_number(s, r, 3, static_cast<double>(g.count), nullptr), path);
            }
        }
    }
    check(book.close(), path);
    return summary;
}

}  // namespace inkoop
