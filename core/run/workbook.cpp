#include "core/run/workbook.hpp"

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include "core/model/date.hpp"
#include "core/run/run_summary.hpp"

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

// A found value from a record's JSON, typed by its field (a date field's ISO text is a date).
Value found_value(const nlohmann::json& v, const Field* f) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number()) return v.get<double>();
    if (!v.is_string()) return std::monostate{};
    std::string s = v.get<std::string>();
    if (f && f->type == FieldType::Date)
        if (const auto d = Date::parse(s)) return *d;
    return s;
}

// What an item of a record found, as people read it ("Fte regiebehandelaren: 9 (eis: maximaal 8)").
std::vector<std::string> found_lines(const nlohmann::json& item, const Schema& schema, Lang lang) {
    std::vector<std::string> out;
    if (!item.contains("found") || !item.at("found").is_array()) return out;
    for (const auto& j : item.at("found")) {
        Found f{j.value("field", ""), j.value("test", ""), {}, {}, j.value("holds", false), j.value("required", false)};
        const Field* field = schema.find(f.field);
        if (j.contains("value")) f.value = found_value(j.at("value"), field);
        if (j.contains("limit")) {
            if (j.at("limit").is_array())
                for (const auto& l : j.at("limit")) f.limit.push_back(found_value(l, field));
            else
                f.limit.push_back(found_value(j.at("limit"), field));
        }
        out.push_back(found_text(f, &schema, lang));
    }
    return out;
}

// The items of a record: their codes joined by '|', or with their text, each on a line of its
// own with what was found under it.
std::string items_text(const nlohmann::json& r, const char* key, bool with_text, const Schema& schema, Lang lang) {
    std::string out;
    if (!r.contains(key)) return out;
    for (const auto& i : r.at(key)) {
        if (!out.empty()) out += with_text ? "\n" : "|";
        if (!with_text) {
            out += i.value("code", "");
            continue;
        }
        out += fmt::format("{} {}: {}", i.value("section", ""), i.value("code", ""), i.value("text", ""));
        for (const auto& f : found_lines(i, schema, lang)) out += "\n  \u2192 " + f;
    }
    return out;
}

