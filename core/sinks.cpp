#include "sinks.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "decision_diff.hpp"
#include "text.hpp"

namespace inkoop {
namespace {

void write_error(const ErrorRecord& e, OutputFormat format, const std::vector<std::string>& passthrough, std::string& out) {
    if (format == OutputFormat::Csv) {
        append_error_csv(out, e, passthrough);
    } else {
        append_error_json(out, e);
        out += '\n';
    }
}

void change_json(std::string& out, const DecisionChange& ch) {
    JsonObject o(out);
    o.string("what", ch.what);
    o.string("change", ch.sign == "+" ? "added" : ch.sign == "-" ? "removed" : "changed");
    o.string("section", ch.section);
    o.string("code", ch.code);
    o.string("text", ch.text);
}

}  // namespace

void report_policy_failure(std::string& err, const std::string& input_name, size_t row, const std::string& policy, const EvalFailure& f) {
    fmt::format_to(std::back_inserter(err), "inkoop: {}: row {}: {}: {}\n", terminal_safe(display_name(input_name), 500), row, policy,
                   terminal_safe(f.message));
}

void report_row_errors(const RowResult& r, const std::string& input_name, OutputFormat format, const std::vector<std::string>& passthrough,
                       bool records, std::string& out, std::string& err) {
    ErrorRecord e{r.problems->agb, "", input_name, r.row, "input", r.problems->errors, r.provider->passthrough};
    std::string text;
    for (const auto& p : e.problems) {
        if (!text.empty()) text += "; ";
        text += p.text();
    }
    fmt::format_to(std::back_inserter(err), "inkoop: {}: row {}: {}\n", terminal_safe(display_name(input_name), 500), r.row,
                   terminal_safe(text));
    if (records) write_error(e, format, passthrough, out);
}

DecisionSink::DecisionSink(OutputFormat format, std::vector<std::string> policies, std::vector<std::string> passthrough,
                           std::string input_name, bool records)
    : format_(format), policies_(std::move(policies)), passthrough_(std::move(passthrough)), input_name_(std::move(input_name)),
      records_(records) {}

void DecisionSink::begin(std::string& out) {
    if (records_ && format_ == OutputFormat::Csv) append_csv_header(out, passthrough_);
}

uint32_t DecisionSink::row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) {
    if (r.rejected()) {
        report_row_errors(r, input_name_, format_, passthrough_, records_, out, err);
        return 0;
    }
    for (size_t i = 0; i < policies_.size(); ++i) {
        if (const auto& f = r.failures[i]) {
            report_policy_failure(err, input_name_, r.row, ev.policy_id(i), *f);
            if (records_)
                write_error(
                    ErrorRecord{
                        r.provider->agb(), ev.policy_id(i), input_name_, r.row, f->kind, {{"", f->message}}, r.provider->passthrough},
                    format_, passthrough_, out);
            continue;
        }
        if (!records_) continue;
        const Decision& d = r.decisions[i];
        if (format_ == OutputFormat::Csv) {
            append_decision_csv(out, d, passthrough_, r.provider->passthrough);
        } else {
            json_.append(out, d, r.provider->passthrough);
            out += '\n';
        }
    }
    return false;
}

void DecisionSink::duplicate_record(const std::string& agb, size_t row, size_t first_row, std::string& out) {
    if (!records_) return;
    write_error(ErrorRecord{agb, "", input_name_, row, "duplicate", {{"agb", fmt::format("AGB {} is also on row {}", agb, first_row)}}, {}},
                format_, passthrough_, out);
}

std::unique_ptr<RowSink> DecisionSink::clone() const {
    return std::make_unique<DecisionSink>(format_, policies_, passthrough_, input_name_, records_);
}

void DecisionSink::print_summary(std::ostream& os, const BatchStats& stats) const {
    os << fmt::format("{} rows in {:.2f} s ({:.0f} rows/s): {} decided, {} rejected for bad input{}\n", stats.rows, stats.seconds,
                      stats.seconds > 0 ? stats.rows / stats.seconds : 0.0, stats.decided, stats.rejected,
                      stats.duplicates ? fmt::format("; {} duplicate AGB codes", stats.duplicates) : "");
    for (size_t i = 0; i < policies_.size() && i < stats.policies.size(); ++i) {
        const PolicyTally& t = stats.policies[i];
        std::string line = policies_[i] + ":";
        for (Outcome o : kOutcomeOrder) line += fmt::format(" {} {},", outcome_name(o), t.outcomes[static_cast<size_t>(o)]);
        line += fmt::format(" failed {}", t.failed);
        os << line << '\n';
        std::vector<std::pair<std::string, size_t>> top(t.grounds.begin(), t.grounds.end());
        std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        if (top.size() > 5) top.resize(5);
        for (const auto& [g, n] : top) os << fmt::format("    {:>6}  {}\n", n, g);
    }
}

DiffSink::DiffSink(Format format, std::array<std::string, 2> policies, std::array<int, 2> years, std::string input_name)
    : format_(format), policies_(std::move(policies)), years_(years), input_name_(std::move(input_name)) {}

uint32_t DiffSink::row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) {
    if (r.rejected()) {
        report_row_errors(r, input_name_, OutputFormat::Jsonl, {}, false, out, err);
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
    const uint32_t flags = kRowFlagged | change_kinds(changes);
    if (format_ == Format::Jsonl) {
        out += "{\"agb\":";
        append_json_string(out, a.agb);
        fmt::format_to(std::back_inserter(out), ",\"row\":{},\"outcome\":{{\"before\":\"{}\",\"after\":\"{}\"}},\"changes\":[", r.row,
                       outcome_name(a.outcome), outcome_name(b.outcome));
        for (size_t i = 0; i < changes.size(); ++i) {
            if (i) out += ',';
            change_json(out, changes[i]);
        }
        out += "]}\n";
        return flags;
    }
    fmt::format_to(std::back_inserter(out), "{} (row {}): {}{}\n", a.agb, r.row, outcome_name(a.outcome),
                   a.outcome == b.outcome ? " (unchanged)" : fmt::format(" -> {}", outcome_name(b.outcome)));
    for (const auto& ch : changes) out += format_change(ch);
    return flags;
}

std::unique_ptr<RowSink> DiffSink::clone() const { return std::make_unique<DiffSink>(format_, policies_, years_, input_name_); }

void DiffSink::print_matrix(std::ostream& os, const BatchStats& stats) const {
    os << fmt::format("\n{} -> {}: {} of {} providers decided differently ({} rows rejected)\n", policies_[0], policies_[1],
                      stats.matrix.changed(), stats.matrix.compared(), stats.rejected);
    print_matrix_table(os, stats.matrix);
    os << matrix_summary(stats.matrix, "decisions") << '\n';
}

}  // namespace inkoop
