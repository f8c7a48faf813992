// The server's counters in the Prometheus text format (GET /metrics): requests by route and
// status, a latency histogram per route, decisions by policy and outcome, policy failures (limit
// hits) by kind, reloads, overload refusals and the decision log's lines. Counting is lock-free on
// the request path (atomics in fixed tables); only rare events (a failure kind, a reload) lock.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/decision.hpp"

namespace inkoop::serve {

enum class Route { Page, Policies, Policy, Schema, Decide, Diff, Batch, Questions, Healthz, Readyz, Metrics, Reload, OpenApi, Other };
inline constexpr size_t kRoutes = 14;
std::string_view route_name(Route r);

// Why a request or connection was refused before a route saw it (GET /metrics counts each).
enum class Refusal {
    HeadTimeout,     // the request head did not arrive within its deadline (408)
    SlowBody,        // the body came slower than the minimum rate, or stopped (408)
    HeaderTooLarge,  // the head over its size or its number of fields (431)
    BodyTooLarge,    // a body over its route's limit, found while reading (413)
    LengthRequired,  // a POST with neither Content-Length nor chunked (411)
    BadFraming,      // two Content-Lengths, or Content-Length with Transfer-Encoding (400)
    BadRequest,      // not HTTP (400)
    WrongHost,       // a Host that does not name this server (421)
    ContentType,     // a body of a type its route does not declare (415)
    Connections,     // every connection place taken (503)
};
inline constexpr size_t kRefusals = 10;
std::string_view refusal_name(Refusal r);

class Metrics {
public:
    // `policies`: the served policy ids, in order (the same across reloads).
    explicit Metrics(std::vector<std::string> policies);

    void request(Route route, int status, double seconds);
    void decision(size_t policy, Category c) { decisions_[policy][static_cast<size_t>(c)].fetch_add(1, std::memory_order_relaxed); }
    void decisions(size_t policy, Category c, uint64_t n) {
        decisions_[policy][static_cast<size_t>(c)].fetch_add(n, std::memory_order_relaxed);
    }
    void failure(size_t policy, std::string_view kind) { failures(policy, kind, 1); }
    void failures(size_t policy, std::string_view kind, uint64_t n);
    void overloaded() { overloaded_.fetch_add(1, std::memory_order_relaxed); }
    void refused(Refusal r) { refusals_[static_cast<size_t>(r)].fetch_add(1, std::memory_order_relaxed); }
    uint64_t refusals(Refusal r) const { return refusals_[static_cast<size_t>(r)].load(std::memory_order_relaxed); }
    // A reload's result; on success the versions now served.
    void reload(bool ok, uint64_t generation, const std::vector<std::string>& versions, double unix_time);
    void log_lines(uint64_t written, uint64_t failed) {
        log_written_.store(written, std::memory_order_relaxed);
        log_failed_.store(failed, std::memory_order_relaxed);
    }

    // The exposition text (text/plain; version=0.0.4).
    std::string text() const;

private:
    static constexpr std::array<int, 17> kStatuses{200, 204, 400, 401, 403, 404, 405, 408, 411,
                                                   413, 415, 421, 422, 431, 500, 503, 0};  // 0: any other
    static constexpr std::array<double, 14> kBuckets{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                     0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5};
    struct Histogram {
        std::array<std::atomic<uint64_t>, kBuckets.size() + 1> counts{};  // the last: above every bucket
        std::atomic<uint64_t> micros{0};
    };
    std::vector<std::string> policies_;
    std::array<std::array<std::atomic<uint64_t>, kStatuses.size()>, kRoutes> requests_{};
    std::array<Histogram, kRoutes> latency_{};
    std::vector<std::array<std::atomic<uint64_t>, kCategories>> decisions_;
    std::atomic<uint64_t> overloaded_{0}, log_written_{0}, log_failed_{0};
    std::array<std::atomic<uint64_t>, kRefusals> refusals_{};
    mutable std::mutex mutex_;  // the rest: rare events
    std::map<std::pair<size_t, std::string>, uint64_t> failures_;
    uint64_t reloads_ok_ = 0, reloads_failed_ = 0, generation_ = 0;
    double last_reload_ok_ = 0, last_reload_failed_ = 0;
    std::vector<std::string> versions_;
};

}  // namespace inkoop::serve
