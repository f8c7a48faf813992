#include "core/run/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <thread>

#include "core/base/csv_text.hpp"
#include "core/base/text.hpp"
#include "core/run/workbook.hpp"

namespace inkoop {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + 1) out.push_back(s.substr(start, at - start));
    out.push_back(s.substr(start));
    return out;
}

constexpr size_t kMaxAxisValues = 100000;

// FROM..TO:STEP over a number or date parameter, as the texts of its values.
std::vector<std::string> range_values(const Param& p, const std::string& name, const std::string& range) {
    const auto dots = range.find("..");
    const auto colon = range.rfind(':');
    if (colon == std::string::npos || colon < dots)
        throw std::runtime_error(fmt::format("--vary {}: a range is FROM..TO:STEP (e.g. 6..12:1)", name));
    const std::string from = range.substr(0, dots), to = range.substr(dots + 2, colon - dots - 2), step = range.substr(colon + 1);
    char* end = nullptr;
    const double by = std::strtod(step.c_str(), &end);
    if (step.empty() || *end || !(by > 0))
        throw std::runtime_error(fmt::format("--vary {}: the step '{}' is not a positive number", name, step));
    std::vector<std::string> out;
    if (p.type == FieldType::Date) {
        const auto a = Date::parse(from), b = Date::parse(to);
        if (!a || !b) throw std::runtime_error(fmt::format("--vary {}: a date range is YYYY-MM-DD..YYYY-MM-DD:DAYS", name));
        if (by != std::floor(by)) throw std::runtime_error(fmt::format("--vary {}: a date range steps in whole days", name));
        for (Date d = *a; !(*b < d) && out.size() <= kMaxAxisValues; d = d.add_days(static_cast<int>(by))) out.push_back(d.iso());
    } else if (p.type == FieldType::Number || p.type == FieldType::Int) {
        const double a = std::strtod(from.c_str(), &end);
        if (from.empty() || *end) throw std::runtime_error(fmt::format("--vary {}: '{}' is not a number", name, from));
        const double b = std::strtod(to.c_str(), &end);
        if (to.empty() || *end) throw std::runtime_error(fmt::format("--vary {}: '{}' is not a number", name, to));
        for (size_t i = 0; out.size() <= kMaxAxisValues; ++i) {
            const double x = std::round((a + static_cast<double>(i) * by) * 1e9) / 1e9;  // 0.1 steps without drift
            if (x > b + 1e-9) break;
            out.push_back(fmt::format("{}", x));
        }
    } else {
        throw std::runtime_error(fmt::format("--vary {}: a {} parameter takes a list of values, not a range", name, type_name(p.type)));
    }
    if (out.size() > kMaxAxisValues) throw std::runtime_error(fmt::format("--vary {}: more than {} values", name, kMaxAxisValues));
    return out;
}

// A decision as far as a sweep compares it: outcome, grounds, review points and missing facts.
uint64_t fingerprint(const Decision& d) {
    uint64_t h = 1469598103934665603ull;
    const auto mix = [&](std::string_view s) {
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0xff) * 1099511628211ull;
    };
    mix(outcome_name(d.outcome));
    for (const auto& i : d.grounds) mix(i.code);
    mix("|");
    for (const auto& i : d.review) mix(i.code);
    mix("|");
    for (const auto& m : d.missing) mix(m);
    return h;
}

constexpr uint64_t kFailed = 0;  // the fingerprint of a provider the policy failed on

// The group of each provider (kind or region) as an index into `names` (sorted).
std::vector<uint32_t> group_of(const std::vector<Provider>& providers, SweepBy by, std::vector<std::string>& names) {
    std::vector<uint32_t> out;
    if (by == SweepBy::None || providers.empty()) return out;
    const Schema& schema = providers.front().schema();
    const Field* f = schema.find(by == SweepBy::Kind ? "kind" : "region");
    if (!f) throw std::runtime_error(fmt::format("--by {}: the schema has no such field", by == SweepBy::Kind ? "kind" : "region"));
    std::vector<std::string> text;
    for (const auto& p : providers) text.push_back(is_known(p[f->index]) ? format_value(p[f->index], *f) : "(unknown)");
    names = text;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (const auto& t : text) out.push_back(static_cast<uint32_t>(std::lower_bound(names.begin(), names.end(), t) - names.begin()));
    return out;
}