std::string joined(const nlohmann::json& list) {
    std::string out;
    if (!list.is_array()) return out;
    for (const auto& v : list) out += (out.empty() ? "" : "|") + (v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

// The decisions sheet, row by row from the run's JSON Lines records, then a summary sheet per
// policy. Every libxlsxwriter call is checked; a failure throws FileError naming the file.
class WorkbookWriter {
public:
    WorkbookWriter(const std::string& path, const std::vector<std::string>& kept, const std::vector<std::string>& passthrough,
                   const Schema& schema, Lang lang)
        : path_(path), kept_(kept), passthrough_(passthrough), schema_(schema), lang_(lang), book_{open(path), path} {
        for (Category c : kCategoryOrder) words_[static_cast<size_t>(c)] = category_label(c, lang_);  // looked up once, not per row
        ws_ = workbook_add_worksheet(book_.wb, tr(lang_, "Decisions"));
        if (!ws_) throw FileError(path + ": cannot add a sheet");
        add_formats();
        write_header();
    }

    // One line of the records (a decision or an error record); "" is skipped.
    void record(std::string_view text) {
        if (text.empty()) return;
        const auto r = nlohmann::json::parse(text);
        summary_.add(r);
        if (row_ >= kMaxXlsxRows)
            throw FileError(
                fmt::format("{}: an Excel sheet holds at most {} decisions; write .csv or .jsonl for this list", path_, kMaxXlsxRows));
        ++row_;
        write_text(0, r.value("agb", ""));
        if (r.contains("policy") && r.at("policy").is_string()) write_text(1, r.at("policy").get<std::string>());
        if (r.contains("error"))
            error_cells(r.at("error"));
        else
            decision_cells(r);
        kept_cells(r.value("provider", nlohmann::json::object()));
        for (size_t x = 0; x < passthrough_.size(); ++x)
            if (r.contains(passthrough_[x]) && r.at(passthrough_[x]).is_string())
                write_text(static_cast<lxw_col_t>(fixed_ + kept_.size() + x), r.at(passthrough_[x]).get<std::string>());
    }

    // The autofilter over the decisions, the summary sheets, and the file closed.
    RunSummary finish() {
        summary_.finish();
        check(worksheet_autofilter(ws_, 0, 0, row_, static_cast<lxw_col_t>(columns_ - 1)), path_);
        std::vector<std::string> used{tr(lang_, "Decisions")};
        for (const auto& p : summary_.policies()) summary_sheet(p, used);
        check(book_.close(), path_);
        return std::move(summary_);
    }

private:
    static lxw_workbook* open(const std::string& path) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;  // rows go to disk as they are written: memory stays flat
        lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
        if (!wb) throw FileError(path + ": cannot create the workbook");
        return wb;
    }

    void add_formats() {
        header_ = workbook_add_format(book_.wb);
        format_set_bold(header_);
        format_set_bottom(header_, LXW_BORDER_THIN);
        format_set_bg_color(header_, 0xDDEBF7);
        date_ = workbook_add_format(book_.wb);
        format_set_num_format(date_, lang_ == Lang::Nl ? "dd-mm-yyyy" : "yyyy-mm-dd");
        wrap_ = workbook_add_format(book_.wb);
        format_set_text_wrap(wrap_);
        format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
        percent_ = workbook_add_format(book_.wb);
        format_set_num_format(percent_, "0.0%");
    }

    void write_header() {
        struct Column {
            std::string title;
            double width;
        };
        std::vector<Column> cols;
        for (const auto& [title, width] : std::initializer_list<std::pair<const char*, double>>{{N_("agb"), 11},
                                                                                                {N_("policy"), 26},
                                                                                                {N_("outcome"), 11},
                                                                                                {N_("contract type"), 20},
                                                                                                {N_("contract start"), 12},
                                                                                                {N_("contract end"), 12},
                                                                                                {N_("sign by"), 12},
                                                                                                {N_("settings"), 16},
                                                                                                {N_("excluded"), 16},
                                                                                                {N_("tariff basis"), 16},
                                                                                                {N_("tariff %"), 9},
                                                                                                {N_("surcharges"), 16},
                                                                                                {N_("grounds"), 28},
                                                                                                {N_("grounds (section, text)"), 60},
                                                                                                {N_("conditions"), 28},
                                                                                                {N_("review points (section, text)"), 50},
                                                                                                {N_("missing facts"), 28},
                                                                                                {N_("open facts"), 28},
                                                                                                {N_("conditional"), 28},
                                                                                                {N_("error kind"), 12},
                                                                                                {N_("error field"), 16},
                                                                                                {N_("error reason"), 50},
                                                                                                {N_("policy version"), 20},
                                                                                                {N_("parameters"), 24}})
            cols.push_back({tr(lang_, title), lang_ == Lang::En ? width : std::max(width, 14.0)});
        fixed_ = cols.size();
        for (const auto& k : kept_) cols.push_back({k, 18});
        for (const auto& x : passthrough_) cols.push_back({x, 16});
        for (size_t c = 0; c < cols.size(); ++c) {
            check(worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), cols[c].width, nullptr), path_);
            check(worksheet_write_string(ws_, 0, static_cast<lxw_col_t>(c), cols[c].title.c_str(), header_), path_);
        }
        columns_ = cols.size();
        worksheet_freeze_panes(ws_, 1, 0);
    }

    // The outcome as people read it: in English the record's own word (refuse, also for out of
    // scope, as the column has always held); in Dutch the category's word (afwijzing; buiten het
    // inkoopdomein for a provider the policy does not purchase).
    std::string outcome_cell(const nlohmann::json& r) const {
        const std::string outcome = r.value("outcome", "");
        if (lang_ == Lang::En) return outcome;
        const auto o = outcome_from_name(outcome);
        if (!o) return outcome;
        const auto& g = r.value("grounds", nlohmann::json::array());
        const bool out_of_scope = *o == Outcome::Refuse && g.size() == 1 && g[0].value("code", "") == "out_of_scope";
        return words_[static_cast<size_t>(out_of_scope ? Category::OutOfScope : static_cast<Category>(*o))];
    }

    void write_text(lxw_col_t c, const std::string& s, lxw_format* f = nullptr) {
        if (!s.empty()) check(worksheet_write_string(ws_, row_, c, s.c_str(), f), path_);
    }
    void write_date(lxw_col_t c, const nlohmann::json& v) {
        if (!v.is_string()) return;
        if (const auto d = Date::parse(v.get<std::string>())) {
            lxw_datetime dt{d->year(), d->month(), d->day(), 0, 0, 0};
            check(worksheet_write_datetime(ws_, row_, c, &dt, date_), path_);
        }
    }

    void error_cells(const nlohmann::json& e) {
        write_text(2, trc(lang_, "record", "error"));
        write_text(19, e.value("kind", ""));
        write_text(20, e.value("field", ""));
        write_text(21,
                   fmt::format("{} {}: {}", tr(lang_, "row"), e.value("row", size_t{0}),
                               error_reason_text(error_problems(e), e.value("reason", ""), lang_)),
                   wrap_);
    }

    void decision_cells(const nlohmann::json& r) {
        write_text(2, outcome_cell(r));
        if (r.contains("contract")) contract_cells(r.at("contract"));
        if (r.contains("tariff")) tariff_cells(r.at("tariff"));
        write_text(12, items_text(r, "grounds", false, schema_, lang_));
        write_text(13, items_text(r, "grounds", true, schema_, lang_), wrap_);
        write_text(14, items_text(r, "conditions", false, schema_, lang_));
        write_text(15, items_text(r, "review", true, schema_, lang_), wrap_);
        write_text(16, joined(r.value("missing", nlohmann::json())));
        write_text(17, joined(r.value("open_facts", nlohmann::json())));
        std::string c;
        for (const auto& x : r.value("conditional", nlohmann::json::array()))
            c += (c.empty() ? "" : "\n") + x.value("section", "") + " " + x.value("code", "") + " (" +
                 joined(x.value("settled_by", nlohmann::json())) + ")";
        write_text(18, c, wrap_);
        write_text(22, r.value("policy_version", ""));
        if (r.contains("params") && !r.at("params").empty()) write_text(23, r.at("params").dump());
    }

    void contract_cells(const nlohmann::json& c) {
        write_text(3, c.value("type", ""));
        write_date(4, c.value("start", nlohmann::json()));
        write_date(5, c.value("end", nlohmann::json()));
        write_date(6, c.value("sign_by", nlohmann::json()));
        write_text(7, joined(c.value("settings", nlohmann::json())));
        write_text(8, joined(c.value("excluded", nlohmann::json())));
    }

    void tariff_cells(const nlohmann::json& t) {
        write_text(9, tariff_basis_text(t.value("basis", ""), lang_));  // as people read it: "vast tarief", not "fixed"
        if (t.contains("percentage") && t.at("percentage").is_number())
            check(worksheet_write_number(ws_, row_, 10, t.at("percentage").get<double>() / 100.0, percent_), path_);
        std::string s;
        for (const auto& x : t.value("surcharges", nlohmann::json::array())) s += (s.empty() ? "" : "|") + x.value("code", "");
        write_text(11, s);
    }

    // Kept input columns: real numbers, dates and booleans.
    void kept_cells(const nlohmann::json& provider) {
        for (size_t k = 0; k < kept_.size(); ++k) {
            const auto c = static_cast<lxw_col_t>(fixed_ + k);
            if (!provider.contains(kept_[k])) continue;
            const auto& v = provider.at(kept_[k]);
            const Field* f = schema_.find(kept_[k]);
            if (v.is_boolean())
                check(worksheet_write_boolean(ws_, row_, c, v.get<bool>(), nullptr), path_);
            else if (v.is_number())
                check(worksheet_write_number(ws_, row_, c, v.get<double>(), nullptr), path_);
            else if (f && f->type == FieldType::Date)
                write_date(c, v);
            else if (v.is_string())
                write_text(c, v.get<std::string>());
        }
    }

    // One summary sheet per policy: its version and parameters, the outcomes by category, and the
    // grounds, out-of-scope sections, review points and conditions by (section, code).
    void summary_sheet(const PolicySummary& p, std::vector<std::string>& used) {
        lxw_worksheet* s = workbook_add_worksheet(book_.wb, sheet_name(p.id, used).c_str());
        if (!s) throw FileError(path_ + ": cannot add a sheet");
        check(worksheet_set_column(s, 0, 0, 40, nullptr), path_);
        check(worksheet_set_column(s, 1, 1, 30, nullptr), path_);
        check(worksheet_set_column(s, 2, 2, 90, nullptr), path_);
        check(worksheet_set_column(s, 3, 3, 10, nullptr), path_);
        lxw_row_t r = 0;
        const auto text = [&](lxw_col_t c, const std::string& v, lxw_format* f = nullptr) {
            check(worksheet_write_string(s, r, c, v.c_str(), f), path_);
        };
        const auto number = [&](lxw_col_t c, double v, lxw_format* f = nullptr) { check(worksheet_write_number(s, r, c, v, f), path_); };
        for (const auto& [label, value] : {std::pair<const char*, std::string>{N_("policy"), p.id},
                                           {N_("policy version"), p.version},
                                           {N_("parameters"), p.params.empty() || p.params == "{}" ? tr(lang_, "defaults") : p.params}}) {
            text(0, tr(lang_, label), header_);
            text(1, value);
            ++r;
        }
        ++r;
        text(0, tr(lang_, "outcome"), header_);
        text(1, tr(lang_, "providers"), header_);
        text(2, tr(lang_, "share"), header_);
        const size_t total = p.decided();
        for (Category o : kCategoryOrder) {
            ++r;
            const auto n = static_cast<double>(p.outcomes[static_cast<size_t>(o)]);
            text(0, o == Category::OutOfScope
                        ? fmt::format("{} ({})", category_label(o, lang_), tr(lang_, "not purchased under this policy"))
                        : category_label(o, lang_));
            number(1, n);
            number(2, total ? n / total : 0, percent_);
        }
        ++r;
        text(0, tr(lang_, "failed"));
        number(1, static_cast<double>(p.failures));
        ++r;
        text(0, tr(lang_, "rejected input rows"));
        number(1, static_cast<double>(summary_.rejected_input()));
        for (const auto& [title, items] :
             {std::pair{N_("refusal grounds (code)"), &p.grounds}, std::pair{N_("out of scope (code)"), &p.out_of_scope},
              std::pair{N_("review points (code)"), &p.review}, std::pair{N_("conditions (code)"), &p.conditions}}) {
            r += 2;
            text(0, tr(lang_, "section"), header_);
            text(1, tr(lang_, title), header_);
            text(2, tr(lang_, "text"), header_);
            text(3, tr(lang_, "providers"), header_);
            for (const auto& g : *items) {
                ++r;
                text(0, g.section);
                text(1, g.code);
                text(2, g.text);
                number(3, static_cast<double>(g.count));
            }
        }
    }

    const std::string& path_;
    const std::vector<std::string>& kept_;
    const std::vector<std::string>& passthrough_;
    const Schema& schema_;
    Lang lang_;
    std::array<std::string, kCategories> words_;  // the outcome words in lang_, by Category
    Workbook book_;
    lxw_worksheet* ws_ = nullptr;
    lxw_format *header_ = nullptr, *date_ = nullptr, *wrap_ = nullptr, *percent_ = nullptr;
    size_t fixed_ = 0, columns_ = 0;
    lxw_row_t row_ = 0;
    RunSummary summary_;
};

}  // namespace

