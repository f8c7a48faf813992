// The deciding routes of the service: decide (one provider or an array), diff (one provider under
// two policies) and batch (a whole list uploaded). Records are written by the encoders batch
// writes with, so a decision over HTTP is byte for byte the record `inkoop batch` would write.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

#include "core/analysis/flip.hpp"
#include "core/analysis/questions.hpp"
#include "core/analysis/transitions.hpp"
#include "core/base/hash.hpp"
#include "core/base/io.hpp"
#include "core/base/json_text.hpp"
#include "core/formats/decision_records.hpp"
#include "core/formats/input.hpp"
#include "core/formats/source_text.hpp"
#include "core/model/decision_diff.hpp"
#include "core/run/list_run.hpp"
#include "core/run/run_summary.hpp"
#include "core/run/sinks.hpp"
#include "core/run/workbook.hpp"
#include "core/serve/service.hpp"

namespace inkoop::serve {

namespace {

constexpr std::string_view kInputName = "request";
constexpr std::string_view kUpload = "upload";  // an uploaded list, as its records and messages name it

// What a request asks besides its body: explain=, flip=, set.NAME=VALUE (and for batch, nothing
// else). An unknown key is an error, as an unknown field is.
struct Query {
    bool explain = false, flip = false;
    std::vector<std::string> settings;
    std::string format = "jsonl";  // batch: jsonl, csv or xlsx
};

bool flag(const std::string& key, const std::string& v) {
    if (v == "true" || v == "1" || v.empty()) return true;
    if (v == "false" || v == "0") return false;
    throw std::invalid_argument(fmt::format("{}={}: say true or false", key, v));
}

// The parameters a request decides with: the served ones, with its set.NAME=VALUE over the defaults.
ParamValues params_of(const Query& q, const PolicySet& set, size_t policy) {
    return q.settings.empty() ? set.params(policy) : apply_settings(set.policy(policy), q.settings);
}

// A settings error as the query spells it: set.NAME=VALUE, not --set.
std::string query_message(std::string m) {
    if (m.starts_with("--set ")) m = "set." + m.substr(6);
    return m;
}

Query read_query(const Request& req, bool decide_flags, bool batch_format = false) {
    Query q;
    for (const auto& [k, v] : req.query) {
        if (k.starts_with("set.") && k.size() > 4)
            q.settings.push_back(k.substr(4) + "=" + v);
        else if (batch_format && k == "format") {
            if (v != "jsonl" && v != "csv" && v != "xlsx") throw std::invalid_argument(fmt::format("format={}: say jsonl, csv or xlsx", v));
            q.format = v;
        } else if (decide_flags && k == "explain")
            q.explain = flag(k, v);
        else if (decide_flags && k == "flip")
            q.flip = flag(k, v);
        else
            throw std::invalid_argument(fmt::format("unknown query parameter '{}' (this route takes {}set.NAME=VALUE)", k,
                                                    decide_flags   ? "explain=true, flip=true and "
                                                    : batch_format ? "format=jsonl|csv|xlsx and "
                                                                   : ""));
    }
    return q;
}

// Now in UTC to the millisecond: 2026-12-05T23:01:02.123Z.
std::string utc_now() {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const std::time_t secs = ms / 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return fmt::format("{}.{:03}Z", buf, ms % 1000);
}

// The answer to a request with a problem in its body or query: 400 with the error record batch
// writes for a bad row, so that a portal reads one shape of error whichever way it asks.
Response input_error(Route route, const std::string& policy, std::string_view agb, std::vector<FieldError> problems) {
    std::string body = "{\"error\":{\"status\":400,\"message\":";
    std::string message;
    for (const auto& p : problems) message += (message.empty() ? "" : "; ") + p.text();
    append_json_string(body, message);
    body += "},\"records\":[";
    append_error_json(body, ErrorRecord{std::string(agb), policy, std::string(kInputName), 1, "input", std::move(problems), {}});
    body += "]}";
    Response r;
    r.status = 400;
    r.body = std::move(body);
    r.route = route;
    return r;
}

// The body as a JSON array of providers: an object is read as an array of one. Empty optional
// with `error` set when the body is not JSON, or not an object or array.
std::optional<std::string> as_array(std::string_view body, std::string& error) {
    size_t i = 0;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) ++i;
    if (i == body.size()) {
        error = "the body is empty: send a provider as a JSON object, or an array of them";
        return std::nullopt;
    }
    if (json_depth(body) > kMaxJsonDepth + 1) {  // the array around the providers is one level
        error = fmt::format("the JSON is nested more than {} levels deep", kMaxJsonDepth);
        return std::nullopt;
    }
    if (!nlohmann::json::accept(body)) {
        try {
            const auto ignored = nlohmann::json::parse(body);
        } catch (const nlohmann::json::exception& e) {
            error = std::string("invalid JSON: ") + e.what();
        }
        if (error.empty()) error = "invalid JSON";
        return std::nullopt;
    }
    if (body[i] == '[') return std::string(body);
    if (body[i] != '{') {
        error = "the body is a JSON value but not a provider: send a JSON object, or an array of them";
        return std::nullopt;
    }
    std::string wrapped;
    wrapped.reserve(body.size() + 2);
    wrapped += '[';
    wrapped += body;
    wrapped += ']';
    return wrapped;
}

void log_fields(JsonObject& o, const Request& req, const std::string& request_id, const Decision* d, const EvalFailure* f,
                const std::string& policy, const std::string& version, const std::string& params, std::string_view input, bool log_input,
                size_t row);

// One decision log line: time, request, policy, version, parameters, the input's SHA-256 (or the
// input itself), outcome and grounds with section and code apart.
void log_line(std::string& out, const Request& req, const std::string& request_id, const Decision* d, const EvalFailure* f,
              const std::string& policy, const std::string& version, const std::string& params, std::string_view input, bool log_input,
              size_t row) {
    {
        JsonObject o(out);
        log_fields(o, req, request_id, d, f, policy, version, params, input, log_input, row);
    }
    out += '\n';
}

void log_fields(JsonObject& o, const Request& req, const std::string& request_id, const Decision* d, const EvalFailure* f,
                const std::string& policy, const std::string& version, const std::string& params, std::string_view input, bool log_input,
                size_t row) {
    o.string("time", utc_now());
    o.string("request_id", request_id);
    o.string("route", req.path);
    o.string("policy", policy);
    o.string("policy_version", version);
    o.raw("parameters", params);
    o.raw("row", std::to_string(row));
    if (log_input)
        o.raw("input", nlohmann::json::parse(input).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    else
        o.string("input_sha256", sha256_hex(input));
    if (d) {
        o.string("agb", d->agb);
        o.string("outcome", outcome_name(d->outcome));
        std::string& a = o.key("grounds");
        a += '[';
        for (size_t i = 0; i < d->grounds.size(); ++i) {
            if (i) a += ',';
            JsonObject item(a);
            item.raw("section", d->grounds[i].section.json());
            item.raw("code", d->grounds[i].code.json());
        }
        a += ']';
    } else if (f) {
        o.string("outcome", "failed");
        o.string("kind", f->kind_name());
        o.string("message", f->message);
    }
}

// The smallest changes of facts that make the policy propose a contract (eval --flip); a policy
// failing on a changed provider ends the search with {"error": ...} in place of the solutions.
nlohmann::ordered_json flips_for(Evaluator& ev, size_t policy, const Provider& p, const ParamValues& params) {
    try {
        return flips_json(search_flips(ev, policy, p, params), p.schema());
    } catch (const ScriptError& e) {
        return {{"error", fmt::format("{}: {}", error_kind_name(e.kind()), e.what())}};
    } catch (const std::exception& e) {
        return {{"error", e.what()}};
    }
}

// The elements of a JSON array as batch reads them: every element a row, in order. False when
// there are more than `max`.
// A decide body that is one provider object, parsed once: true with the object's text (trimmed,
// as the array reader gives an element's) and its document. False for anything else (an array, a
// body that is not JSON, too deep or too long, invalid UTF-8), which goes the way of an array, to
// the same answer it always had.
bool single_provider(std::string_view body, std::string_view& text, nlohmann::json& j) {
    using sources::is_json_space;
    text = body;
    while (!text.empty() && is_json_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_json_space(text.back())) text.remove_suffix(1);
    if (text.empty() || text.front() != '{' || text.size() > csv::kMaxRecordBytes || json_depth(text) > kMaxJsonDepth) return false;
    j = nlohmann::json::parse(text, nullptr, false);
    return !j.is_discarded() && j.is_object();
}

bool read_elements(const std::string& array, size_t max, RawChunk& chunk) {
    StringSource bytes(array, std::string(kInputName));
    auto source = open_records(bytes, {.format = InputFormat::JsonArray});
    while (source->read(chunk, max + 1))
        if (chunk.records.size() > max) return false;
    return chunk.records.size() <= max;
}

// The providers of a decide body: one object parsed once, or the elements of an array.
struct DecideBody {
    bool one = false;
    std::string_view single_text;
    nlohmann::json single;
    RawChunk chunk;
};

// Reads a decide body into `b`; the answer when it is not providers (400) or too many (413).
std::optional<Response> read_providers(std::string_view body, const std::string& id, size_t max, DecideBody& b) {
    b.one = single_provider(body, b.single_text, b.single);
    if (b.one) return std::nullopt;
    std::string problem;
    const auto array = as_array(body, problem);
    if (!array) return input_error(Route::Decide, id, "", {{"", problem}});
    if (!read_elements(*array, max, b.chunk))
        return error_response(413, fmt::format("more than {} providers in one request; send a long list to the batch route", max),
                              Route::Decide);
    return std::nullopt;
}

struct Counts {
    size_t rows, decided, rejected, failed;
};

// The answer to decide: 400 when a provider had bad input, else 422 when the policy failed on
// one, else 200; every record either way, in the order of the providers.
Response decide_response(const std::string& id, const Policy& pol, const std::string& params_json, const Counts& n,
                         const std::string& records, const nlohmann::ordered_json* flips) {
    Response r;
    r.route = Route::Decide;
    r.status = n.rejected ? 400 : n.failed ? 422 : 200;
    std::string& b = r.body;
    b.reserve(records.size() + 256);
    {
        JsonObject o(b);
        o.string("policy", id);
        o.raw("policy_version", pol.version.json());
        o.raw("parameters", params_json);
        o.raw("rows", std::to_string(n.rows));
        o.raw("decided", std::to_string(n.decided));
        o.raw("rejected", std::to_string(n.rejected));
        o.raw("failed", std::to_string(n.failed));
        std::string& a = o.key("records");
        a += '[';
        a += records;
        a += ']';
        if (flips) o.raw("flips", flips->is_null() ? "[]" : flips->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    return r;
}

}  // namespace

Response Service::decide(const Request& req, const std::shared_ptr<PolicySet>& set, size_t policy) {
    const Policy& pol = set->policy(policy);
    const std::string& id = set->ids()[policy];
    if (req.body.size() > options_.max_body)
        return error_response(413,
                              fmt::format("the body is {} bytes; a decide request takes at most {} (send a long list to the batch route)",
                                          req.body.size(), options_.max_body),
                              Route::Decide);
    Query q;
    ParamValues params;
    try {
        q = read_query(req, true);
        params = params_of(q, *set, policy);
    } catch (const std::exception& e) {
        return input_error(Route::Decide, id, "", {{"", query_message(e.what())}});
    }
    DecideBody providers;
    if (auto refused = read_providers(req.body, id, options_.max_providers, providers)) return std::move(*refused);
    const bool one = providers.one;
    const RawChunk& chunk = providers.chunk;
    const std::string_view single_text = providers.single_text;
    const size_t rows = one ? 1 : chunk.records.size();
    if (q.flip && rows != 1)
        return input_error(Route::Decide, id, "", {{"", "flip=true searches for one provider: send one provider object"}});

    Response busy;
    Lease ev = lease(*set, busy);
    if (!ev) return busy;
    const ColumnMap columns{&set->schema(), {}, {}, ',', false};
    RecordDecoder decoder(InputFormat::JsonArray, columns, set->schema());
    const std::string params_json = non_default_params_json(pol, params);
    std::string records, log;
    size_t rejected = 0, failed = 0, decided = 0;
    Provider p(set->schema());
    RowProblems problems;
    Decision d;
    EvalFailure f;
    nlohmann::ordered_json flips;
    for (size_t i = 0; i < rows; ++i) {
        const RawRecord* rec = one ? nullptr : &chunk.records[i];
        const size_t row = one ? 1 : rec->row;
        if (!records.empty()) records += ',';
        if (one)
            decoder.decode(providers.single, p, problems);
        else
            decoder.decode(chunk, *rec, p, problems);
        if (!problems.errors.empty()) {
            ++rejected;
            append_error_json(records,
                              ErrorRecord{problems.agb, "", std::string(kInputName), row, "input", problems.errors, p.passthrough});
            continue;
        }
        d.clear();
        const bool ok = q.explain ? ev->explain(policy, p, params, d, f) : ev->decide_with(policy, p, params, d, f);
        if (!ok) {
            ++failed;
            metrics_.failure(policy, f.kind_name());
            append_error_json(records,
                              ErrorRecord{p.agb(), id, std::string(kInputName), row, f.kind_name(), {{"", f.message}}, p.passthrough});
        } else {
            ++decided;
            metrics_.decision(policy, category_of(d));
            append_decision_json(records, d, p.passthrough, q.explain);
            if (q.flip) flips = flips_for(*ev, policy, p, params);
        }
        if (log_)
            log_line(log, req, req.request_id, ok ? &d : nullptr, ok ? nullptr : &f, id, pol.version.str(), params_json,
                     one ? single_text : chunk.text(*rec), options_.log_input, row);
    }
    if (log_ && !log.empty()) log_->append(log);

    const Counts counts{rows, decided, rejected, failed};
    return decide_response(id, pol, params_json, counts, records, q.flip ? &flips : nullptr);
}

Response Service::diff(const Request& req, const std::shared_ptr<PolicySet>& set, size_t a, size_t b) {
    const std::array<size_t, 2> at{a, b};
    const std::string pair_name = set->ids()[a] + " -> " + set->ids()[b];
    if (req.body.size() > options_.max_body)
        return error_response(413, fmt::format("the body is {} bytes; a diff request takes at most {}", req.body.size(), options_.max_body),
                              Route::Diff);
    std::array<ParamValues, 2> params;
    try {
        const Query q = read_query(req, false);
        const std::vector<const Policy*> all{&set->policy(a), &set->policy(b)};
        for (size_t k = 0; k < 2; ++k)
            params[k] = q.settings.empty() ? set->params(at[k]) : params_for(set->policy(at[k]), all, q.settings, {});
    } catch (const std::exception& e) {
        return input_error(Route::Diff, pair_name, "", {{"", query_message(e.what())}});
    }
    std::string problem;
    const auto array = as_array(req.body, problem);
    if (array && array->size() == req.body.size() + 2) {  // an object, wrapped
        StringSource bytes(*array, std::string(kInputName));
        auto source = open_records(bytes, {.format = InputFormat::JsonArray});
        const ColumnMap columns = map_columns(*source, set->schema(), std::string(kInputName));
        RecordDecoder decoder(InputFormat::JsonArray, columns, set->schema());
        RawChunk chunk;
        source->read(chunk, 2);
        Provider p(set->schema());
        RowProblems problems;
        if (chunk.records.size() == 1 && decoder.decode(chunk, chunk.records[0], p, problems) && problems.errors.empty())
            return diff_one(req, set, at, p, params, chunk.text(chunk.records[0]));
        return input_error(Route::Diff, pair_name, problems.agb,
                           problems.errors.empty() ? std::vector<FieldError>{{"", "the provider is empty"}} : problems.errors);
    }
    if (array) problem = "diff compares one provider: send one provider object (decide takes arrays)";
    return input_error(Route::Diff, pair_name, "", {{"", problem}});
}

Response Service::diff_one(const Request& req, const std::shared_ptr<PolicySet>& set, std::array<size_t, 2> at, const Provider& p,
                           const std::array<ParamValues, 2>& params, std::string_view input) {
    Response busy;
    Lease ev = lease(*set, busy);
    if (!ev) return busy;
    std::array<Decision, 2> d;
    std::string log;
    for (size_t k = 0; k < 2; ++k) {
        const Policy& pol = set->policy(at[k]);
        EvalFailure f;
        if (!ev->decide_with(at[k], p, params[k], d[k], f)) {
            metrics_.failure(at[k], f.kind_name());
            Response r = error_response(422, fmt::format("{} failed on the provider ({}): {}", set->ids()[at[k]], f.kind_name(), f.message),
                                        Route::Diff);
            r.body.pop_back();
            r.body += ",\"records\":[";
            append_error_json(
                r.body,
                ErrorRecord{p.agb(), set->ids()[at[k]], std::string(kInputName), 1, f.kind_name(), {{"", f.message}}, p.passthrough});
            r.body += "]}";
            return r;
        }
        metrics_.decision(at[k], category_of(d[k]));
        if (log_)
            log_line(log, req, req.request_id, &d[k], nullptr, set->ids()[at[k]], pol.version.str(),
                     non_default_params_json(pol, params[k]), input, options_.log_input, 1);
    }
    if (log_) log_->append(log);
    const auto changes = compare_decisions(d[0], d[1], set->policy(at[1]).info.year - set->policy(at[0]).info.year);
    Response r;
    r.route = Route::Diff;
    {
        JsonObject o(r.body);
        o.string("agb", d[0].agb);
        std::string& ids = o.key("policies");
        ids += '[';
        append_json_string(ids, set->ids()[at[0]]);
        ids += ',';
        append_json_string(ids, set->ids()[at[1]]);
        ids += ']';
        o.key("policy_versions") += '[' + set->policy(at[0]).version.json() + ',' + set->policy(at[1]).version.json() + ']';
        o.key("outcome") += fmt::format("{{\"before\":\"{}\",\"after\":\"{}\"}}", outcome_name(d[0].outcome), outcome_name(d[1].outcome));
        o.raw("differs", d[0].outcome != d[1].outcome || !changes.empty() ? "true" : "false");
        append_changes_json(o.key("changes"), changes);
        std::string& both = o.key("decisions");
        both += '[';
        append_decision_json(both, d[0], p.passthrough);
        both += ',';
        append_decision_json(both, d[1], p.passthrough);
        both += ']';
    }
    return r;
}

namespace {

// The request's lent evaluator as the batch engine's one worker, deciding with the request's
// parameters.
class LentEvaluator final : public Evaluator {
public:
    LentEvaluator(Evaluator& ev, size_t policy, ParamValues params) : ev_(ev), policy_(policy), params_(std::move(params)) {}
    size_t policy_count() const override { return 1; }
    const std::string& policy_id(size_t) const override { return ev_.policy_id(policy_); }
    const Policy& policy(size_t) const override { return ev_.policy(policy_); }
    const ParamValues& params(size_t) const override { return params_; }

private:
    bool run(size_t, const Provider& p, const ParamValues& params, DecideOptions options, Decision& out, EvalFailure& failure) override {
        return ev_.decide(policy_, p, params, options, out, failure);
    }
    Evaluator& ev_;
    size_t policy_;
    ParamValues params_;
};

void items_json(nlohmann::ordered_json& into, const char* key, const std::vector<ItemCount>& items) {
    auto a = nlohmann::ordered_json::array();
    for (const auto& i : items) a.push_back({{"section", i.section}, {"code", i.code}, {"text", i.text}, {"count", i.count}});
    into[key] = std::move(a);
}

// The run's summary as the report reads it from the records: outcomes with out of scope apart,
// grounds and review points each with section and code, and the rejected rows.
nlohmann::ordered_json summary_json(const RunSummary& s, const BatchStats& stats) {
    nlohmann::ordered_json j{{"rows", stats.rows},       {"decided", stats.decided},       {"rejected", stats.rejected},
                             {"failed", stats.failures}, {"duplicates", stats.duplicates}, {"seconds", stats.seconds}};
    auto policies = nlohmann::ordered_json::array();
    for (const auto& p : s.policies()) {
        nlohmann::ordered_json o{{"policy", p.id}, {"policy_version", p.version}, {"parameters", nlohmann::ordered_json::parse(p.params)}};
        nlohmann::ordered_json outcomes;
        for (Category c : kCategoryOrder) outcomes[std::string(category_token(c))] = p.count(c);
        o["outcomes"] = std::move(outcomes);
        o["failed"] = p.failures;
        items_json(o, "grounds", p.grounds);
        items_json(o, "out_of_scope", p.out_of_scope);
        items_json(o, "review", p.review);
        items_json(o, "conditions", p.conditions);
        policies.push_back(std::move(o));
    }
    j["policies"] = std::move(policies);
    auto rejected = nlohmann::ordered_json::array();
    for (const auto& r : s.rejected())
        if (rejected.size() < 100)
            rejected.push_back({{"row", r.row}, {"agb", r.agb}, {"kind", r.kind}, {"field", r.field}, {"reason", r.reason}});
    j["rejected_rows"] = std::move(rejected);
    return j;
}

void batch_log_fields(JsonObject&& o, const Request& req, const nlohmann::json& record, const std::string& upload_sha);

// A text member of a record: "" when it is missing or not a text (an input error's policy is null).
std::string text_of(const nlohmann::json& record, const char* key) {
    const auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A decision log line for a decision of an uploaded list, from its record.
void batch_log_line(std::string& out, const Request& req, const nlohmann::json& record, const std::string& upload_sha) {
    batch_log_fields(JsonObject(out), req, record, upload_sha);
    out += '\n';
}

void batch_log_fields(JsonObject&& o, const Request& req, const nlohmann::json& record, const std::string& upload_sha) {
    o.string("time", utc_now());
    o.string("request_id", req.request_id);
    o.string("route", req.path);
    o.string("policy", text_of(record, "policy"));
    o.string("policy_version", text_of(record, "policy_version"));
    o.raw("parameters", record.contains("params") ? record.at("params").dump() : "{}");
    o.string("input_sha256", upload_sha);
    o.string("agb", text_of(record, "agb"));
    o.string("outcome", text_of(record, "outcome"));
    std::string& a = o.key("grounds");
    a += '[';
    if (const auto g = record.find("grounds"); g != record.end())
        for (size_t i = 0; i < g->size(); ++i) {
            if (i) a += ',';
            JsonObject item(a);
            item.string("section", text_of((*g)[i], "section"));
            item.string("code", text_of((*g)[i], "code"));
        }
    a += ']';
}

}  // namespace

namespace {

// CSV for a download: the records as `inkoop batch --format csv` writes them, while the same
// rows' JSON Lines records go to `on_record` (the summary, the decision log and the metrics read
// those).
class TeeSink final : public RowSink {
public:
    TeeSink(DecisionSink jsonl, DecisionSink csv, const std::function<void(std::string_view)>* on_record)
        : jsonl_(std::move(jsonl)), csv_(std::move(csv)), on_record_(on_record) {}
    void begin(std::string& out) override { csv_.begin(out); }
    uint32_t row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) override {
        scratch_.clear();
        const uint32_t flags = jsonl_.row(r, ev, scratch_, err);
        records(scratch_);
        ignored_.clear();  // the same lines for standard error once is enough
        csv_.row(r, ev, out, ignored_);
        return flags;
    }
    void duplicate_record(const std::string& agb, size_t row, size_t first_row, std::string& out) override {
        scratch_.clear();
        jsonl_.duplicate_record(agb, row, first_row, scratch_);
        records(scratch_);
        csv_.duplicate_record(agb, row, first_row, out);
    }
    std::unique_ptr<RowSink> clone() const override { return std::make_unique<TeeSink>(jsonl_, csv_, on_record_); }

private:
    void records(std::string_view lines) {
        while (!lines.empty()) {
            const size_t nl = lines.find('\n');
            (*on_record_)(lines.substr(0, nl));
            if (nl == std::string_view::npos) break;
            lines.remove_prefix(nl + 1);
        }
    }
    DecisionSink jsonl_, csv_;
    const std::function<void(std::string_view)>* on_record_;
    std::string scratch_, ignored_;  // kept from row to row: no allocation per provider
};

// A Writer onto a streamed body.
class BodyOut final : public Writer {
public:
    explicit BodyOut(BodyWriter& w) : w_(w) {}
    void write(std::string_view bytes) override { w_.write(bytes); }

private:
    BodyWriter& w_;
};

}  // namespace

namespace {

// An uploaded list's run, streamed (Service::batch): the records as they are decided, each read
// once into the summary, the decision log (the input: the uploaded list's SHA-256 and the row)
// and the metrics. JSON Lines end with the summary's line; a workbook is made in a temporary file
// and sent once it is whole.
struct BatchJob {
    std::shared_ptr<PolicySet> set;
    size_t policy = 0;
    std::string id;
    ParamValues params;
    std::shared_ptr<ListInput> in;
    std::shared_ptr<Lease> ev;
    Request who;
    std::string upload_sha, format;
    DecisionLog* log = nullptr;
    Metrics* metrics = nullptr;

    std::string workbook_path;  // format xlsx: the workbook made whole, not yet sent
    std::string failure;        // why the run stopped before its end ("" when it did not)

    BatchJob() = default;
    BatchJob(const BatchJob&) = delete;
    BatchJob& operator=(const BatchJob&) = delete;
    ~BatchJob() {
        if (!workbook_path.empty()) ::unlink(workbook_path.c_str());
    }
    void run(BodyWriter& w);
    void send_workbook(BodyWriter& w) { send_file(w, workbook_path); }
    void record(std::string_view line);
    BatchStats decide(BodyWriter& w, std::ostream& err);
    void send_file(BodyWriter& w, const std::string& path);
    std::string summary_line(const BatchStats& stats, const std::string& messages, const std::string& error);

    RunSummary summary_;
    std::string log_lines_;
    std::vector<std::string> failed_;  // the kinds of the policy's failures, counted once the run is whole
};

void BatchJob::record(std::string_view line) {
    const auto record = nlohmann::json::parse(line);
    summary_.add(record);
    if (log && record.contains("outcome")) batch_log_line(log_lines_, who, record, upload_sha);
    if (log && log_lines_.size() > (size_t{1} << 20)) {
        log->append(log_lines_);
        log_lines_.clear();
    }
    if (!record.contains("outcome") && !text_of(record, "policy").empty())
        failed_.push_back(text_of(record.value("error", nlohmann::json::object()), "kind"));
}

BatchStats BatchJob::decide(BodyWriter& w, std::ostream& err) {
    const Schema& schema = set->schema();
    const auto jsonl = [&] {
        return DecisionSink(RecordStyle{OutputFormat::Jsonl, CsvLayout({}, {}, {}, schema), {}}, {id}, std::string(kUpload), true);
    };
    Evaluator& lent = **ev;
    const auto make = [&] { return std::make_unique<LentEvaluator>(lent, policy, params); };
    const BatchOptions options{.jobs = 1, .input_name = std::string(kUpload)};
    const std::function<void(std::string_view)> on_record = [this](std::string_view line) { record(line); };
    if (format == "csv") {
        BodyOut body(w);
        TeeSink sink(jsonl(),
                     DecisionSink(RecordStyle{OutputFormat::Csv, CsvLayout({}, {}, in->passthrough_columns(), schema), {}}, {id},
                                  std::string(kUpload), true),
                     &on_record);
        return ListRun(*in, RunOutput::to_stream(&body)).run(make, sink, err, options);
    }
    std::unique_ptr<DecisionWorkbook> workbook;
    std::string path;
    const std::vector<std::string> kept, passthrough = in->passthrough_columns();  // the workbook keeps references to these
    if (format == "xlsx") {
        std::string name = (std::filesystem::temp_directory_path() / "inkoop-upload-XXXXXX.xlsx").string();
        const int fd = ::mkstemps(name.data(), 5);
        if (fd < 0) throw FileError("cannot make a temporary file for the workbook");
        ::close(fd);
        path = name;
        const Lang lang = lang_from_name(set->policy(policy).info.language).value_or(Lang::En);
        workbook = std::make_unique<DecisionWorkbook>(path, kept, passthrough, schema, lang);
    }
    std::string line_out;
    LineWriter lines([&](std::string_view line) {
        line_out.assign(line);
        line_out += '\n';
        if (workbook)
            workbook->write(line_out);
        else
            w.write(line_out);
        record(line);
    });
    DecisionSink sink = jsonl();
    BatchStats stats;
    try {
        stats = ListRun(*in, RunOutput::to_stream(&lines)).run(make, sink, err, options);
        lines.finish();
        if (workbook) {
            workbook->finish();
            workbook.reset();
            workbook_path = path;  // sent once it is whole, then removed (send_workbook, ~BatchJob)
        }
    } catch (...) {
        workbook.reset();
        if (!path.empty()) ::unlink(path.c_str());
        throw;
    }
    return stats;
}

void BatchJob::send_file(BodyWriter& w, const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::string block(size_t{1} << 16, '\0');
    while (file.read(block.data(), static_cast<std::streamsize>(block.size())) || file.gcount() > 0)
        if (!w.write(std::string_view(block.data(), static_cast<size_t>(file.gcount())))) break;
}

std::string BatchJob::summary_line(const BatchStats& stats, const std::string& messages_text, const std::string& error) {
    nlohmann::ordered_json j{
        {"summary", summary_json(summary_, stats)}, {"policy", id}, {"policy_version", set->policy(policy).version.str()}};
    auto messages = nlohmann::ordered_json::array();
    std::istringstream err_lines(messages_text);
    size_t more = 0;
    for (std::string line; std::getline(err_lines, line);)
        if (messages.size() < 100)
            messages.push_back(line);
        else
            ++more;
    if (more) messages.push_back(fmt::format("... and {} more", more));
    j["messages"] = std::move(messages);
    if (!error.empty()) j["error"] = {{"status", 400}, {"message", error}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void BatchJob::run(BodyWriter& w) {
    std::ostringstream err;
    BatchStats stats;
    std::string error;
    try {
        stats = decide(w, err);
    } catch (const std::exception& e) {  // the list went bad after its header; a workbook could not be written
        error = e.what();
    }
    failure = error;
    for (const auto& kind : failed_) metrics->failure(policy, kind);
    summary_.finish();
    if (log && !log_lines_.empty()) log->append(log_lines_);
    for (const auto& p : summary_.policies())
        for (Category c : kCategoryOrder) metrics->decisions(policy, c, p.count(c));
    if (format == "jsonl") w.write(summary_line(stats, err.str(), error));
}

}  // namespace

Response Service::batch(const Request& req, const std::shared_ptr<PolicySet>& set, size_t policy) {
    const std::string id = set->ids()[policy];
    if (req.body.size() > options_.max_upload)
        return error_response(413,
                              fmt::format("the list is {} bytes; this server takes lists of at most {} (inkoop batch has no limit)",
                                          req.body.size(), options_.max_upload),
                              Route::Batch);
    Query q;
    ParamValues params;
    try {
        q = read_query(req, false, true);
        params = params_of(q, *set, policy);
    } catch (const std::exception& e) {
        return input_error(Route::Batch, id, "", {{"", query_message(e.what())}});
    }
    Response busy;
    auto ev = std::make_shared<Lease>(lease(*set, busy));
    if (!*ev) return busy;
    // The list is opened before the answer starts, so that a body that is no list is a 400.
    std::shared_ptr<ListInput> in;
    try {
        in = std::make_shared<ListInput>(open_list(std::make_unique<ViewSource>(req.body, std::string(kUpload)), std::string(kUpload),
                                                   {.format = std::nullopt, .schema = &set->schema()}, set->schema()));
    } catch (const FileError& e) {  // not a list: no header, an unknown column, not a workbook
        return input_error(Route::Batch, id, "", {{"", e.what()}});
    }
    Response r;
    r.route = Route::Batch;
    const std::string format = q.format;
    if (format == "jsonl") {
        r.content_type = "application/x-ndjson; charset=utf-8";
    } else {
        r.content_type = format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        r.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"beslissingen.{}\"", format));
    }
    // The records stream out as they are decided: the run's window bounds the memory.
    auto job = std::make_shared<BatchJob>();
    job->set = set;
    job->policy = policy;
    job->id = id;
    job->params = std::move(params);
    job->in = std::move(in);
    job->ev = std::move(ev);
    job->who = Request{req.method, req.path, {}, {}, req.authorization, req.request_id, req.content_type, req.origin};
    job->upload_sha = log_ ? sha256_hex(req.body) : "";
    job->format = q.format;
    job->log = log_;
    job->metrics = &metrics_;
    if (q.format == "xlsx") {
        // A workbook is made whole before the answer starts, so that a failure (a full disk, a list
        // over a sheet's rows) is an error status, not an empty download.
        struct Nowhere final : BodyWriter {
            bool write(std::string_view) override { return true; }
        } nowhere;
        job->run(nowhere);
        if (!job->failure.empty())
            return error_response(500, fmt::format("the workbook could not be made: {}", job->failure), Route::Batch);
        r.stream = [job](BodyWriter& w) { job->send_workbook(w); };
        return r;
    }
    r.stream = [job](BodyWriter& w) { job->run(w); };
    return r;
}

Response Service::questions(const Request& req, const std::shared_ptr<PolicySet>& set, size_t policy) {
    const Policy& pol = set->policy(policy);
    const std::string& id = set->ids()[policy];
    Query query;
    ParamValues params;
    try {
        query = read_query(req, true);
        params = params_of(query, *set, policy);
    } catch (const std::exception& e) {
        return input_error(Route::Questions, id, "", {{"", query_message(e.what())}});
    }
    std::string problem;
    const std::string_view body = req.body.empty() ? std::string_view("{}") : req.body;
    const auto array = as_array(body, problem);
    if (!array || array->size() != body.size() + 2)
        return input_error(Route::Questions, id, "", {{"", array ? "send the answers so far as one provider object" : problem}});
    RawChunk chunk;
    read_elements(*array, 1, chunk);
    const ColumnMap columns{&set->schema(), {}, {}, ',', false};
    RecordDecoder decoder(InputFormat::JsonArray, columns, set->schema());
    Provider p(set->schema());
    RowProblems problems;
    if (!chunk.records.empty()) decoder.decode(chunk, chunk.records[0], p, problems);
    // The AGB code decides nothing: a provider answering the questions need not give it first.
    std::erase_if(problems.errors, [&](const FieldError& e) { return e.field == "agb" && !is_known(p[set->schema().find("agb")->index]); });
    if (!problems.errors.empty()) return input_error(Route::Questions, id, problems.agb, problems.errors);
    Response busy;
    Lease ev = lease(*set, busy);
    if (!ev) return busy;
    const QuestionList q = questions_for(*ev, policy, p, params, query.explain);
    nlohmann::ordered_json flips;
    if (query.flip && q.decided) flips = flips_for(*ev, policy, p, params);
    Response r;
    r.route = Route::Questions;
    const Schema& schema = set->schema();
    {
        JsonObject o(r.body);
        o.string("policy", id);
        o.raw("policy_version", pol.version.json());
        if (q.decided) {
            o.string("outcome", category_token(category_of(q.decision)));
            std::string& rec = o.key("record");
            append_decision_json(rec, q.decision, p.passthrough, query.explain);
            if (query.flip) o.raw("flips", flips.is_null() ? "[]" : flips.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        } else {
            o.string("outcome", "failed");
            JsonObject e(o.key("error"));
            e.string("kind", q.failure.kind_name());
            e.string("message", q.failure.message);
        }
        std::string& a = o.key("questions");
        a += '[';
        for (size_t i = 0; i < q.questions.size(); ++i) {
            const Question& x = q.questions[i];
            if (i) a += ',';
            JsonObject item(a);
            item.string("field", schema.at(x.field).name);
            item.string("section", x.section);
            item.string("rule", x.rule);
            item.raw("answered", x.answered ? "true" : "false");
            item.raw("deciding", x.deciding ? "true" : "false");
        }
        a += ']';
        const int next = q.next();
        if (next >= 0)
            o.string("next", schema.at(q.questions[static_cast<size_t>(next)].field).name);
        else
            o.raw("next", "null");
        o.raw("deciding", std::to_string(q.deciding()));
        std::string& w = o.key("insurer_facts");
        w += '[';
        for (size_t i = 0; i < q.insurer_facts.size(); ++i) {
            if (i) w += ',';
            append_json_string(w, schema.at(q.insurer_facts[i]).name);
        }
        w += ']';
    }
    return r;
}

}  // namespace inkoop::serve
