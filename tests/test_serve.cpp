// inkoop serve: the service's routes in process (Service::handle), and the wire (HttpServer on a
// loopback port) for what only the wire shows: bodies over the limit, slow clients, a full
// server, a stop while a request is in flight.
#include <arpa/inet.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "bindings/host.hpp"
#include "core/base/hash.hpp"
#include "core/base/io.hpp"
#include "core/formats/input.hpp"
#include "core/run/sinks.hpp"
#include "core/serve/http_server.hpp"
#include "core/serve/service.hpp"

namespace fs = std::filesystem;
using namespace inkoop;
using namespace inkoop::serve;
using nlohmann::json;

namespace {

const char* const kPractice = INKOOP_SOURCE_DIR "/scripts/samples/practice-ok.json";

// A copy of the policy tree, with a policy that loops on a provider with 9 locations.
std::string policy_tree(const std::string& name) {
    const std::string d = "/tmp/inkoop-serve-" + name;
    fs::remove_all(d);
    fs::create_directories(d);
    fs::copy(INKOOP_SOURCE_DIR "/policies", d + "/policies", fs::copy_options::recursive);
    fs::create_directories(d + "/policies/t");
    std::ofstream(d + "/policies/t/trap-2024.lua")
        << "policy { id = 't/trap-2024', insurer = 'T', care = 'trap', year = 2024, source = 'none' }\n"
           "scope { section = '1', text = 'all', kinds = { 'vrijgevestigde' } }\n"
           "rule { 'r', section = '1', text = 't', require = check('t', function(p)\n"
           "  if p.locations == 9 then while true do end end return true end) }\n"
           "offer(function(p) return contract { type = 't', section = '1', from = '2024-01-01', to = '2024-12-31' } end)\n";
    return d + "/policies";
}

// The limits of the service's policies in these tests: the defaults, but a wall-clock deadline no
// loaded machine reaches, so that the trap policy's endless loop always ends on its instruction
// budget (the outcome the tests name) and never, on a busy CI machine, on the 500 ms deadline.
Limits test_limits() { return Limits{.deadline = std::chrono::milliseconds(60'000)}; }

PolicyLoader loader_for(const std::string& dir, std::vector<std::string> ids) {
    return [dir, ids](size_t states, uint64_t generation) {
        host::Host e(dir, test_limits());
        return make_policy_set(e.catalog().shared_schema(), e.evaluators(ids, {}), states, generation);
    };
}

const std::vector<std::string> kIds{"salland/ggz-2024", "zorg-en-zekerheid/ggz-2024", "zorg-en-zekerheid/ggz-2027", "t/trap-2024"};

struct Fixture {
    std::string dir;
    ServiceOptions options;
    std::unique_ptr<Service> service;
    explicit Fixture(const std::string& name, ServiceOptions o = {}, DecisionLog* log = nullptr)
        : dir(policy_tree(name)), options(std::move(o)), service(std::make_unique<Service>(loader_for(dir, kIds), kIds, options, log)) {}
    Response call(const std::string& method, const std::string& path, const std::string& body = "",
                  std::vector<std::pair<std::string, std::string>> query = {}, const std::string& auth = "") {
        Request r;
        r.method = method;
        r.path = path;
        r.query = std::move(query);
        r.body = body;
        r.authorization = auth;
        return service->handle(std::move(r));
    }
};

std::string practice() { return read_file(kPractice); }

std::string header(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return "";
}

// What `inkoop batch` writes for `body` (a JSON array) under `id`: its JSON Lines records.
std::vector<std::string> batch_records(const std::string& dir, const std::string& id, const std::string& body) {
    host::Host e(dir, test_limits());
    StringSource bytes(body, "request");
    auto source = open_records(bytes, {.format = InputFormat::JsonArray});
    const ColumnMap columns = map_columns(*source, e.schema(), "request");
    DecisionSink sink(RecordStyle{OutputFormat::Jsonl, CsvLayout({}, {}, {}, e.schema()), {}}, {id}, "request", true);
    StringWriter out;
    std::ostringstream err;
    run_batch(*source, columns, e.evaluators({id}, {}), sink, out, err, {.jobs = 1, .input_name = "request"});
    std::vector<std::string> lines;
    std::istringstream in(out.text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

}  // namespace

TEST_CASE("serve: a decision over HTTP is the record batch writes, byte for byte, with the policy version", "[serve]") {
    Fixture f("records");
    const std::string bad = R"({"agb":"1234","kind":"vrijgevestigde"})";
    const std::string body = "[" + practice() + "," + bad + "]";
    const Response r = f.call("POST", "/v1/policies/salland/ggz-2024/decide", body);
    CHECK(r.status == 400);  // one row had bad input: as batch exits 1, every row still answered
    const auto expected = batch_records(f.dir, "salland/ggz-2024", body);
    REQUIRE(expected.size() == 2);
    const json j = json::parse(r.body);
    CHECK(j["rows"] == 2);
    CHECK(j["decided"] == 1);
    CHECK(j["rejected"] == 1);
    CHECK(j["failed"] == 0);
    CHECK(j["records"][0].dump() == json::parse(expected[0]).dump());
    CHECK(r.body.find(expected[0]) != std::string::npos);  // the very bytes, not only the same JSON
    CHECK(r.body.find(expected[1]) != std::string::npos);
    const std::string version = f.service->current()->policy(0).version.str();
    CHECK(j["policy_version"] == version);
    CHECK(j["records"][0]["policy_version"] == version);
    CHECK(j["records"][0]["outcome"] == "offer");
    CHECK(j["records"][1]["error"]["field"] == "agb");
    CHECK(j["records"][1]["error"]["reason"] == "'1234' is not an AGB code of 8 digits");

    const Response one = f.call("POST", "/v1/policies/salland/ggz-2024/decide", practice());
    CHECK(one.status == 200);
    CHECK(json::parse(one.body)["records"][0].dump() == j["records"][0].dump());
    CHECK(header(one, "X-Request-Id").size() > 3);
}

TEST_CASE("serve: bad requests get 400, 404, 405, 413 and 422 with the error record batch writes", "[serve]") {
    ServiceOptions o;
    o.max_body = 4000;
    o.max_providers = 3;
    Fixture f("errors", o);
    const std::string route = "/v1/policies/salland/ggz-2024/decide";

    Response r = f.call("POST", route, R"({"agb":"12345678","bogus":1})");
    CHECK(r.status == 400);
    json j = json::parse(r.body);
    CHECK(j["records"][0]["error"]["kind"] == "input");
    CHECK(j["records"][0]["error"]["field"] == "bogus");
    CHECK(j["records"][0]["error"]["reason"] == "unknown field 'bogus'; columns that are not schema fields must start with x_");

    r = f.call("POST", route, R"({"agb":)");
    CHECK(r.status == 400);
    j = json::parse(r.body);
    CHECK(j["error"]["message"] ==
          "invalid JSON: [json.exception.parse_error.101] parse error at line 1, column 8: syntax error while parsing value - unexpected "
          "end of input; expected '[', '{', or a literal");
    CHECK(j["records"][0]["error"]["reason"] == j["error"]["message"]);

    r = f.call("POST", route, "42");
    CHECK(r.status == 400);
    CHECK(json::parse(r.body)["error"]["message"] ==
          "the body is a JSON value but not a provider: send a JSON object, or an array of them");

    r = f.call("POST", route, practice(), {{"verbose", "1"}});
    CHECK(r.status == 400);
    CHECK(json::parse(r.body)["error"]["message"] ==
          "unknown query parameter 'verbose' (this route takes explain=true, flip=true and set.NAME=VALUE)");

    r = f.call("POST", route, practice(), {{"set.max_fte", "2"}});
    CHECK(r.status == 400);
    CHECK(json::parse(r.body)["error"]["message"] ==
          "set.max_fte: salland/ggz-2024 declares no parameter 'max_fte' (did you mean max_fte_vrijgevestigde?)");

    r = f.call("POST", "/v1/policies/salland/ggz-2099/decide", practice());
    CHECK(r.status == 404);
    CHECK(json::parse(r.body)["error"]["message"] ==
          "no policy salland/ggz-2099 is served here (served: salland/ggz-2024, zorg-en-zekerheid/ggz-2024, zorg-en-zekerheid/ggz-2027, "
          "t/trap-2024)");
    CHECK(f.call("GET", "/v2/nothing").status == 404);
    CHECK(f.call("GET", route).status == 405);

    r = f.call("POST", route, std::string(4001, ' '));
    CHECK(r.status == 413);
    CHECK(json::parse(r.body)["error"]["message"] ==
          "the body is 4001 bytes; a decide request takes at most 4000 (send a long list to the batch route)");
    r = f.call("POST", route, R"([{"agb":"12345678"},{"agb":"12345679"},{"agb":"12345670"},{"agb":"12345671"}])");
    CHECK(r.status == 413);
    CHECK(json::parse(r.body)["error"]["message"] == "more than 3 providers in one request; send a long list to the batch route");

    // A policy that runs out of its instruction budget on a provider: 422 with the kind.
    r = f.call("POST", "/v1/policies/t/trap-2024/decide", R"({"agb":"12345678","kind":"vrijgevestigde","locations":9})");
    CHECK(r.status == 422);
    j = json::parse(r.body);
    CHECK(j["failed"] == 1);
    CHECK(j["records"][0]["error"]["kind"] == "instructions");
    CHECK(j["records"][0]["error"]["reason"].get<std::string>().ends_with("trap-2024.lua:4: instruction budget of 20000000 exceeded"));
    // ... and the next request is decided as if nothing happened.
    r = f.call("POST", "/v1/policies/t/trap-2024/decide", R"({"agb":"12345678","kind":"vrijgevestigde","locations":1})");
    CHECK(r.status == 200);
    CHECK(json::parse(r.body)["records"][0]["outcome"] == "offer");
}

TEST_CASE("serve: every policy state busy and the queue full is 503 with Retry-After", "[serve]") {
    ServiceOptions o;
    o.states = 1;
    o.max_waiting = 0;
    Fixture f("busy", o);
    auto set = f.service->current();
    {
        Lease held = set->acquire(std::chrono::milliseconds(0), 0);
        REQUIRE(held);
        const Response r = f.call("POST", "/v1/policies/salland/ggz-2024/decide", practice());
        CHECK(r.status == 503);
        CHECK(header(r, "Retry-After") == "1");
        CHECK(json::parse(r.body)["error"]["message"] ==
              "the server is busy: every policy state is deciding and the queue is full; try again shortly");
    }
    CHECK(f.call("POST", "/v1/policies/salland/ggz-2024/decide", practice()).status == 200);
    CHECK(f.service->metrics().text().find("inkoop_overload_refusals_total 1\n") != std::string::npos);
}

TEST_CASE("serve: explain, flip and set.NAME are asked in the query", "[serve]") {
    Fixture f("query");
    const std::string route = "/v1/policies/salland/ggz-2024/decide";
    json j = json::parse(f.call("POST", route, practice(), {{"explain", "true"}}).body);
    CHECK(j["records"][0].contains("trace"));
    CHECK(j["records"][0]["trace"].size() > 10);

    j = json::parse(f.call("POST", route, practice(), {{"set.max_fte_vrijgevestigde", "6"}}).body);
    CHECK(j["parameters"].dump() == R"({"max_fte_vrijgevestigde":6.0})");
    CHECK(j["records"][0]["outcome"] == "refuse");
    CHECK(j["records"][0]["grounds"][0]["section"] == "3.1");
    CHECK(j["records"][0]["grounds"][0]["code"] == "max_fte_regiebehandelaren");

    j = json::parse(f.call("POST", route, practice(), {{"set.max_fte_vrijgevestigde", "6"}, {"flip", "true"}}).body);
    REQUIRE(j["flips"].size() >= 1);
    CHECK(j["flips"][0]["outcome"] == "offer");
    CHECK(j["flips"][0]["changes"][0]["field"] == "fte_regiebehandelaren");
    CHECK(j["flips"][0]["changes"][0]["constraint"] == "fte_regiebehandelaren <= 6");

    const Response arr = f.call("POST", route, "[" + practice() + "," + practice() + "]", {{"flip", "true"}});
    CHECK(arr.status == 400);
    CHECK(json::parse(arr.body)["error"]["message"] == "flip=true searches for one provider: send one provider object");
}

TEST_CASE("serve: diff decides one provider under two policies and says what differs", "[serve]") {
    Fixture f("diff");
    const std::string p = R"({"agb":"12345678","kind":"vrijgevestigde","fte_regiebehandelaren":3})";
    const Response r = f.call("POST", "/v1/policies/zorg-en-zekerheid/ggz-2024/diff/zorg-en-zekerheid/ggz-2027", p);
    CHECK(r.status == 200);
    const json j = json::parse(r.body);
    CHECK(j["policies"].dump() == R"(["zorg-en-zekerheid/ggz-2024","zorg-en-zekerheid/ggz-2027"])");
    CHECK(j["policy_versions"][0] == f.service->current()->policy(1).version.str());
    CHECK(j["policy_versions"][1] == f.service->current()->policy(2).version.str());
    CHECK(j["decisions"].size() == 2);
    CHECK(j["outcome"]["before"] == j["decisions"][0]["outcome"]);
    CHECK(j["outcome"]["after"] == j["decisions"][1]["outcome"]);
    CHECK(j["differs"] == true);
    CHECK(!j["changes"].empty());
    CHECK(f.call("POST", "/v1/policies/zorg-en-zekerheid/ggz-2024/diff/salland/ggz-2099", p).status == 404);
    const Response two = f.call("POST", "/v1/policies/zorg-en-zekerheid/ggz-2024/diff/zorg-en-zekerheid/ggz-2027", "[" + p + "]");
    CHECK(two.status == 400);
    CHECK(json::parse(two.body)["error"]["message"] == "diff compares one provider: send one provider object (decide takes arrays)");
}

TEST_CASE("serve: policies, one policy and the schema describe what is served", "[serve]") {
    Fixture f("describe");
    json j = json::parse(f.call("GET", "/v1/policies").body);
    CHECK(j["generation"] == 1);
    REQUIRE(j["policies"].size() == 4);
    CHECK(j["policies"][0]["id"] == "salland/ggz-2024");
    CHECK(j["policies"][0]["policy_version"] == f.service->current()->policy(0).version.str());
    j = json::parse(f.call("GET", "/v1/policies/salland/ggz-2024").body);
    CHECK(j["scope"]["kinds"].dump() == R"(["vrijgevestigde","ggz_instelling","paaz","puk"])");
    CHECK(j["rules"][0]["section"] == f.service->current()->policy(0).rules[0].section.c_str());
    bool found = false;
    for (const auto& p : j["parameters"])
        if (p["name"] == "max_fte_vrijgevestigde") {
            found = true;
            CHECK(p["default"] == "8");
            CHECK(p["unit"] == "fte");
        }
    CHECK(found);
    j = json::parse(f.call("GET", "/v1/schema").body);
    CHECK(j["groups"][0]["fields"][0]["label"]["nl"] == "AGB-code");
    CHECK(f.call("GET", "/").content_type == "text/html; charset=utf-8");
}

TEST_CASE("serve: GET /v1/openapi.json describes every route, and every answer is one it declares", "[serve]") {
    Fixture f("openapi");
    const Response r = f.call("GET", "/v1/openapi.json");
    REQUIRE(r.status == 200);
    const auto j = nlohmann::ordered_json::parse(r.body);
    CHECK(j["openapi"] == "3.0.3");
    std::vector<std::string> paths;
    for (const auto& [path, item] : j["paths"].items()) paths.push_back(path);
    CHECK(paths == std::vector<std::string>{"/v1/policies", "/v1/policies/{id}", "/v1/schema", "/v1/policies/{id}/decide",
                                            "/v1/policies/{a}/diff/{b}", "/v1/policies/{id}/batch", "/v1/policies/{id}/questions",
                                            "/v1/openapi.json", "/v1/admin/reload", "/healthz", "/readyz", "/metrics"});
    // The provider as the schema defines it: every field, null is unknown, choices and bounds.
    const Schema& schema = f.service->current()->schema();
    const auto& provider = j["components"]["schemas"]["Provider"];
    CHECK(provider["properties"].size() == static_cast<size_t>(schema.size()));
    CHECK(provider["required"] == nlohmann::ordered_json::array({"agb"}));
    CHECK(
        provider["properties"]["agb"].dump() ==
        R"({"type":"string","pattern":"^[0-9]{8}$","title":"AGB-code","description":"AGB code of the practice or institution; the key of every output row"})");
    nlohmann::ordered_json kinds(schema.find("kind")->values);
    kinds.push_back(nullptr);
    CHECK(provider["properties"]["kind"]["enum"] == kinds);
    CHECK(provider["properties"]["kind"]["nullable"] == true);
    CHECK(provider["properties"]["application_date"]["format"] == "date");
    CHECK(provider["properties"]["insurer_market_share"]["maximum"] == 1);
    // {id} takes the served ids; set.NAME every parameter a served policy declares.
    const auto& decide = j["paths"]["/v1/policies/{id}/decide"]["post"];
    CHECK(decide["parameters"][0]["schema"]["enum"] == nlohmann::ordered_json(kIds));
    bool found = false;
    for (const auto& p : decide["parameters"])
        if (p["name"] == "set.max_fte_vrijgevestigde") {
            found = true;
            CHECK(p["description"].get<std::string>().starts_with(
                "a parameter of salland/ggz-2024 (3.1), zorg-en-zekerheid/ggz-2024 (5.1). salland/ggz-2024: 3.1: "));
        }
    CHECK(found);
    // Every route answers with a status it declares (and a route it does not describe is a 404).
    const std::string csv = "agb,kind\n12345678,vrijgevestigde\n";
    for (const auto& [path, item] : j["paths"].items())
        for (const auto& [method, op] : item.items()) {
            std::string target = path;
            for (const auto& [name, id] :
                 {std::pair{"{id}", "salland/ggz-2024"}, {"{a}", "zorg-en-zekerheid/ggz-2024"}, {"{b}", "zorg-en-zekerheid/ggz-2027"}})
                if (const auto at = target.find(name); at != std::string::npos) target.replace(at, std::string(name).size(), id);
            const std::string m = method == "get" ? "GET" : "POST";
            const Response answer = f.call(m, target, m == "GET" ? "" : target.ends_with("/batch") ? csv : practice());
            CAPTURE(m, target, answer.status, answer.body.substr(0, 200));
            CHECK(op["responses"].contains(std::to_string(answer.status)));
            CHECK_FALSE(op["responses"].contains("401"));
        }
    // With a token: the scheme, and 401 declared everywhere but the health checks.
    ServiceOptions o;
    o.token = "0123456789abcdef0123";
    Fixture t("openapi-token", o);
    CHECK(t.call("GET", "/v1/openapi.json").status == 401);
    const auto k = nlohmann::ordered_json::parse(t.call("GET", "/v1/openapi.json", "", {}, "Bearer 0123456789abcdef0123").body);
    CHECK(k["components"]["securitySchemes"]["bearer"].dump() == R"({"type":"http","scheme":"bearer"})");
    CHECK(k["paths"]["/v1/policies/{id}/decide"]["post"]["responses"].contains("401"));
    CHECK(k["paths"]["/healthz"]["get"]["security"] == nlohmann::ordered_json::array());
    CHECK_FALSE(k["paths"]["/healthz"]["get"]["responses"].contains("401"));
}

TEST_CASE("serve: a token guards every route but health, and admin routes need one configured", "[serve]") {
    Fixture open("open");
    Response r = open.call("POST", "/v1/admin/reload");
    CHECK(r.status == 403);
    CHECK(json::parse(r.body)["error"]["message"] == "admin routes need the server started with --token-file (reload with SIGHUP instead)");

    ServiceOptions o;
    o.token = "0123456789abcdef-secret";
    Fixture f("token", o);
    r = f.call("GET", "/v1/policies");
    CHECK(r.status == 401);
    CHECK(header(r, "WWW-Authenticate") == "Bearer");
    CHECK(f.call("GET", "/v1/policies", "", {}, "Bearer 0123456789abcdef-secreT").status == 401);
    CHECK(f.call("GET", "/v1/policies", "", {}, "0123456789abcdef-secret").status == 401);
    CHECK(f.call("GET", "/v1/policies", "", {}, "Bearer 0123456789abcdef-secret").status == 200);
    CHECK(f.call("GET", "/healthz").status == 200);
    CHECK(f.call("GET", "/readyz").status == 200);
    CHECK(f.call("GET", "/metrics").status == 401);
    r = f.call("POST", "/v1/admin/reload", "", {}, "Bearer 0123456789abcdef-secret");
    CHECK(r.status == 200);
    CHECK(json::parse(r.body)["generation"] == 2);

    CHECK(constant_time_equal("abc", "abc"));
    CHECK(!constant_time_equal("abc", "abd"));
    CHECK(!constant_time_equal("abc", "abcd"));
    CHECK(!constant_time_equal("", "a"));
    CHECK(is_loopback("127.0.0.1"));
    CHECK(is_loopback("127.1.2.3"));
    CHECK(is_loopback("::1"));
    CHECK(is_loopback("localhost"));
    CHECK(!is_loopback("0.0.0.0"));
    CHECK(!is_loopback("192.168.1.10"));
}

TEST_CASE("serve: no CORS unless an origin is given", "[serve]") {
    Fixture plain("nocors");
    Response r = plain.call("GET", "/v1/policies");
    CHECK(header(r, "Access-Control-Allow-Origin").empty());
    CHECK(plain.call("OPTIONS", "/v1/policies").status == 405);

    ServiceOptions o;
    o.cors_origin = "https://portaal.example.nl";
    Fixture f("cors", o);
    r = f.call("GET", "/v1/policies");
    CHECK(header(r, "Access-Control-Allow-Origin") == "https://portaal.example.nl");
    r = f.call("OPTIONS", "/v1/policies/salland/ggz-2024/decide");
    CHECK(r.status == 204);
    CHECK(header(r, "Access-Control-Allow-Methods") == "GET, POST, OPTIONS");
}

TEST_CASE("serve: a reload swaps the policies in, requests in flight keep theirs, a broken policy keeps the old", "[serve]") {
    Fixture f("reload");
    const auto before = f.service->current();
    const std::string v1 = before->policy(0).version.str();
    std::ofstream(f.dir + "/salland/ggz-2024.lua", std::ios::app) << "\n-- a comment: the file, so the version, changes\n";
    std::string error;
    REQUIRE(f.service->reload(error));
    const auto after = f.service->current();
    CHECK(after->generation() == 2);
    const std::string v2 = after->policy(0).version.str();
    CHECK(v2 != v1);
    CHECK(before->policy(0).version.str() == v1);  // a request holding the old set decides on it still
    Lease old_state = before->acquire(std::chrono::milliseconds(100), 1);
    Decision d;
    EvalFailure fail;
    Provider p(before->schema());
    CHECK(old_state->decide(0, p, d, fail));
    CHECK(d.policy_version.str() == v1);
    CHECK(json::parse(f.call("POST", "/v1/policies/salland/ggz-2024/decide", practice()).body)["policy_version"] == v2);

    std::ofstream(f.dir + "/salland/ggz-2024.lua", std::ios::app) << "\nrule { this is not Lua\n";
    CHECK(!f.service->reload(error));
    CHECK(error.find("salland/ggz-2024.lua") != std::string::npos);
    CHECK(f.service->current()->generation() == 2);
    CHECK(json::parse(f.call("POST", "/v1/policies/salland/ggz-2024/decide", practice()).body)["policy_version"] == v2);
    const std::string m = f.service->metrics().text();
    CHECK(m.find("inkoop_reloads_total{result=\"ok\"} 2\n") != std::string::npos);  // the start, and one reload
    CHECK(m.find("inkoop_reloads_total{result=\"failed\"} 1\n") != std::string::npos);
    CHECK(m.find("inkoop_policy_info{policy=\"salland/ggz-2024\",version=\"" + v2 + "\",generation=\"2\"} 1\n") != std::string::npos);
}

TEST_CASE("serve: metrics count requests by route and status, latency, decisions by outcome and limit hits", "[serve]") {
    Fixture f("metrics");
    f.call("POST", "/v1/policies/salland/ggz-2024/decide", practice());
    f.call("POST", "/v1/policies/salland/ggz-2024/decide", R"({"agb":"12345678","kind":"umc"})");
    f.call("POST", "/v1/policies/salland/ggz-2024/decide", "{");
    f.call("POST", "/v1/policies/t/trap-2024/decide", R"({"agb":"12345678","kind":"vrijgevestigde","locations":9})");
    const Response r = f.call("GET", "/metrics");
    CHECK(r.content_type == "text/plain; version=0.0.4; charset=utf-8");
    const std::string& m = r.body;
    CHECK(m.find("inkoop_http_requests_total{route=\"decide\",status=\"200\"} 2\n") != std::string::npos);
    CHECK(m.find("inkoop_http_requests_total{route=\"decide\",status=\"400\"} 1\n") != std::string::npos);
    CHECK(m.find("inkoop_http_requests_total{route=\"decide\",status=\"422\"} 1\n") != std::string::npos);
    CHECK(m.find("inkoop_http_request_duration_seconds_count{route=\"decide\"} 4\n") != std::string::npos);
    CHECK(m.find("inkoop_http_request_duration_seconds_bucket{route=\"decide\",le=\"+Inf\"} 4\n") != std::string::npos);
    CHECK(m.find("inkoop_decisions_total{policy=\"salland/ggz-2024\",outcome=\"offer\"} 1\n") != std::string::npos);
    CHECK(m.find("inkoop_decisions_total{policy=\"salland/ggz-2024\",outcome=\"out_of_scope\"} 1\n") != std::string::npos);
    CHECK(m.find("inkoop_decisions_total{policy=\"salland/ggz-2024\",outcome=\"refuse\"} 0\n") != std::string::npos);
    CHECK(m.find("inkoop_policy_failures_total{policy=\"t/trap-2024\",kind=\"instructions\"} 1\n") != std::string::npos);
}

TEST_CASE("serve: the decision log has a line per decision, with the input's SHA-256 or the input", "[serve]") {
    const std::string path = "/tmp/inkoop-serve-decisions.jsonl";
    fs::remove(path);
    {
        DecisionLog log(path);
        Fixture f("log", {}, &log);
        Request r;
        r.method = "POST";
        r.path = "/v1/policies/salland/ggz-2024/decide";
        const std::string body = "[" + practice() + "," + R"({"agb":"12345678","kind":"umc"})" + "]";
        r.body = body;
        r.request_id = "req-42";
        CHECK(f.service->handle(r).status == 200);
        log.close();
        CHECK(log.written() == 2);
    }
    std::ifstream in(path);
    std::vector<nlohmann::ordered_json> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(nlohmann::ordered_json::parse(l));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["request_id"] == "req-42");
    CHECK(lines[0]["policy"] == "salland/ggz-2024");
    CHECK(lines[0]["outcome"] == "offer");
    CHECK(lines[0]["row"] == 1);
    std::string element = practice();  // the provider's JSON text as sent, without the whitespace around it
    while (!element.empty() && element.back() == '\n') element.pop_back();
    CHECK(lines[0]["input_sha256"] == sha256_hex(element));
    CHECK(lines[1]["outcome"] == "refuse");
    CHECK(lines[1]["grounds"].dump() == R"([{"section":"2.1","code":"out_of_scope"}])");
    CHECK(std::regex_match(lines[0]["time"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));

    fs::remove(path);
    {
        DecisionLog log(path);
        ServiceOptions o;
        o.log_input = true;
        Fixture f("log-input", o, &log);
        CHECK(f.call("POST", "/v1/policies/salland/ggz-2024/decide", practice()).status == 200);
    }
    std::ifstream in2(path);
    std::string l;
    std::getline(in2, l);
    CHECK(json::parse(l)["input"] == json::parse(practice()));
}

TEST_CASE("serve: a decision log write that fails part-way leaves whole lines only", "[serve]") {
    // The file may grow to 100 bytes (RLIMIT_FSIZE, as a full disk): of three 40-byte lines handed
    // in at once, two and half of the third reach the file before the write fails.
    const std::string path = "/tmp/inkoop-serve-torn.jsonl";
    fs::remove(path);
    const auto line = [](char c) { return "{\"x\":\"" + std::string(31, c) + "\"}\n"; };
    REQUIRE(line('a').size() == 40);
    rlimit old{};
    REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 100;
    {
        DecisionLog log(path);
        REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
        log.append(line('a') + line('b') + line('c'));
        // The writer thread fails the write; wait for it as long as any machine may need (a bound,
        // not a speed: the loop ends as soon as it has).
        for (int i = 0; i < 60'000 && log.failed() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        REQUIRE(setrlimit(RLIMIT_FSIZE, &old) == 0);
        CHECK(log.written() == 2);
        CHECK(log.failed() == 1);
        CHECK_FALSE(log.healthy());
        // The torn third line is gone, so the next line starts a line of its own.
        log.append(line('d'));
        log.close();
        CHECK(log.written() == 3);
    }
    std::signal(SIGXFSZ, old_handler);
    CHECK(read_file(path) == line('a') + line('b') + line('d'));
    fs::remove(path);
}

TEST_CASE("serve: one provider object is decided, answered and logged as the array of one that holds it", "[serve]") {
    // A body that is one object is parsed once (no array around it); this holds its answer and its
    // decision log line to those of the array path, bodies good and bad.
    const std::string deep = std::string(63, '[') + std::string(63, ']');  // the object at the deepest that is read
    const std::vector<std::string> bodies{
        practice(),
        "  \n" + practice() + "\n\n",
        R"({"agb":"12345678","kind":"umc"})",
        R"({"agb":"12345678","kind":"vrijgevestigde","colour":"red"})",
        R"({"agb":"12345678","kind":"vrijgevestigde","fte_regiebehandelaren":"acht","locations":2.5})",
        R"({"agb":"12345678","kind":"vrijgevestigde","fte_regiebehandelaren":[1,2],"x_note":{"a":[1,"b"]}})",
        R"({"kind":"vrijgevestigde"})",
        R"({"agb":12345678,"kind":"vrijgevestigde","agb":"87654321","fte_regiebehandelaren":6.50,"locations":2e0})",
        R"({"agb":"1234\u00e9678","kind":"vrij\u0067evestigde","x_z":null,"x_a":true,"established_in_nl":null})",
        R"({"agb":"12345678","kind":"vrijgevestigde","x_deep":)" + deep + "}",
        "{}",
    };
    const std::string path = "/tmp/inkoop-serve-one-object.jsonl";
    for (const std::string& body : bodies) {
        std::array<std::string, 2> answers, logs;
        for (size_t k = 0; k < 2; ++k) {
            fs::remove(path);
            {
                DecisionLog log(path);
                Fixture f("one-object", {}, &log);
                answers[k] = f.call("POST", "/v1/policies/salland/ggz-2024/decide", k == 0 ? body : "[" + body + "]").body;
                log.close();
            }
            logs[k] = read_file(path);
            logs[k] = std::regex_replace(logs[k], std::regex(R"re("(time|request_id)":"[^"]*")re"), "");
        }
        INFO(body.substr(0, 120));
        CHECK(answers[0] == answers[1]);
        CHECK(logs[0] == logs[1]);
    }
    fs::remove(path);
}

TEST_CASE("serve: an uploaded list gets the run's summary and its records", "[serve]") {
    Fixture f("upload");
    const std::string csv = read_file(INKOOP_SOURCE_DIR "/scripts/samples/providers.csv");
    Response r = f.call("POST", "/v1/policies/zorg-en-zekerheid/ggz-2024/batch", csv);
    CHECK(r.status == 200);
    CHECK(r.content_type == "application/x-ndjson; charset=utf-8");
    REQUIRE(r.stream);  // the records stream out as they are decided
    collect_stream(r);
    // A record per row, then the summary's line.
    const std::string& body = r.body;
    REQUIRE(!body.empty());
    REQUIRE(body.back() == '\n');
    const size_t last = body.rfind('\n', body.size() - 2);
    const json j = json::parse(body.substr(last + 1));
    const std::string records = body.substr(0, last + 1);
    const json& s = j["summary"];
    CHECK(s["rows"] == 2000);
    CHECK(s["rows"].get<size_t>() == s["decided"].get<size_t>() + s["rejected"].get<size_t>());
    size_t sum = 0;
    for (const auto& [k, n] : s["policies"][0]["outcomes"].items()) sum += n.get<size_t>();
    CHECK(sum == s["decided"].get<size_t>() - s["failed"].get<size_t>());
    CHECK(static_cast<size_t>(std::count(records.begin(), records.end(), '\n')) == 2000);
    CHECK(j["policy"] == "zorg-en-zekerheid/ggz-2024");
    const Response bad = f.call("POST", "/v1/policies/zorg-en-zekerheid/ggz-2024/batch", "agb,colour\n12345678,red\n");
    CHECK(bad.status == 400);
    CHECK(json::parse(bad.body)["error"]["message"] ==
          "upload: unknown field 'colour'; columns that are not schema fields must start with x_");
}

TEST_CASE("serve: an uploaded list as a workbook is made whole first, and a workbook that cannot be made is 500, not an empty download",
          "[serve]") {
    Fixture f("upload-xlsx");
    const std::string csv = "agb,kind\n12345678,vrijgevestigde\n";
    Response r = f.call("POST", "/v1/policies/salland/ggz-2024/batch", csv, {{"format", "xlsx"}});
    CHECK(r.status == 200);
    CHECK(r.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    REQUIRE(r.stream);
    collect_stream(r);
    REQUIRE(r.body.size() > 1000);
    CHECK(r.body.substr(0, 2) == "PK");
    const char* before = std::getenv("TMPDIR");
    const std::string kept = before ? before : "";
    ::setenv("TMPDIR", "/nonexistent/inkoop-test", 1);  // no place for the workbook (what a full disk does)
    Response bad = f.call("POST", "/v1/policies/salland/ggz-2024/batch", csv, {{"format", "xlsx"}});
    if (before)
        ::setenv("TMPDIR", kept.c_str(), 1);
    else
        ::unsetenv("TMPDIR");
    CHECK(bad.status == 500);
    CHECK(!bad.stream);
    CHECK(json::parse(bad.body)["error"]["message"].get<std::string>().rfind("the workbook could not be made: ", 0) == 0);
}

namespace {

struct Live {
    Fixture f;
    std::unique_ptr<HttpServer> server;
    int port = 0;
    std::thread thread;
    Live(const std::string& name, ServiceOptions so, ServerOptions o) : f(name, std::move(so)) {
        o.host = "127.0.0.1";
        o.port = 0;
        server = std::make_unique<HttpServer>(*f.service, o);
        port = server->bind();
        thread = std::thread([this] { server->run(); });
    }
    ~Live() {
        server->stop();
        thread.join();
    }
};

// A raw connection to the server: what a client that sends part of a request and waits does.
int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    return fd;
}

}  // namespace

TEST_CASE("serve over the wire: a body over the limit is 413 unread, a form body 415, a slow client is cut off", "[serve]") {
    ServiceOptions so;
    so.max_body = 2048;
    so.max_upload = 4096;
    {
        // The server's default timeouts: a client paused between its head and its body (a loaded
        // machine) is no slow client here.
        Live live("wire", so, {});
        httplib::Client c("127.0.0.1", live.port);
        auto r = c.Post("/v1/policies/salland/ggz-2024/decide", std::string(5000, ' '), "application/json");
        REQUIRE(r);
        CHECK(r->status == 413);
        CHECK(json::parse(r->body)["error"]["message"] == "the body is 5000 bytes; this route takes at most 2048");
        // A form (what a page of another site can send without asking) is no provider: 415.
        httplib::Client c2("127.0.0.1", live.port);
        r = c2.Post("/v1/policies/salland/ggz-2024/decide?set.max_fte_vrijgevestigde=6", practice(), "application/x-www-form-urlencoded");
        REQUIRE(r);
        CHECK(r->status == 415);
        CHECK(
            json::parse(r->body)["error"]["message"] ==
            "this route reads a body of type application/json, not application/x-www-form-urlencoded: send Content-Type: application/json");
        httplib::Client c3("127.0.0.1", live.port);
        r = c3.Post("/v1/policies/salland/ggz-2024/decide?set.max_fte_vrijgevestigde=6", practice(), "application/json");
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(json::parse(r->body)["records"][0]["outcome"] == "refuse");
    }
    // A client that sends part of its body and waits is cut off after the idle timeout (300 ms)
    // with 408: the server closes the connection at some time after it, bounded here only for a
    // broken server.
    ServerOptions o;
    o.idle_timeout = std::chrono::milliseconds(300);
    Live live("slow", so, o);
    const int fd = connect_to(live.port);
    const std::string part =
        "POST /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        "100\r\n\r\n{\"agb\"";
    CHECK(::send(fd, part.data(), part.size(), 0) == static_cast<ssize_t>(part.size()));
    const auto start = std::chrono::steady_clock::now();
    char buf[512];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
    }
    CHECK(n == 0);  // the server closed the connection
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(120));
    ::close(fd);
    httplib::Client c("127.0.0.1", live.port);
    CHECK(c.Get("/healthz")->status == 200);  // and serves on
}

TEST_CASE("serve over the wire: a connection beyond --max-connections is answered 503", "[serve]") {
    ServerOptions o;
    o.max_connections = 1;
    // The first connection must still be held when the second comes, however slow the machine:
    // the keep-alive wait is far longer than the test (it ends when the client closes).
    o.head_timeout = std::chrono::seconds(600);
    Live live("full", {}, o);
    httplib::Client first("127.0.0.1", live.port);
    first.set_keep_alive(true);
    REQUIRE(first.Get("/healthz")->status == 200);  // the one connection place is now taken
    httplib::Client second("127.0.0.1", live.port);
    auto r = second.Get("/healthz");
    REQUIRE(r);
    CHECK(r->status == 503);
    CHECK(r->get_header_value("Retry-After") == "1");
    CHECK(live.server->refused_connections() == 1);
    CHECK(live.f.service->metrics().refusals(Refusal::Connections) == 1);
}

TEST_CASE("serve over the wire: stop() answers the request in flight before returning", "[serve]") {
    // Each step waits for what the previous one caused, never for a time: the request is waiting
    // for the one policy state before the server is stopped, and the server has stopped accepting
    // before the state is given back.
    ServiceOptions so;
    so.states = 1;
    so.queue_wait = std::chrono::minutes(10);
    Live live("drain", so, {});
    auto set = live.f.service->current();
    Lease held = set->acquire(std::chrono::milliseconds(0), 0);  // the request will wait for this state
    std::atomic<int> status{0};
    std::thread client([&] {
        httplib::Client c("127.0.0.1", live.port);
        c.set_read_timeout(600, 0);
        if (auto r = c.Post("/v1/policies/salland/ggz-2024/decide", practice(), "application/json")) status = r->status;
    });
    const auto until = [](auto&& holds) {  // polls; the bound is for a broken server, not a speed
        for (int i = 0; i < 600'000 && !holds(); ++i) std::this_thread::sleep_for(std::chrono::microseconds(100));
        return holds();
    };
    REQUIRE(until([&] { return set->waiting() == 1; }));
    live.f.service->set_draining(true);
    CHECK(live.f.service->handle(Request{"GET", "/readyz", {}, {}, {}, {}, {}, {}}).status == 503);
    std::thread stopper([&] { live.server->stop(); });
    const auto refused = [&] {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(live.port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool no = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0;
        ::close(fd);
        return no;
    };
    CHECK(until(refused));  // stop() has closed the listening socket and waits for the request
    CHECK(status == 0);     // not answered yet: it waits for the state
    held = Lease();         // the state is free: the request in flight is decided
    client.join();
    stopper.join();
    CHECK(status == 200);
}

TEST_CASE("serve: a request's head is admitted by its Host and its body's type, with its route's body limit", "[serve]") {
    ServiceOptions so;
    so.allowed_hosts = {"inkoop.example", "::1"};
    Fixture f("admit", so);
    Service& s = *f.service;
    Admission a = s.admit({"GET", "/v1/policies", "evil.example", "", false});
    REQUIRE(a.refusal);
    CHECK(a.refusal->status == 421);
    CHECK(a.reason == Refusal::WrongHost);
    CHECK(json::parse(a.refusal->body)["error"]["message"] ==
          "this server does not answer for the host evil.example: start it with --allow-host NAME to answer for that name");
    for (const char* host : {"127.0.0.1:8080", "localhost", "LOCALHOST:1", "localhost.", "[::1]:8080", "127.1.2.3", "Inkoop.Example:443"})
        CHECK_FALSE(s.admit({"GET", "/healthz", host, "", false}).refusal);
    for (const char* host : {"evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example", "[::2]", "128.0.0.1"})
        CHECK(s.admit({"GET", "/healthz", host, "", false}).refusal);
    a = s.admit({"GET", "/healthz", "", "", false});
    REQUIRE(a.refusal);
    CHECK(a.refusal->status == 400);
    CHECK(json::parse(a.refusal->body)["error"]["message"] == "the request has no Host header");

    a = s.admit({"POST", "/v1/policies/salland/ggz-2024/decide", "127.0.0.1", "text/plain", true});
    REQUIRE(a.refusal);
    CHECK(a.refusal->status == 415);
    CHECK(a.reason == Refusal::ContentType);
    CHECK(json::parse(a.refusal->body)["error"]["message"] ==
          "this route reads a body of type application/json, not text/plain: send Content-Type: application/json");
    a = s.admit({"POST", "/v1/policies/salland/ggz-2024/batch", "127.0.0.1", "", true});
    REQUIRE(a.refusal);
    CHECK(json::parse(a.refusal->body)["error"]["message"] ==
          "this route reads a body of type text/csv, application/json, application/x-ndjson, application/jsonl, application/octet-stream, "
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet and the request names none: send Content-Type: text/csv");
    a = s.admit({"POST", "/v1/policies/salland/ggz-2024/decide", "127.0.0.1", "Application/JSON; charset=utf-8", true});
    CHECK_FALSE(a.refusal);
    CHECK(a.body_limit == so.max_body);
    a = s.admit({"POST", "/v1/policies/salland/ggz-2024/batch", "127.0.0.1", "text/csv", true});
    CHECK_FALSE(a.refusal);
    CHECK(a.body_limit == so.max_upload);
    a = s.admit({"POST", "/v1/admin/reload", "127.0.0.1", "", false});  // no body: no type to declare
    CHECK_FALSE(a.refusal);
    CHECK(a.body_limit == 0);
    CHECK(s.admit({"GET", "/v1/policies", "127.0.0.1", "", true}).body_limit == 0);  // a GET reads no body
}

TEST_CASE("serve: the questions of a policy for a kind, in the document's order, and those that still decide", "[serve]") {
    Fixture f("questions");
    const std::string route = "/v1/policies/salland/ggz-2024/questions";
    json j = json::parse(f.call("POST", route, "{}").body);
    CHECK(j["outcome"] == "incomplete");
    CHECK(j["questions"].size() == 1);  // the kind first: the rules that apply depend on it
    CHECK(j["questions"][0]["field"] == "kind");
    CHECK(j["next"] == "kind");

    json answers = {{"kind", "vrijgevestigde"}};
    j = json::parse(f.call("POST", route, answers.dump()).body);
    CHECK(j["questions"].size() == 32);
    CHECK(j["deciding"] == 20);
    CHECK(j["next"] == "meets_profession_requirements");
    CHECK(j["insurer_facts"] == json::array({"contracted_last_year"}));
    std::vector<std::string> order;
    for (const auto& q : j["questions"]) order.push_back(q["field"]);
    CHECK(std::vector<std::string>(order.begin(), order.begin() + 5) ==
          std::vector<std::string>{"kind", "delivers_abroad", "meets_profession_requirements", "fte_regiebehandelaren", "locations"});
    // No insurer fact is asked of the provider.
    const Schema& schema = f.service->current()->schema();
    for (const auto& name : order) CHECK_FALSE(schema.find(name)->insurer_fact);

    // Answering the next question each time, as scripts/samples/practice-ok.json does, reaches an
    // offer once the insurer has its own fact: 20 answers after the kind.
    const json ok = json::parse(practice());
    size_t answered = 0;
    for (;;) {
        j = json::parse(f.call("POST", route, answers.dump()).body);
        if (j["next"].is_null()) break;
        const std::string field = j["next"];
        answers[field] = ok.at(field);
        ++answered;
        REQUIRE(answered < 40);
    }
    CHECK(answered == 20);
    CHECK(j["outcome"] == "incomplete");
    CHECK(j["record"]["missing"] == json::array({"contracted_last_year"}));
    answers["contracted_last_year"] = true;
    j = json::parse(f.call("POST", route, answers.dump()).body);
    CHECK(j["outcome"] == "offer");
    CHECK(j["insurer_facts"].empty());
    const json bad = json::parse(f.call("POST", route, R"({"kind":"ziekenhuisje"})").body);
    CHECK(bad["error"]["status"] == 400);
}
