#include "core/serve/metrics.hpp"

#include <fmt/format.h>

#include "core/base/json_text.hpp"

namespace inkoop::serve {

std::string_view route_name(Route r) {
    static constexpr std::array<std::string_view, kRoutes> names{"page",    "policies", "policy",    "schema",  "decide",
                                                                 "diff",    "batch",    "questions", "healthz", "readyz",
                                                                 "metrics", "reload",   "openapi",   "other"};
    return names[static_cast<size_t>(r)];
}

std::string_view refusal_name(Refusal r) {
    static constexpr std::array<std::string_view, kRefusals> names{"head_timeout",    "slow_body",   "header_too_large", "body_too_large",
                                                                   "length_required", "bad_framing", "bad_request",      "wrong_host",
                                                                   "content_type",    "connections"};
    return names[static_cast<size_t>(r)];
}

namespace {

// A label value as the exposition format quotes it: backslash, double quote and newline escaped.
std::string label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string_view category_label(Category c) {
    switch (c) {
    case Category::Offer: return "offer";
    case Category::Refuse: return "refuse";
    case Category::Review: return "review";
    case Category::Incomplete: return "incomplete";
    case Category::OutOfScope: return "out_of_scope";
    }
    return "other";
}

}  // namespace

Metrics::Metrics(std::vector<std::string> policies) : policies_(std::move(policies)), decisions_(policies_.size()) {}

void Metrics::request(Route route, int status, double seconds) {
    size_t s = kStatuses.size() - 1;
    for (size_t i = 0; i + 1 < kStatuses.size(); ++i)
        if (kStatuses[i] == status) s = i;
    const auto r = static_cast<size_t>(route);
    requests_[r][s].fetch_add(1, std::memory_order_relaxed);
    size_t b = kBuckets.size();
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) {
            b = i;
            break;
        }
    latency_[r].counts[b].fetch_add(1, std::memory_order_relaxed);
    latency_[r].micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::failures(size_t policy, std::string_view kind, uint64_t n) {
    std::lock_guard lock(mutex_);
    failures_[{policy, std::string(kind)}] += n;
}

void Metrics::reload(bool ok, uint64_t generation, const std::vector<std::string>& versions, double unix_time) {
    std::lock_guard lock(mutex_);
    if (ok) {
        ++reloads_ok_;
        generation_ = generation;
        versions_ = versions;
        last_reload_ok_ = unix_time;
    } else {
        ++reloads_failed_;
        last_reload_failed_ = unix_time;
    }
}

std::string Metrics::text() const {
    std::string o;
    auto out = std::back_inserter(o);
    o += "# HELP inkoop_http_requests_total HTTP requests answered, by route and status.\n# TYPE inkoop_http_requests_total counter\n";
    for (size_t r = 0; r < kRoutes; ++r)
        for (size_t s = 0; s < kStatuses.size(); ++s)
            if (const uint64_t n = requests_[r][s].load(std::memory_order_relaxed))
                fmt::format_to(out, "inkoop_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", route_name(static_cast<Route>(r)),
                               kStatuses[s] ? std::to_string(kStatuses[s]) : "other", n);
    o += "# HELP inkoop_http_request_duration_seconds Time from a request read to its answer, by route.\n"
         "# TYPE inkoop_http_request_duration_seconds histogram\n";
    for (size_t r = 0; r < kRoutes; ++r) {
        const Histogram& h = latency_[r];
        uint64_t total = 0;
        for (const auto& c : h.counts) total += c.load(std::memory_order_relaxed);
        if (!total) continue;
        const auto name = route_name(static_cast<Route>(r));
        uint64_t cumulative = 0;
        for (size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += h.counts[i].load(std::memory_order_relaxed);
            fmt::format_to(out, "inkoop_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", name, kBuckets[i],
                           cumulative);
        }
        fmt::format_to(out, "inkoop_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", name, total);
        fmt::format_to(out, "inkoop_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n", name,
                       static_cast<double>(h.micros.load(std::memory_order_relaxed)) / 1e6);
        fmt::format_to(out, "inkoop_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", name, total);
    }
    o += "# HELP inkoop_decisions_total Decisions made, by policy and outcome (out of scope apart from refusals).\n"
         "# TYPE inkoop_decisions_total counter\n";
    for (size_t p = 0; p < policies_.size(); ++p)
        for (Category c : kCategoryOrder)
            fmt::format_to(out, "inkoop_decisions_total{{policy=\"{}\",outcome=\"{}\"}} {}\n", label(policies_[p]), category_label(c),
                           decisions_[p][static_cast<size_t>(c)].load(std::memory_order_relaxed));
    std::lock_guard lock(mutex_);
    o += "# HELP inkoop_policy_failures_total Providers a policy failed on, by kind (instructions, deadline and memory are limit "
         "hits).\n# TYPE inkoop_policy_failures_total counter\n";
    for (const auto& [key, n] : failures_)
        fmt::format_to(out, "inkoop_policy_failures_total{{policy=\"{}\",kind=\"{}\"}} {}\n", label(policies_[key.first]),
                       label(key.second), n);
    fmt::format_to(out,
                   "# HELP inkoop_reloads_total Policy reloads, by result (a failed one leaves the old policies serving).\n"
                   "# TYPE inkoop_reloads_total counter\ninkoop_reloads_total{{result=\"ok\"}} {}\n"
                   "inkoop_reloads_total{{result=\"failed\"}} {}\n",
                   reloads_ok_, reloads_failed_);
    fmt::format_to(out,
                   "# HELP inkoop_reload_last_timestamp_seconds When a reload last succeeded or failed (Unix time; 0: never).\n"
                   "# TYPE inkoop_reload_last_timestamp_seconds gauge\n"
                   "inkoop_reload_last_timestamp_seconds{{result=\"ok\"}} {:.3f}\n"
                   "inkoop_reload_last_timestamp_seconds{{result=\"failed\"}} {:.3f}\n",
                   last_reload_ok_, last_reload_failed_);
    o += "# HELP inkoop_policy_info The policy versions being served, and their generation (1: as started, +1 per reload).\n"
         "# TYPE inkoop_policy_info gauge\n";
    for (size_t p = 0; p < policies_.size() && p < versions_.size(); ++p)
        fmt::format_to(out, "inkoop_policy_info{{policy=\"{}\",version=\"{}\",generation=\"{}\"}} 1\n", label(policies_[p]),
                       label(versions_[p]), generation_);
    fmt::format_to(out,
                   "# HELP inkoop_overload_refusals_total Requests answered 503 because every policy state was busy and the queue "
                   "full.\n# TYPE inkoop_overload_refusals_total counter\ninkoop_overload_refusals_total {}\n",
                   overloaded_.load(std::memory_order_relaxed));
    o += "# HELP inkoop_http_refusals_total Requests and connections refused before a route saw them, by reason.\n"
         "# TYPE inkoop_http_refusals_total counter\n";
    for (size_t r = 0; r < kRefusals; ++r)
        fmt::format_to(out, "inkoop_http_refusals_total{{reason=\"{}\"}} {}\n", refusal_name(static_cast<Refusal>(r)),
                       refusals_[r].load(std::memory_order_relaxed));
    fmt::format_to(out,
                   "# HELP inkoop_decision_log_lines_total Decision log lines, by result.\n# TYPE inkoop_decision_log_lines_total "
                   "counter\ninkoop_decision_log_lines_total{{result=\"written\"}} {}\n"
                   "inkoop_decision_log_lines_total{{result=\"failed\"}} {}\n",
                   log_written_.load(std::memory_order_relaxed), log_failed_.load(std::memory_order_relaxed));
    return o;
}

}  // namespace inkoop::serve
