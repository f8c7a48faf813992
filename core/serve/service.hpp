// inkoop serve without the wire: a request in, a response out. The HTTP server (http_server.hpp)
// hands every request here, so the routes, their checks and their answers are one piece of code
// that tests and the fuzz harness drive as they are served.
//
// Routes (JSON unless said otherwise; README, Serving decisions):
//   GET  /                               the page for people (HTML, from the binary)
//   GET  /v1/policies                    the served policies, their versions
//   GET  /v1/policies/{id}               one policy: scope, parameters, rules, version
//   GET  /v1/schema                      the provider schema with Dutch and English labels
//   POST /v1/policies/{id}/decide        one provider (an object) or several (an array): the records batch writes
//   POST /v1/policies/{a}/diff/{b}       one provider under two policies: both decisions and what differs
//   POST /v1/policies/{id}/batch         a whole list (CSV, JSON Lines, JSON array or .xlsx): summary and records
//   GET  /healthz, /readyz, /metrics     liveness, readiness (policies loaded), Prometheus counters
//   POST /v1/admin/reload                load the policies afresh (needs the token)
//   GET  /v1/openapi.json                the routes above as OpenAPI 3.0 (openapi.hpp)
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/serve/decision_log.hpp"
#include "core/serve/metrics.hpp"
#include "core/serve/policy_set.hpp"

namespace inkoop::serve {

struct Request {
    std::string method;
    std::string path;  // decoded, without the query
    std::vector<std::pair<std::string, std::string>> query;
    std::string_view body;
    std::string authorization, request_id, content_type, origin;
};

// Where a streamed body goes, piece by piece. write() waits while the client is behind (memory
// stays bounded) and answers false once the client is gone: what is written after is dropped.
class BodyWriter {
public:
    virtual ~BodyWriter() = default;
    virtual bool write(std::string_view bytes) = 0;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    Route route = Route::Other;
    // A body written as it is made, in place of `body` (chunked on the wire): called once, on the
    // thread that handled the request, after the status and headers have gone.
    std::function<void(BodyWriter&)> stream;
};

// The body of a streamed response written whole into `body` (tests, the fuzz harness).
void collect_stream(Response& r);

// A request's head, before its body is read: what the server asks the service (Service::admit)
// to learn whether to read the body, and how much of it.
struct RequestHead {
    std::string_view method, target, host, content_type;
    bool has_body = false;  // a Content-Length above 0, or chunked
};

struct Admission {
    std::optional<Response> refusal;  // answer this, read no body and close the connection
    Refusal reason = Refusal::BadRequest;
    size_t body_limit = 0;  // bytes of body the route reads (413 above, found while reading)
};

struct ServiceOptions {
    size_t states = 2;                           // evaluators (Lua states per policy): decisions at once
    size_t max_body = size_t{1} << 20;           // decide and diff bodies, bytes (413 above)
    size_t max_upload = size_t{32} << 20;        // batch uploads, bytes (413 above)
    size_t max_providers = 1000;                 // providers in one decide request (413 above)
    size_t max_waiting = 64;                     // requests waiting for a state before 503
    std::chrono::milliseconds queue_wait{2000};  // how long one waits before 503
    std::string token;                           // bearer token; empty: none needed, admin routes refused
    std::string cors_origin;                     // Access-Control-Allow-Origin; empty: no CORS
    bool log_input = false;                      // the decision log holds the provider, not its SHA-256
    std::chrono::seconds retry_after{1};         // what a 503 asks a client to wait
    // Host names a request may name besides the loopback names (localhost, 127.0.0.1, [::1]): the
    // --listen address and each --allow-host. Any other Host is answered 421 (DNS rebinding).
    std::vector<std::string> allowed_hosts;
};

class Service {
public:
    // Loads the policies (generation 1); throws when they fail to load. `log` may be null.
    Service(PolicyLoader loader, std::vector<std::string> policy_ids, ServiceOptions options, DecisionLog* log);

    Response handle(Request req);
    // Whether to read a request's body, and up to how many bytes: a Host that does not name this
    // server is 421, a body of a type its route does not declare 415.
    Admission admit(const RequestHead& head);
    // Loads the policies afresh and swaps them in; requests in flight finish on the set they have.
    // False, with the old set still serving and `error` set, when loading fails.
    bool reload(std::string& error);
    std::shared_ptr<PolicySet> current() const { return current_.load(); }
    // While draining (a SIGTERM), /readyz answers 503 so that a balancer stops sending.
    void set_draining(bool d) { draining_ = d; }
    Metrics& metrics() { return metrics_; }
    const ServiceOptions& options() const { return options_; }
    // The answer when the server has no room for a request (every connection thread busy).
    Response overloaded() const;

private:
    Response route(const Request& req);
    Response policy_route(const Request& req, std::string_view rest);
    Response decide(const Request& req, const std::shared_ptr<PolicySet>& set, size_t policy);
    Response diff(const Request& req, const std::shared_ptr<PolicySet>& set, size_t a, size_t b);
    Response diff_one(const Request& req, const std::shared_ptr<PolicySet>& set, std::array<size_t, 2> at, const Provider& p,
                      const std::array<ParamValues, 2>& params, std::string_view input);
    Response batch(const Request& req, const std::shared_ptr<PolicySet>& set, size_t policy);
    Response questions(const Request& req, const std::shared_ptr<PolicySet>& set, size_t policy);
    Response reload_route(const Request& req);
    Response readyz() const;
    bool authorized(const Request& req) const;
    bool names_this_server(std::string_view host) const;
    bool route_exists(std::string_view path) const;
    Lease lease(PolicySet& set, Response& busy);

    PolicyLoader loader_;
    std::vector<std::string> ids_;
    ServiceOptions options_;
    DecisionLog* log_;
    Metrics metrics_;
    std::atomic<std::shared_ptr<PolicySet>> current_;
    std::mutex reload_mutex_;
    uint64_t generation_ = 0;
    std::atomic<bool> draining_{false};
};

// An error answer: {"error": {"status": N, "message": "..."}} (and the error record batch writes,
// when there is one, under "records").
Response error_response(int status, std::string_view message, Route route = Route::Other);
// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost): what serve binds to unless
// given a token, and the names a request's Host may always give.
bool is_loopback(const std::string& host);
// Whether two byte strings are equal, in time that depends on their lengths only.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace inkoop::serve
