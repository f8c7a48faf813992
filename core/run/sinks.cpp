#include "core/run/sinks.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "core/base/text.hpp"
#include "core/model/decision_diff.hpp"

namespace inkoop {
namespace {

void write_error(const ErrorRecord& e, const RecordStyle& style, const Provider* p, std::string& out) {
    if (style.format == OutputFormat::Csv) {
        style.csv.error(out, e, p);
    } else {
        append_error_json(out, e, kept_json(style, p));
        out += '\n';
    }
}

// A contract as a change gives it: its type, period and last day to sign.
void contract_json(JsonObject& o, std::string_view key, const Contract& c) {
    std::string body;
    {
        JsonObject j(body);
        j.string("type", c.type);
        j.string("start", c.start.iso());
        j.string("end", c.end.iso());
        if (c.sign_by) j.string("sign_by", c.sign_by->iso());
    }
    o.raw(key, body);
}

void change_json(std::string& out, const DecisionChange& ch) {
    JsonObject o(out);
    o.string("what", ch.what);
    o.string("change", ch.sign == "+" ? "added" : ch.sign == "-" ? "removed" : "changed");
    o.string("section", ch.section);
    o.string("code", ch.code);
    o.string("text", ch.text);
    // What the change is between, so that a reader can word it in any language.
    if (ch.from) contract_json(o, "from", *ch.from);
    if (ch.to) contract_json(o, "to", *ch.to);
    if (!ch.basis_from.empty()) o.string("from", ch.basis_from);
    if (!ch.basis_to.empty()) o.string("to", ch.basis_to);
}

}  // namespace

void append_changes_json(std::string& out, const std::vector<DecisionChange>& changes) {
    out += '[';
    for (size_t i = 0; i < changes.size(); ++i) {
        if (i) out += ',';
        change_json(out, changes[i]);
    }
    out += ']';
}

std::string kept_json(const RecordStyle& style, const Provider* p) {
    if (style.kept.empty() || !p) return {};
    std::string out;
    {
        JsonObject o(out);
        for (int f : style.kept) {
            const Field& field = p->schema().at(f);
            const Value& v = (*p)[f];
            if (!is_known(v)) {
                o.raw(field.name, "null");
            } else if (const auto* b = std::get_if<bool>(&v)) {
                o.raw(field.name, *b ? "true" : "false");
            } else if (const auto n = as_number(v)) {
                o.raw(field.name, fmt::format("{}", *n));
            } else {
                o.string(field.name, format_value(v, field));
            }
        }
    }
    return out;
}

void report_policy_failure(std::string& err, const std::string& input_name, size_t row, const std::string& policy, const EvalFailure& f) {
    fmt::format_to(std::back_inserter(err), "inkoop: {}: row {}: {}: {}\n", terminal_safe(display_name(input_name), 500), row, policy,
                   terminal_safe(f.message));
}

void report_row_errors(const RowResult& r, const std::string& input_name, const RecordStyle* style, std::string& out, std::string& err,
                       Lang lang) {
    ErrorRecord e{r.problems->agb, "", input_name, r.row, "input", r.problems->errors, r.provider->passthrough};
    // One readable line: the first problems, each cut short, and how many more the record holds.
    constexpr size_t kLine = 400, kProblem = 320;
    std::string text;
    size_t shown = 0;
    for (const auto& p : e.problems) {
        std::string one = terminal_safe(p.text(lang), kProblem);
        if (shown && text.size() + one.size() > kLine) break;
        if (!text.empty()) text += "; ";
        text += one;
        ++shown;
    }
    if (shown < e.problems.size())
        text += fmt::format(
            fmt::runtime(tr(lang, e.problems.size() - shown == 1 ? N_("; and {} more problem (the error record lists them all)")
                                                                 : N_("; and {} more problems (the error record lists them all)"))),
            e.problems.size() - shown);
    err += fmt::format(fmt::runtime(tr(lang, "inkoop: {}: row {}: {}")), terminal_safe(display_name(input_name), 500), r.row, text);
    err += '\n';
    if (style) write_error(e, *style, nullptr, out);
}

DecisionSink::DecisionSink(RecordStyle style, std::vector<std::string> policies, std::string input_name, bool records)
    : style_(std::move(style)), policies_(std::move(policies)), input_name_(std::move(input_name)), records_(records) {}

void DecisionSink::begin(std::string& out) {
    if (records_ && style_.format == OutputFormat::Csv) style_.csv.header(out);
}

uint32_t DecisionSink::row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) {
    if (r.rejected()) {
        report_row_errors(r, input_name_, records_ ? &style_ : nullptr, out, err, lang_);
        return 0;
    }
    for (size_t i = 0; i < policies_.size(); ++i) {
        if (const auto& f = r.failures[i]) {
            report_policy_failure(err, input_name_, r.row, ev.policy_id(i), *f);
            if (records_)
                write_error(ErrorRecord{r.provider->agb(),
                                        ev.policy_id(i),
                                        input_name_,
                                        r.row,
                                        f->kind_name(),
                                        {{"", f->message}},
                                        r.provider->passthrough},
                            style_, r.provider, out);
            continue;
        }
        if (!records_) continue;
        const Decision& d = r.decisions[i];
        if (style_.format == OutputFormat::Csv) {
            style_.csv.decision(out, d, r.provider, r.provider->passthrough);
        } else {
            json_.append(out, d, r.provider->passthrough);
            if (!style_.kept.empty()) {  // the kept input columns, before the closing brace
                out.pop_back();
                out += ",\"provider\":";
                out += kept_json(style_, r.provider);
                out += '}';
            }
            out += '\n';
        }
    }
    return false;
}

