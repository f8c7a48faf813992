#include "core/serve/service.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/base/json_text.hpp"
#include "core/base/text.hpp"
#include "core/serve/openapi.hpp"
#include "core/serve/page.hpp"

namespace inkoop::serve {

namespace {

// A path or id as a message quotes it: at most 200 bytes.
std::string json_safe_path(std::string_view s) { return s.size() <= 200 ? std::string(s) : std::string(s.substr(0, 200)) + "..."; }

double unix_now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

std::vector<std::string> versions_of(const PolicySet& set) {
    std::vector<std::string> v;
    for (size_t i = 0; i < set.policy_count(); ++i) v.push_back(set.policy(i).version.str());
    return v;
}

Response json_response(std::string body, Route route, int status = 200) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.route = route;
    return r;
}

nlohmann::ordered_json scope_json(const ScopeClause& c, const Schema& schema) {
    nlohmann::ordered_json kinds = nlohmann::ordered_json::array();
    const Field* kind = schema.find("kind");
    for (int k : c.kinds) kinds.push_back(kind && k >= 0 && static_cast<size_t>(k) < kind->values.size() ? kind->values[k] : "");
    return {{"section", c.section}, {"text", c.text}, {"kinds", std::move(kinds)}};
}

// GET /v1/policies/{id}: what the policy is, purchases, can be set to, and its rules in order.
std::string policy_json(const Policy& p, const ParamValues& values) {
    nlohmann::ordered_json j;
    j["id"] = p.info.id;
    j["title"] = p.info.title;
    j["insurer"] = p.info.insurer;
    j["care"] = p.info.care;
    j["year"] = p.info.year;
    j["language"] = p.info.language.empty() ? "en" : p.info.language;
    j["source"] = p.info.source;
    j["policy_version"] = p.version.str();
    if (!p.inherits.empty()) j["inherits"] = p.inherits;
    j["scope"] = scope_json(p.scope, *p.schema);
    auto exclusions = nlohmann::ordered_json::array();
    for (const auto& e : p.exclusions) exclusions.push_back(scope_json(e, *p.schema));
    j["exclusions"] = std::move(exclusions);
    auto params = nlohmann::ordered_json::array();
    for (size_t i = 0; i < p.params.size(); ++i) {
        const Param& q = p.params[i];
        const Field f = q.as_field();
        nlohmann::ordered_json o{{"name", q.name}, {"type", type_name(q.type)}};
        if (!q.values.empty()) o["values"] = q.values;
        o["default"] = is_known(q.default_value) ? format_value(q.default_value, f) : "";
        o["value"] = i < values.values.size() && is_known(values.values[i]) ? format_value(values.values[i], f) : "";
        if (!q.unit.empty()) o["unit"] = q.unit;
        o["section"] = q.section;
        o["doc"] = q.doc;
        if (!q.withdrawn.empty()) o["withdrawn"] = q.withdrawn;
        params.push_back(std::move(o));
    }
    j["parameters"] = std::move(params);
    auto rules = nlohmann::ordered_json::array();
    for (const auto& r : p.rules)
        rules.push_back({{"code", r.code}, {"section", r.section}, {"effect", effect_name(r.effect)}, {"text", r.text}});
    j["rules"] = std::move(rules);
    return j.dump();
}

std::string policies_json(const PolicySet& set) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (size_t i = 0; i < set.policy_count(); ++i) {
        const Policy& p = set.policy(i);
        list.push_back({{"id", p.info.id},
                        {"title", p.info.title},
                        {"year", p.info.year},
                        {"language", p.info.language.empty() ? "en" : p.info.language},
                        {"policy_version", p.version.str()}});
    }
    return nlohmann::ordered_json{{"generation", set.generation()}, {"policies", std::move(list)}}.dump();
}

}  // namespace

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    in_addr a{};
    return ::inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    // Every byte of the longer is looked at whatever matches; the lengths alone leak.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const size_t n = std::max(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
        diff |= static_cast<unsigned char>(x ^ y);
    }
    return diff == 0;
}

Response error_response(int status, std::string_view message, Route route) {
    std::string body;
    {
        JsonObject o(body);
        JsonObject e(o.key("error"));
        e.raw("status", std::to_string(status));
        e.string("message", message);
    }
    return json_response(std::move(body), route, status);
}

Service::Service(PolicyLoader loader, std::vector<std::string> policy_ids, ServiceOptions options, DecisionLog* log)
    : loader_(std::move(loader)), ids_(std::move(policy_ids)), options_(std::move(options)), log_(log), metrics_(ids_) {
    auto set = loader_(options_.states, ++generation_);
    metrics_.reload(true, set->generation(), versions_of(*set), unix_now());
    current_.store(std::move(set));
}