// Runs `task(evaluator, i)` for i in [0, n) over the workers, each with its own evaluator.
template <class Task>
void parallel(std::vector<std::unique_ptr<Evaluator>>& workers, size_t n, Task&& task) {
    std::atomic<size_t> next{0};
    std::exception_ptr error;
    std::mutex m;
    const auto work = [&](Evaluator& ev) {
        try {
            for (size_t i; (i = next++) < n;) task(ev, i);
        } catch (...) {
            std::lock_guard<std::mutex> lock(m);
            if (!error) error = std::current_exception();
            next = n;
        }
    };
    std::vector<std::thread> threads;
    for (size_t w = 1; w < workers.size(); ++w) threads.emplace_back(work, std::ref(*workers[w]));
    work(*workers[0]);
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);
}

void count(SweepCounts& c, bool ok, const Decision& d) {
    if (!ok)
        ++c.failed;
    else
        ++c.by_category[static_cast<size_t>(category_of(d))];
}

}  // namespace

SweepAxis parse_axis(const Policy& policy, const std::string& spec) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) throw std::runtime_error("--vary " + spec + ": expected NAME=v1,v2,... or NAME=FROM..TO:STEP");
    SweepAxis a;
    a.name = spec.substr(0, eq);
    a.param = policy.param_index(a.name);
    if (a.param < 0) apply_settings(policy, {a.name + "=x"});  // throws naming the parameter, with a suggestion
    if (a.param >= 0) {
        const Param& prm = policy.params[static_cast<size_t>(a.param)];
        a.unit = prm.unit;
        a.section = prm.section;
        a.doc = prm.doc;
        a.interpretation = !prm.interpretation.empty();
    }
    const Param& p = policy.params[static_cast<size_t>(a.param)];
    if (!p.withdrawn.empty()) apply_settings(policy, {a.name + "=x"});
    const std::string rest = spec.substr(eq + 1);
    const auto texts = rest.find("..") != std::string::npos ? range_values(p, a.name, rest) : split(rest, ',');
    for (const auto& t : texts) {
        Value v;
        if (auto err = parse_value(p.as_field(), t, v)) throw std::runtime_error(fmt::format("--vary {}: {}", a.name, err->text(Lang::En)));
        if (!is_known(v)) throw std::runtime_error(fmt::format("--vary {}: an empty value", a.name));
        a.text.push_back(format_value(v, p.as_field()));
        a.values.push_back(std::move(v));
    }
    return a;
}

SweepResult run_sweep(const Policy& policy, const std::vector<Provider>& providers, const ParamValues& base, std::vector<SweepAxis> axes,
                      const SweepOptions& options, const EvaluatorFactory& make) {
    SweepResult r;
    r.policy = policy.info.id;
    r.policy_version = policy.version.str();
    r.by = options.by;
    r.with_agbs = options.providers;
    r.providers = providers.size();
    r.grid = 1;
    for (const auto& a : axes) r.grid *= a.values.size();
    r.axes = std::move(axes);
    const auto groups = group_of(providers, options.by, r.groups);
    std::vector<std::unique_ptr<Evaluator>> workers;
    for (int w = 0; w < std::max(1, options.jobs); ++w) workers.push_back(make());

    // The base: each provider's decision under the base parameters, as a fingerprint.
    std::vector<uint64_t> base_fp(providers.size());
    constexpr size_t kChunk = 1024;
    const size_t chunks = (providers.size() + kChunk - 1) / kChunk;
    std::vector<SweepCounts> chunk_counts(chunks);
    parallel(workers, chunks, [&](Evaluator& ev, size_t c) {
        Decision d;
        EvalFailure f;
        for (size_t i = c * kChunk; i < std::min(providers.size(), (c + 1) * kChunk); ++i) {
            const bool ok = ev.decide_with(0, providers[i], base, d, f);
            count(chunk_counts[c], ok, d);
            base_fp[i] = ok ? fingerprint(d) | 1 : kFailed;
        }
    });
    for (const auto& c : chunk_counts) {
        for (size_t k = 0; k < kCategories; ++k) r.base.by_category[k] += c.by_category[k];
        r.base.failed += c.failed;
    }
    r.base_groups.assign(r.groups.size(), {});

    // The scenarios of this shard, decided in parallel.
    std::vector<size_t> mine;
    for (size_t s = 0; s < r.grid; ++s)
        if (s % options.shards == options.shard) mine.push_back(s);
    r.first = mine.empty() ? 0 : mine.front();
    r.scenarios.resize(mine.size());
    parallel(workers, mine.size(), [&](Evaluator& ev, size_t k) {
        SweepScenario& sc = r.scenarios[k];
        ParamValues params = base;
        size_t index = mine[k];
        sc.at.assign(r.axes.size(), 0);
        for (size_t a = r.axes.size(); a-- > 0;) {
            sc.at[a] = index % r.axes[a].values.size();
            index /= r.axes[a].values.size();
            params.values[static_cast<size_t>(r.axes[a].param)] = r.axes[a].values[sc.at[a]];
        }
        sc.groups.assign(r.groups.size(), {});
        Decision d;
        EvalFailure f;
        for (size_t i = 0; i < providers.size(); ++i) {
            const bool ok = ev.decide_with(0, providers[i], params, d, f);
            const uint64_t fp = ok ? fingerprint(d) | 1 : kFailed;
            const bool changed = fp != base_fp[i];
            count(sc.all, ok, d);
            sc.all.changed += changed;
            if (!groups.empty()) {
                count(sc.groups[groups[i]], ok, d);
                sc.groups[groups[i]].changed += changed;
            }
            if (changed && options.providers) sc.changed_agbs.push_back(providers[i].agb());
        }
    });
    if (!groups.empty())
        for (size_t i = 0; i < providers.size(); ++i) {
            auto& c = r.base_groups[groups[i]];
            if (base_fp[i] == kFailed) ++c.failed;
        }
    return r;
}