void DecisionSink::duplicate_record(const std::string& agb, size_t row, size_t first_row, std::string& out) {
    if (!records_) return;
    write_error(ErrorRecord{agb,
                            "",
                            input_name_,
                            row,
                            "duplicate",
                            {field_error("agb", message(N_("AGB {} is also on row {}"), agb, std::to_string(first_row)))},
                            {}},
                style_, nullptr, out);
}

std::unique_ptr<RowSink> DecisionSink::clone() const {
    auto copy = std::make_unique<DecisionSink>(style_, policies_, input_name_, records_);
    copy->set_lang(lang_);
    return copy;
}

void DecisionSink::print_summary(std::ostream& os, const BatchStats& stats, Lang lang) const {
    // English as it always was ("offer 301, ..."); another language with its outcome words.
    const auto word = [&](Category c) { return lang == Lang::En ? std::string(category_name(c)) : category_label(c, lang); };
    os << fmt::format(fmt::runtime(tr(lang, "{} rows in {} s ({} rows/s): {} decided, {} rejected for bad input")),
                      count_text(lang, stats.rows), number_text(lang, stats.seconds, 2),
                      count_text(lang, static_cast<size_t>(std::llround(stats.seconds > 0 ? stats.rows / stats.seconds : 0.0))),
                      count_text(lang, stats.decided), count_text(lang, stats.rejected))
       << (stats.duplicates ? fmt::format(fmt::runtime(tr(lang, "; {} duplicate AGB codes")), count_text(lang, stats.duplicates)) : "")
       << '\n';
    for (size_t i = 0; i < policies_.size() && i < stats.policies.size(); ++i) {
        const PolicyTally& t = stats.policies[i];
        std::string line = policies_[i] + ":";
        for (Outcome o : kOutcomeOrder)
            line += fmt::format(" {} {},", word(static_cast<Category>(o)),
                                count_text(lang, t.outcomes[static_cast<size_t>(o)] - (o == Outcome::Refuse ? t.out_of_scope : 0)));
        line += fmt::format(" {} {}, {} {}", word(Category::OutOfScope), count_text(lang, t.out_of_scope), tr(lang, "failed"),
                            count_text(lang, t.failed));
        os << line << '\n';
        // The refusal grounds: out of scope is counted apart above, and is no refusal.
        std::vector<std::pair<std::string, size_t>> top;
        for (const auto& [g, n] : t.grounds)
            if (g.size() < 13 || g.compare(g.size() - 13, 13, " out_of_scope") != 0) top.emplace_back(g, n);
        std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        if (top.size() > 5) top.resize(5);
        for (const auto& [g, n] : top) os << fmt::format("    {:>6}  {}\n", count_text(lang, n), g);
    }
}