bool Service::reload(std::string& error) {
    std::lock_guard lock(reload_mutex_);
    try {
        auto set = loader_(options_.states, generation_ + 1);
        ++generation_;
        metrics_.reload(true, set->generation(), versions_of(*set), unix_now());
        current_.store(std::move(set));
        return true;
    } catch (const std::exception& e) {
        error = e.what();
    }
    metrics_.reload(false, 0, {}, unix_now());
    return false;
}

Response Service::overloaded() const {
    Response r = error_response(503, "the server is busy: every policy state is deciding and the queue is full; try again shortly");
    r.headers.emplace_back("Retry-After", std::to_string(options_.retry_after.count()));
    return r;
}

bool Service::authorized(const Request& req) const {
    if (options_.token.empty()) return true;
    // The scheme's name in any case (RFC 9110 11.1), then one or more spaces, then the token.
    constexpr std::string_view kBearer = "bearer";
    std::string_view h = req.authorization;
    if (h.size() <= kBearer.size() || !ascii_iequals(h.substr(0, kBearer.size()), kBearer) || h[kBearer.size()] != ' ') return false;
    h.remove_prefix(kBearer.size());
    while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
    return constant_time_equal(h, options_.token);
}

namespace {

// What a route reads: its body limit and the media types it declares (none: no body).
struct BodyRule {
    Route route = Route::Other;
    size_t limit = 0;
    std::vector<std::string_view> types;
};

// The body rule of a POST to `path` (a path that is no such route reads no body).
BodyRule body_rule(std::string_view path, const ServiceOptions& o) {
    constexpr std::string_view kPolicies = "/v1/policies/";
    if (!path.starts_with(kPolicies) || path.size() <= kPolicies.size()) return {};
    const std::string_view rest = path.substr(kPolicies.size());
    if (rest.ends_with("/decide")) return {Route::Decide, o.max_body, {"application/json"}};
    if (rest.ends_with("/questions")) return {Route::Questions, o.max_body, {"application/json"}};
    if (rest.find("/diff/") != std::string_view::npos) return {Route::Diff, o.max_body, {"application/json"}};
    if (rest.ends_with("/batch"))
        return {Route::Batch,
                o.max_upload,
                {"text/csv", "application/json", "application/x-ndjson", "application/jsonl", "application/octet-stream",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
    return {};
}

// The media type of a Content-Type, lower case, without its parameters.
std::string media_type(std::string_view content_type) {
    std::string t(content_type.substr(0, content_type.find(';')));
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    size_t i = 0;
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
    t.erase(0, i);
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
}

}  // namespace

bool Service::names_this_server(std::string_view host) const {
    // The name without its port: [v6]:port or name:port.
    std::string_view name = host;
    if (name.starts_with('[')) {
        name = name.substr(0, name.find(']') == std::string_view::npos ? name.size() : name.find(']') + 1);
    } else if (const size_t colon = name.rfind(':'); colon != std::string_view::npos) {
        name = name.substr(0, colon);
    }
    if (name.empty()) return false;
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.ends_with('.')) lower.pop_back();  // localhost. is localhost
    if (lower == "[::1]" || is_loopback(lower)) return true;
    return std::any_of(options_.allowed_hosts.begin(), options_.allowed_hosts.end(), [&](const std::string& h) {
        const bool v6 = h.find(':') != std::string::npos && !h.starts_with('[');
        return ascii_iequals(v6 ? "[" + h + "]" : h, lower);
    });
}

Admission Service::admit(const RequestHead& head) {
    Admission a;
    const std::string_view path = head.target.substr(0, head.target.find('?'));
    if (head.host.empty()) {
        a.reason = Refusal::BadRequest;
        a.refusal = error_response(400, "the request has no Host header");
        return a;
    }
    if (!names_this_server(head.host)) {
        a.reason = Refusal::WrongHost;
        a.refusal = error_response(
            421, fmt::format("this server does not answer for the host {}: start it with --allow-host NAME to answer for that name",
                             json_safe_path(head.host)));
        return a;
    }
    if (head.method != "POST") return a;  // no body (413 for one sent)
    const BodyRule rule = body_rule(path, options_);
    a.body_limit = rule.limit;
    if (!head.has_body || rule.types.empty()) return a;
    const std::string type = media_type(head.content_type);
    if (std::find(rule.types.begin(), rule.types.end(), type) == rule.types.end()) {
        a.reason = Refusal::ContentType;
        a.refusal =
            error_response(415,
                           fmt::format("this route reads a body of type {}{}: send Content-Type: {}", fmt::join(rule.types, ", "),
                                       type.empty() ? " and the request names none" : ", not " + json_safe_path(type), rule.types.front()),
                           rule.route);
    }
    return a;
}

Lease Service::lease(PolicySet& set, Response& busy) {
    Lease l = set.acquire(options_.queue_wait, options_.max_waiting);
    if (!l) {
        metrics_.overloaded();
        busy = overloaded();
    }
    return l;
}

Response Service::handle(Request req) {
    const auto start = std::chrono::steady_clock::now();
    // The request's id: the client's X-Request-Id when it is a sane token, else one made here.
    static std::atomic<uint64_t> counter{0};
    const bool sane = !req.request_id.empty() && req.request_id.size() <= 128 &&
                      std::all_of(req.request_id.begin(), req.request_id.end(), [](char c) { return c > ' ' && c < 0x7f; });
    if (!sane) req.request_id = fmt::format("{:x}-{}", static_cast<uint64_t>(unix_now() * 1000), counter.fetch_add(1) + 1);
    Response r;
    try {
        r = route(req);
    } catch (const std::exception& e) {  // a request's failure never takes the server down
        r = error_response(500, fmt::format("internal error: {}", e.what()), r.route);
    }
    if (!options_.cors_origin.empty()) {
        r.headers.emplace_back("Access-Control-Allow-Origin", options_.cors_origin);
        r.headers.emplace_back("Vary", "Origin");
    }
    r.headers.emplace_back("X-Request-Id", req.request_id);
    metrics_.request(r.route, r.status, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return r;
}

bool Service::route_exists(std::string_view path) const {
    static constexpr std::string_view kFixed[] = {"/",          "/index.html",      "/healthz",         "/readyz",      "/metrics",
                                                  "/v1/schema", "/v1/openapi.json", "/v1/admin/reload", "/v1/policies", "/v1/policies/"};
    if (std::find(std::begin(kFixed), std::end(kFixed), path) != std::end(kFixed)) return true;
    constexpr std::string_view kPolicies = "/v1/policies/";
    if (!path.starts_with(kPolicies)) return false;
    const auto set = current_.load();
    std::string_view rest = path.substr(kPolicies.size());
    if (set->find(rest) >= 0) return true;
    for (std::string_view suffix : {"/decide", "/batch", "/questions"})
        if (rest.ends_with(suffix) && set->find(rest.substr(0, rest.size() - suffix.size())) >= 0) return true;
    const size_t d = rest.find("/diff/");
    return d != std::string_view::npos && set->find(rest.substr(0, d)) >= 0 && set->find(rest.substr(d + 6)) >= 0;
}

void collect_stream(Response& r) {
    if (!r.stream) return;
    struct Into final : BodyWriter {
        std::string& body;
        explicit Into(std::string& b) : body(b) {}
        bool write(std::string_view bytes) override {
            body.append(bytes);
            return true;
        }
    } into(r.body);
    auto stream = std::move(r.stream);
    r.stream = nullptr;
    stream(into);
}

Response Service::readyz() const {
    auto set = current_.load();
    if (draining_) return error_response(503, "draining: the server is shutting down", Route::Readyz);
    if (log_ && !log_->healthy()) return error_response(503, "the decision log cannot be written", Route::Readyz);
    return json_response(fmt::format("{{\"status\":\"ready\",\"generation\":{},\"policies\":{}}}", set->generation(), set->policy_count()),
                         Route::Readyz);
}

Response Service::route(const Request& req) {
    const std::string_view path = req.path;
    const bool get = req.method == "GET" || req.method == "HEAD";
    if (req.method == "OPTIONS" && !options_.cors_origin.empty()) {  // a CORS preflight, for a route there is
        if (!route_exists(path)) return error_response(404, fmt::format("no such route: {} (see GET /v1/policies)", json_safe_path(path)));
        Response r;
        r.status = 204;
        r.content_type.clear();
        r.headers = {{"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
                     {"Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id"},
                     {"Access-Control-Max-Age", "600"}};
        return r;
    }
    if (path == "/healthz")
        return get ? json_response("{\"status\":\"live\"}", Route::Healthz) : error_response(405, "use GET", Route::Healthz);
    if (path == "/readyz") return get ? readyz() : error_response(405, "use GET", Route::Readyz);
    if (path == "/" || path == "/index.html") {
        if (!get) return error_response(405, "use GET", Route::Page);
        Response r;
        r.route = Route::Page;
        r.content_type = "text/html; charset=utf-8";
        r.body = std::string(page_html());
        r.headers = {{"Content-Security-Policy",
                      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                      "connect-src 'self' blob:; img-src data:; form-action 'none'; base-uri 'none'"},
                     {"X-Content-Type-Options", "nosniff"}};
        return r;
    }
    if (!authorized(req)) {
        Response r = error_response(401, "this server needs Authorization: Bearer <token>");
        r.headers.emplace_back("WWW-Authenticate", "Bearer");
        return r;
    }
    if (path == "/metrics") {
        if (!get) return error_response(405, "use GET", Route::Metrics);
        if (log_) metrics_.log_lines(log_->written(), log_->failed());
        Response r = json_response(metrics_.text(), Route::Metrics);
        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
        return r;
    }
    if (path == "/v1/admin/reload") return reload_route(req);
    if (path == "/v1/openapi.json") {
        if (!get) return error_response(405, "use GET", Route::OpenApi);
        return json_response(openapi_json(*current_.load(), options_), Route::OpenApi);
    }
    if (path == "/v1/schema") {
        if (!get) return error_response(405, "use GET", Route::Schema);
        return json_response(current_.load()->schema().to_json(), Route::Schema);
    }
    if (path == "/v1/policies" || path == "/v1/policies/") {
        if (!get) return error_response(405, "use GET", Route::Policies);
        return json_response(policies_json(*current_.load()), Route::Policies);
    }
    constexpr std::string_view kPolicies = "/v1/policies/";
    if (path.starts_with(kPolicies)) return policy_route(req, path.substr(kPolicies.size()));
    return error_response(404, fmt::format("no such route: {} (see GET /v1/policies)", json_safe_path(path)));
}

Response Service::policy_route(const Request& req, std::string_view rest) {
    auto set = current_.load();  // the whole request is served by the set it started with
    const auto not_served = [&](std::string_view id, Route route) {
        return error_response(404, fmt::format("no policy {} is served here (served: {})", json_safe_path(id), fmt::join(set->ids(), ", ")),
                              route);
    };
    const auto tail = [&](std::string_view suffix) { return rest.size() > suffix.size() && rest.ends_with(suffix); };
    // POST .../{id}/decide, .../{id}/batch and .../{id}/questions: one policy, a body.
    using Handler = Response (Service::*)(const Request&, const std::shared_ptr<PolicySet>&, size_t);
    static constexpr std::tuple<std::string_view, Route, Handler> kOnePolicy[] = {{"/decide", Route::Decide, &Service::decide},
                                                                                  {"/batch", Route::Batch, &Service::batch},
                                                                                  {"/questions", Route::Questions, &Service::questions}};
    for (const auto& [suffix, route, handler] : kOnePolicy) {
        if (!tail(suffix)) continue;
        const auto id = rest.substr(0, rest.size() - suffix.size());
        const int i = set->find(id);
        if (i < 0) return not_served(id, route);
        if (req.method != "POST") return error_response(405, "use POST", route);
        return (this->*handler)(req, set, static_cast<size_t>(i));
    }
    if (const size_t d = rest.find("/diff/"); d != std::string_view::npos) {
        const auto a = rest.substr(0, d), b = rest.substr(d + 6);
        const int i = set->find(a), k = set->find(b);
        if (i < 0) return not_served(a, Route::Diff);
        if (k < 0) return not_served(b, Route::Diff);
        if (req.method != "POST") return error_response(405, "use POST", Route::Diff);
        return diff(req, set, static_cast<size_t>(i), static_cast<size_t>(k));
    }
    const int i = set->find(rest);
    if (i < 0) return not_served(rest, Route::Policy);
    if (req.method != "GET" && req.method != "HEAD") return error_response(405, "use GET", Route::Policy);
    return json_response(policy_json(set->policy(static_cast<size_t>(i)), set->params(static_cast<size_t>(i))), Route::Policy);
}

Response Service::reload_route(const Request& req) {
    if (options_.token.empty())
        return error_response(403, "admin routes need the server started with --token-file (reload with SIGHUP instead)", Route::Reload);
    if (req.method != "POST") return error_response(405, "use POST", Route::Reload);
    std::string error;
    if (!reload(error)) {
        std::cerr << "inkoop: reload failed, the policies loaded before go on serving: " << error << '\n';
        return error_response(500, fmt::format("reload failed, the policies loaded before go on serving: {}", error), Route::Reload);
    }
    auto set = current_.load();
    nlohmann::ordered_json j{{"reloaded", true}, {"generation", set->generation()}};
    auto v = nlohmann::ordered_json::object();
    for (size_t i = 0; i < set->policy_count(); ++i) v[set->ids()[i]] = set->policy(i).version.str();
    j["policy_versions"] = std::move(v);
    return json_response(j.dump(), Route::Reload);
}

}  // namespace inkoop::serve