namespace {

constexpr Category kColumns[] = {Category::Offer, Category::Review, Category::Refuse, Category::Incomplete, Category::OutOfScope};

std::string token(Category c) { return c == Category::OutOfScope ? "out_of_scope" : std::string(category_name(c)); }

void table_row(std::vector<std::vector<TableCell>>& rows, const SweepResult& r, const SweepScenario& s, const std::string* group,
               const SweepCounts& c, bool agbs) {
    std::vector<TableCell> row;
    for (size_t a = 0; a < r.axes.size(); ++a) {
        const Value& v = r.axes[a].values[s.at[a]];
        row.push_back({r.axes[a].text[s.at[a]], std::holds_alternative<Date>(v) ? std::nullopt : as_number(v)});
    }
    if (group) row.push_back({*group, std::nullopt});
    const auto number = [](size_t n) { return TableCell{std::to_string(n), static_cast<double>(n)}; };
    for (Category k : kColumns) row.push_back(number(c.by_category[static_cast<size_t>(k)]));
    row.push_back(number(c.failed));
    row.push_back(number(c.changed));
    if (agbs) row.push_back({fmt::format("{}", fmt::join(s.changed_agbs, " ")), std::nullopt});
    rows.push_back(std::move(row));
}

}  // namespace

std::vector<std::vector<TableCell>> sweep_table(const SweepResult& r) {
    std::vector<std::vector<TableCell>> rows(1);
    for (const auto& a : r.axes) rows[0].push_back({a.name, std::nullopt});
    if (r.by != SweepBy::None) rows[0].push_back({r.by == SweepBy::Kind ? "kind" : "region", std::nullopt});
    for (Category k : kColumns) rows[0].push_back({token(k), std::nullopt});
    rows[0].push_back({"failed", std::nullopt});
    rows[0].push_back({"changed", std::nullopt});
    const bool agbs = r.by == SweepBy::None && r.with_agbs;
    if (agbs) rows[0].push_back({"changed_providers", std::nullopt});
    for (const auto& s : r.scenarios) {
        if (r.by == SweepBy::None) table_row(rows, r, s, nullptr, s.all, agbs);
        for (size_t g = 0; g < r.groups.size() && r.by != SweepBy::None; ++g) table_row(rows, r, s, &r.groups[g], s.groups[g], false);
    }
    return rows;
}

std::string sweep_csv(const SweepResult& r) {
    std::string out;
    for (const auto& row : sweep_table(r)) {
        for (size_t c = 0; c < row.size(); ++c) {
            if (c) out += ',';
            if (row[c].number)
                out += row[c].text;
            else
                append_csv_text(out, row[c].text);
        }
        out += '\n';
    }
    return out;
}

namespace {

nlohmann::ordered_json counts_json(const SweepCounts& c, bool with_changed) {
    nlohmann::ordered_json j;
    for (Category k : kColumns) j[token(k)] = c.by_category[static_cast<size_t>(k)];
    j["failed"] = c.failed;
    if (with_changed) j["changed"] = c.changed;
    return j;
}

}  // namespace