class DecisionWorkbook::Sheet final : public WorkbookWriter {
public:
    using WorkbookWriter::WorkbookWriter;
};

DecisionWorkbook::DecisionWorkbook(const std::string& path, const std::vector<std::string>& kept,
                                   const std::vector<std::string>& passthrough, const Schema& schema, Lang lang)
    : sheet_(std::make_unique<Sheet>(path, kept, passthrough, schema, lang)),
      lines_([this](std::string_view line) { sheet_->record(line); }) {}

DecisionWorkbook::~DecisionWorkbook() = default;

void DecisionWorkbook::write(std::string_view bytes) { lines_.write(bytes); }

RunSummary DecisionWorkbook::finish() {
    lines_.finish();
    return sheet_->finish();
}

void write_table_xlsx(const std::string& path, const std::string& sheet, const std::vector<std::vector<TableCell>>& rows) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    Workbook book{workbook_new_opt(path.c_str(), &options), path};
    if (!book.wb) throw FileError(path + ": cannot create the workbook");
    lxw_worksheet* ws = workbook_add_worksheet(book.wb, sheet.c_str());
    if (!ws) throw FileError(path + ": cannot add a sheet");
    lxw_format* bold = workbook_add_format(book.wb);
    format_set_bold(bold);
    if (rows.size() > kMaxXlsxRows + 1) throw FileError(fmt::format("{}: {} rows do not fit a sheet", path, rows.size()));
    for (size_t r = 0; r < rows.size(); ++r)
        for (size_t c = 0; c < rows[r].size(); ++c) {
            const auto row = static_cast<lxw_row_t>(r);
            const auto col = static_cast<lxw_col_t>(c);
            if (rows[r][c].number)
                check(worksheet_write_number(ws, row, col, *rows[r][c].number, nullptr), path);
            else if (!rows[r][c].text.empty())
                check(worksheet_write_string(ws, row, col, rows[r][c].text.c_str(), r == 0 ? bold : nullptr), path);
        }
    if (!rows.empty() && !rows.front().empty()) {
        worksheet_freeze_panes(ws, 1, 0);
        check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows.size() - 1), static_cast<lxw_col_t>(rows.front().size() - 1)),
              path);
    }
    check(book.close(), path);
}

}  // namespace inkoop