namespace {

// count_pair's flags: the change kinds (bits 0-9), the cause + 1 (bits 10-11), the number of its
// first code (bits 12-30), kRowFlagged (bit 31).
constexpr uint32_t kCauseShift = kChangeKinds;
constexpr uint32_t kCodeShift = kCauseShift + 2;
constexpr uint32_t kMaxCodeIndex = (1u << (31 - kCodeShift)) - 1;
static_assert(kChangeKinds == 10);

}  // namespace

DiffSink::DiffSink(Format format, std::array<std::string, 2> policies, std::array<int, 2> years, std::string input_name, Lang lang)
    : format_(format), policies_(std::move(policies)), years_(years), input_name_(std::move(input_name)), lang_(lang) {}

uint32_t DiffSink::row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) {
    if (r.rejected()) {
        report_row_errors(r, input_name_, nullptr, out, err, lang_);
        return 0;
    }
    for (size_t i = 0; i < 2; ++i)
        if (r.failures[i]) {
            report_policy_failure(err, input_name_, r.row, ev.policy_id(i), *r.failures[i]);
            return 0;
        }
    const Decision& a = r.decisions[0];
    const Decision& b = r.decisions[1];
    const auto changes = compare_decisions(a, b, years_[1] - years_[0]);
    if (a.outcome == b.outcome && changes.empty()) return 0;
    uint32_t flags = kRowFlagged | change_kinds(changes);
    std::optional<Attribution> cause;
    if (causes_) {
        cause = causes_->attribute(category_of(a), category_of(b), changes);
        flags |= (static_cast<uint32_t>(cause->cause) + 1) << kCauseShift;
        if (!cause->codes.empty()) flags |= std::min(causes_->index_of(cause->codes.front()), kMaxCodeIndex) << kCodeShift;
    }
    if (format_ == Format::Jsonl) {
        out += "{\"agb\":";
        append_json_string(out, a.agb);
        fmt::format_to(std::back_inserter(out), ",\"row\":{},\"outcome\":{{\"before\":\"{}\",\"after\":\"{}\"}},\"changes\":", r.row,
                       outcome_name(a.outcome), outcome_name(b.outcome));
        append_changes_json(out, changes);
        if (cause) {
            fmt::format_to(std::back_inserter(out), ",\"cause\":{{\"kind\":\"{}\",\"codes\":[", cause_name(cause->cause));
            for (size_t i = 0; i < cause->codes.size(); ++i) {
                if (i) out += ',';
                append_json_string(out, cause->codes[i]);
            }
            out += "]}";
        }
        out += "}\n";
        return flags;
    }
    const auto word = [&](const Decision& d) {
        return lang_ == Lang::En ? std::string(outcome_name(d.outcome)) : category_label(category_of(d), lang_);
    };
    fmt::format_to(std::back_inserter(out), "{} ({} {}): {}{}\n", a.agb, tr(lang_, "row"), r.row, word(a),
                   a.outcome == b.outcome ? fmt::format(" ({})", tr(lang_, "unchanged")) : fmt::format(" -> {}", word(b)));
    for (const auto& ch : changes) out += format_change(ch, lang_);
    return flags;
}

void DiffSink::count_pair(Category before, Category after, uint32_t flags) {
    matrix_.add(before, after, flags & ((1u << kChangeKinds) - 1));
    if (const uint32_t cause = (flags >> kCauseShift) & 3; cause && causes_)
        matrix_.attribute(before, after, static_cast<Cause>(cause - 1), causes_->code_at((flags >> kCodeShift) & kMaxCodeIndex));
}

std::unique_ptr<RowSink> DiffSink::clone() const {
    auto c = std::make_unique<DiffSink>(format_, policies_, years_, input_name_, lang_);
    c->causes_ = causes_;
    return c;
}

void DiffSink::print_matrix(std::ostream& os, const BatchStats& stats) const {
    os << fmt::format(fmt::runtime(tr(lang_, "\n{} -> {}: {} of {} providers decided differently ({} rows rejected)\n")), policies_[0],
                      policies_[1], count_text(lang_, matrix_.changed()), count_text(lang_, matrix_.compared()),
                      count_text(lang_, stats.rejected));
    print_matrix_table(os, matrix_, lang_);
    os << matrix_summary(matrix_, lang_) << '\n';
}

}  // namespace inkoop