nlohmann::ordered_json sweep_json(const SweepResult& r) {
    nlohmann::ordered_json j;
    j["policy"] = r.policy;
    j["policy_version"] = r.policy_version;
    j["providers"] = r.providers;
    j["axes"] = nlohmann::ordered_json::array();
    for (const auto& a : r.axes)
        j["axes"].push_back({{"name", a.name},
                             {"values", a.text},
                             {"unit", a.unit},
                             {"section", a.section},
                             {"doc", a.doc},
                             {"default_from", a.interpretation ? "interpretation" : "text"}});
    j["cause"] = "parameter";  // every change a sweep shows comes from the parameters it sets
    j["by"] = r.by == SweepBy::None ? nlohmann::ordered_json() : nlohmann::ordered_json(r.by == SweepBy::Kind ? "kind" : "region");
    j["grid"] = r.grid;
    j["base"] = counts_json(r.base, false);
    j["scenarios"] = nlohmann::ordered_json::array();
    for (const auto& s : r.scenarios) {
        nlohmann::ordered_json js;
        js["params"] = nlohmann::ordered_json::object();
        for (size_t a = 0; a < r.axes.size(); ++a) js["params"][r.axes[a].name] = r.axes[a].text[s.at[a]];
        js["counts"] = counts_json(s.all, true);
        if (r.by != SweepBy::None) {
            js["groups"] = nlohmann::ordered_json::object();
            for (size_t g = 0; g < r.groups.size(); ++g) js["groups"][r.groups[g]] = counts_json(s.groups[g], true);
        }
        if (r.with_agbs) js["changed_providers"] = s.changed_agbs;
        j["scenarios"].push_back(std::move(js));
    }
    return j;
}

std::string sweep_text(const SweepResult& r, Lang L) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head;
    for (const auto& a : r.axes) head.push_back(a.name);
    if (r.by != SweepBy::None) head.push_back(r.by == SweepBy::Kind ? tr(L, "kind") : tr(L, "region"));
    for (Category k : kColumns) head.push_back(category_label(k, L));
    head.push_back(tr(L, "failed"));
    head.push_back(tr(L, "changed"));
    rows.push_back(head);
    const auto add = [&](const SweepScenario& s, const std::string* group, const SweepCounts& c) {
        std::vector<std::string> row;
        for (size_t a = 0; a < r.axes.size(); ++a) row.push_back(terminal_safe(r.axes[a].text[s.at[a]]));
        if (group) row.push_back(terminal_safe(*group));
        for (Category k : kColumns) row.push_back(count_text(L, c.by_category[static_cast<size_t>(k)]));
        row.push_back(count_text(L, c.failed));
        row.push_back(count_text(L, c.changed));
        rows.push_back(std::move(row));
    };
    for (const auto& s : r.scenarios) {
        if (r.by == SweepBy::None) add(s, nullptr, s.all);
        for (size_t g = 0; g < r.groups.size() && r.by != SweepBy::None; ++g) add(s, &r.groups[g], s.groups[g]);
    }
    std::vector<size_t> width(head.size(), 0);
    const auto length = [](const std::string& t) {
        size_t n = 0;
        for (unsigned char c : t) n += (c & 0xC0) != 0x80;
        return n;
    };
    for (const auto& row : rows)
        for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], length(row[c]));
    std::string out =
        fmt::format(fmt::runtime(tr(L, "{}: {} providers, {} scenarios (changed: decided otherwise than under the base parameters)\n")),
                    r.policy, count_text(L, r.providers), count_text(L, r.scenarios.size()));
    std::vector<std::string> axes;
    for (const auto& a : r.axes)
        axes.push_back(fmt::format("{} ({})", a.name, a.interpretation ? tr(L, "a choice of our own") : tr(L, "a limit the text states")));
    out += fmt::format("{}: {}\n", tr(L, "every change by parameters set"), fmt::join(axes, ", "));
    for (const auto& row : rows) {
        std::string line;
        for (size_t c = 0; c < row.size(); ++c) {
            const bool number = c >= r.axes.size() + (r.by != SweepBy::None);
            line += (c ? "  " : "") + pad_to(row[c], width[c], number);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    }
    return out;
}

}  // namespace inkoop
