#include "sinks.hpp"

#include "decision_diff.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace inkoop {
namespace {

constexpr Outcome kOutcomes[] = {Outcome::Offer, Outcome::Review, Outcome::Refuse, Outcome::Incomplete};

size_t idx(Outcome o) { return static_cast<size_t>(o); }

ErrorRecord input_error(const RowResult& r, const std::string& file, const FieldError& e) {
    return {r.provider->agb(), "", file, r.row, e.field, "input", e.message, r.provider->passthrough};
}

ErrorRecord policy_error(const RowResult& r, const std::string& file, const std::string& policy, const EvalFailure& f) {
    return {r.provider->agb(), policy, file, r.row, "", f.kind, f.message, r.provider->passthrough};
}

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

void report_policy_failure(std::string& err, const std::string& input_name, size_t row, const std::string& policy,
                           const EvalFailure& f) {
    fmt::format_to(std::back_inserter(err), "inkoop: {}: row {}: {}: {}\n", input_name, row, policy, f.message);
}

void report_row_errors(const RowResult& r, const std::string& input_name, OutputFormat format,
                       const std::vector<std::string>& passthrough, bool records, std::string& out, std::string& err) {
    for (const auto& e : r.input_errors) {
        fmt::format_to(std::back_inserter(err), "inkoop: {}: row {}: {}\n", input_name, r.row, e.text());
        if (records) write_error(input_error(r, input_name, e), format, passthrough, out);
    }
}

DecisionSink::DecisionSink(OutputFormat format, std::vector<std::string> policies, std::vector<std::string> passthrough,
                           std::string input_name, bool records)
    : format_(format), policies_(std::move(policies)), passthrough_(std::move(passthrough)),
      input_name_(std::move(input_name)), records_(records), tally_(policies_.size()) {}

void DecisionSink::begin(std::string& out) {
    if (records_ && format_ == OutputFormat::Csv) append_csv_header(out, passthrough_);
}

void DecisionSink::row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) {
    if (!r.input_errors.empty()) return report_row_errors(r, input_name_, format_, passthrough_, records_, out, err);
    for (size_t i = 0; i < policies_.size(); ++i) {
        PolicyTally& t = tally_[i];
        if (const auto& f = r.failures[i]) {
            ++t.failed;
            report_policy_failure(err, input_name_, r.row, ev.policy_id(i), *f);
            if (records_) write_error(policy_error(r, input_name_, ev.policy_id(i), *f), format_, passthrough_, out);
            continue;
        }
        const Decision& d = r.decisions[i];
        ++t.outcomes[idx(d.outcome)];
        for (const auto& g : d.grounds) {
            key_.assign(g.section.str()).append(" ").append(g.code.str());
            if (auto it = t.grounds.find(key_); it != t.grounds.end()) ++it->second;
            else t.grounds.emplace(key_, 1);
        }
        if (!records_) continue;
        if (format_ == OutputFormat::Csv) {
            append_decision_csv(out, d, passthrough_, r.provider->passthrough);
        } else {
            append_decision_json(out, d, r.provider->passthrough);
            out += '\n';
        }
    }
}

std::unique_ptr<RowSink> DecisionSink::clone() const {
    return std::make_unique<DecisionSink>(format_, policies_, passthrough_, input_name_, records_);
}

void DecisionSink::merge(const RowSink& other) {
    const auto& o = static_cast<const DecisionSink&>(other);
    for (size_t i = 0; i < tally_.size(); ++i) {
        for (size_t k = 0; k < 4; ++k) tally_[i].outcomes[k] += o.tally_[i].outcomes[k];
        tally_[i].failed += o.tally_[i].failed;
        for (const auto& [g, n] : o.tally_[i].grounds) tally_[i].grounds[g] += n;
    }
}

void DecisionSink::print_summary(std::ostream& os, const BatchStats& stats) const {
    os << fmt::format("{} rows in {:.2f} s ({:.0f} rows/s); {} rejected for bad input\n", stats.rows, stats.seconds,
                      stats.seconds > 0 ? stats.rows / stats.seconds : 0.0, stats.rejected);
    for (size_t i = 0; i < policies_.size(); ++i) {
        const PolicyTally& t = tally_[i];
        std::string line = policies_[i] + ":";
        for (Outcome o : kOutcomes) line += fmt::format(" {} {},", outcome_name(o), t.outcomes[idx(o)]);
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

void DiffSink::row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) {
    if (!r.input_errors.empty()) return report_row_errors(r, input_name_, OutputFormat::Jsonl, {}, false, out, err);
    for (size_t i = 0; i < 2; ++i)
        if (r.failures[i]) {
            report_policy_failure(err, input_name_, r.row, ev.policy_id(i), *r.failures[i]);
            return;
        }
    const Decision& a = r.decisions[0];
    const Decision& b = r.decisions[1];
    ++compared_;
    ++matrix_[idx(a.outcome)][idx(b.outcome)];
    const auto changes = compare_decisions(a, b, years_[1] - years_[0]);
    if (a.outcome == b.outcome && changes.empty()) return;
    ++changed_;
    if (format_ == Format::Jsonl) {
        out += "{\"agb\":";
        append_json_string(out, a.agb);
        fmt::format_to(std::back_inserter(out), ",\"row\":{},\"outcome\":{{\"before\":\"{}\",\"after\":\"{}\"}},\"changes\":[",
                       r.row, outcome_name(a.outcome), outcome_name(b.outcome));
        for (size_t i = 0; i < changes.size(); ++i) {
            if (i) out += ',';
            change_json(out, changes[i]);
        }
        out += "]}\n";
        return;
    }
    fmt::format_to(std::back_inserter(out), "{} (row {}): {}{}\n", a.agb, r.row, outcome_name(a.outcome),
                   a.outcome == b.outcome ? " (unchanged)" : fmt::format(" -> {}", outcome_name(b.outcome)));
    for (const auto& ch : changes) out += format_change(ch);
}

std::unique_ptr<RowSink> DiffSink::clone() const {
    return std::make_unique<DiffSink>(format_, policies_, years_, input_name_);
}

void DiffSink::merge(const RowSink& other) {
    const auto& o = static_cast<const DiffSink&>(other);
    for (size_t i = 0; i < 4; ++i)
        for (size_t j = 0; j < 4; ++j) matrix_[i][j] += o.matrix_[i][j];
    changed_ += o.changed_;
    compared_ += o.compared_;
}

void DiffSink::print_matrix(std::ostream& os, const BatchStats& stats) const {
    os << fmt::format("\n{} -> {}: {} of {} providers decided differently ({} rows rejected)\n", policies_[0], policies_[1],
                      changed_, compared_, stats.rejected);
    os << fmt::format("{:<14}", "before \\ after");
    for (Outcome o : kOutcomes) os << fmt::format("{:>11}", outcome_name(o));
    os << '\n';
    for (Outcome a : kOutcomes) {
        os << fmt::format("{:<14}", outcome_name(a));
        for (Outcome b : kOutcomes) os << fmt::format("{:>11}", matrix_[idx(a)][idx(b)]);
        os << '\n';
    }
}

}  // namespace inkoop
