#include "core/serve/openapi.hpp"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

#include "core/run/manifest.hpp"

namespace inkoop::serve {

namespace {

using J = nlohmann::ordered_json;

J ref(std::string_view name) { return {{"$ref", fmt::format("#/components/schemas/{}", name)}}; }

// A provider field as a JSON Schema property (OpenAPI 3.0's dialect): null is unknown.
J field_schema(const Field& f) {
    J j;
    switch (f.type) {
    case FieldType::String: j["type"] = "string"; break;
    case FieldType::Bool: j["type"] = "boolean"; break;
    case FieldType::Number: j["type"] = "number"; break;
    case FieldType::Int: j["type"] = "integer"; break;
    case FieldType::Date:
        j["type"] = "string";
        j["format"] = "date";
        break;
    case FieldType::Enum:
        j["type"] = "string";
        j["enum"] = f.values;
        break;
    }
    if (f.eight_digits) j["pattern"] = "^[0-9]{8}$";
    if (f.min) j["minimum"] = *f.min;
    if (f.max) j["maximum"] = *f.max;
    if (!f.required) {
        j["nullable"] = true;
        if (f.type == FieldType::Enum) j["enum"].push_back(nullptr);  // OpenAPI 3.0.3: an enum lists null to allow it
    }
    j["title"] = f.label(Lang::Nl);
    j["description"] = f.doc;
    return j;
}

J provider_schema(const Schema& schema) {
    J j{{"type", "object"},
        {"description",
         "A provider: the answers to the contracting questionnaire (GET /v1/schema). A field left out or null is unknown, never "
         "false. Other fields are refused (400), except those starting with x_."}};
    J required = J::array();
    for (const Field* f : schema.required_fields()) required.push_back(f->name);
    if (!required.empty()) j["required"] = std::move(required);
    J props = J::object();
    for (const Field& f : schema.fields()) props[f.name] = field_schema(f);
    j["properties"] = std::move(props);
    return j;
}

// What a rule found: a fact of the provider, as read, against the limit in force.
J found_schema() {
    J props = {{"field", {{"type", "string"}}},
               {"test",
                {{"type", "string"},
                 {"enum", {"at_most", "at_least", "below", "above", "equals", "one_of", "is_true", "is_false", "known", "absent"}}}},
               {"value", {{"description", "as read: a number, true or false, an ISO date or a code; null when absent"}}},
               {"holds", {{"type", "boolean"}}},
               {"required", {{"type", "boolean"}, {"description", "the test is a requirement the provider must meet"}}},
               {"limit", {{"description", "the limit in force: one value, or the values of one_of"}}}};
    return {{"type", "object"}, {"required", {"field", "test", "value", "holds", "required"}}, {"properties", std::move(props)}};
}

J item_schema() {
    J props = {{"code", {{"type", "string"}}},
               {"section", {{"type", "string"}, {"description", "the section of the policy document it comes from"}}},
               {"text", {{"type", "string"}, {"description", "the rule's words, with the limits in force"}}},
               {"found",
                {{"type", "array"},
                 {"description", "the provider's facts that made the rule hold, each against the limit in force"},
                 {"items", found_schema()}}}};
    return {{"type", "object"}, {"required", {"code", "section", "text"}}, {"properties", std::move(props)}};
}

J record_schema() {
    J items = {{"type", "array"}, {"items", ref("Item")}};
    J facts = {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", "field names of facts still unknown"}};
    return {{"type", "object"},
            {"description",
             "A decision record, byte for byte as `inkoop batch` writes it (README, section 2 of the interface); or, for a "
             "provider that could not be decided, its error record."},
            {"properties",
             {{"agb", {{"type", "string"}}},
              {"policy", {{"type", "string"}, {"nullable", true}}},
              {"policy_version", {{"type", "string"}}},
              {"params", {{"type", "object"}, {"description", "the parameters set for this decision (set.NAME)"}}},
              {"outcome",
               {{"type", "string"},
                {"enum", {"offer", "refuse", "review", "incomplete"}},
                {"description", "a refusal whose only ground is out_of_scope is out of scope, not a refusal"}}},
              {"contract", {{"type", "object"}}},
              {"tariff", {{"type", "object"}}},
              {"grounds", items},
              {"conditions", items},
              {"review", items},
              {"missing", facts},
              {"open_facts", facts},
              {"conditional", {{"type", "array"}}},
              {"trace", {{"type", "array"}, {"description", "with explain=true: every rule evaluated, in the document's order"}}},
              {"error", {{"type", "object"}, {"description", "why the provider was not decided: kind, field, reason"}}}}}};
}

J decided_schema() {
    return {{"type", "object"},
            {"required", {"policy", "policy_version", "rows", "decided", "rejected", "failed", "records"}},
            {"properties",
             {{"policy", {{"type", "string"}}},
              {"policy_version", {{"type", "string"}}},
              {"parameters", {{"type", "object"}}},
              {"rows", {{"type", "integer"}}},
              {"decided", {{"type", "integer"}}},
              {"rejected", {{"type", "integer"}, {"description", "providers refused for bad input (400)"}}},
              {"failed", {{"type", "integer"}, {"description", "providers the policy failed on (422)"}}},
              {"records", {{"type", "array"}, {"items", ref("Record")}}},
              {"flips", {{"type", "array"}, {"description", "with flip=true: the smallest changes that make it an offer"}}}}}};
}

J error_schema() {
    return {{"type", "object"},
            {"required", {"error"}},
            {"properties",
             {{"error",
               {{"type", "object"},
                {"required", {"status", "message"}},
                {"properties", {{"status", {{"type", "integer"}}}, {"message", {{"type", "string"}}}}}}},
              {"records", {{"type", "array"}, {"items", ref("Record")}}}}}};
}

J json_body(J schema) { return {{"application/json", {{"schema", std::move(schema)}}}}; }

J answer(std::string_view what, J schema = ref("Error")) { return {{"description", what}, {"content", json_body(std::move(schema))}}; }

J id_parameter(const PolicySet& set, std::string_view name, std::string_view what) {
    return {{"name", name},
            {"in", "path"},
            {"required", true},
            {"description", fmt::format("{}: a policy id as GET /v1/policies lists it; its '/' may be sent as is or as %2F", what)},
            {"schema", {{"type", "string"}, {"enum", set.ids()}}}};
}

J flag(std::string_view name, std::string_view what) {
    return {{"name", name}, {"in", "query"}, {"required", false}, {"description", what}, {"schema", {{"type", "boolean"}}}};
}

// set.NAME for every parameter a served policy declares; a policy that does not declare it answers 400.
J set_parameters(const PolicySet& set) {
    std::map<std::string, std::vector<std::string>> who;
    std::map<std::string, std::string> docs;
    for (size_t i = 0; i < set.policy_count(); ++i)
        for (const Param& p : set.policy(i).params) {
            if (!p.withdrawn.empty()) continue;
            who[p.name].push_back(fmt::format("{} ({})", set.ids()[i], p.section));
            docs.emplace(p.name, fmt::format("{}: {}", set.ids()[i], p.doc));
        }
    J out = J::array();
    for (const auto& [name, where] : who)
        out.push_back({{"name", "set." + name},
                       {"in", "query"},
                       {"required", false},
                       {"description", fmt::format("a parameter of {}. {}", fmt::join(where, ", "), docs[name])},
                       {"schema", {{"type", "string"}}}});
    return out;
}

J one_policy_post(const PolicySet& set, const ServiceOptions& o, bool batch) {
    J op;
    J params = J::array({id_parameter(set, "id", "the policy")});
    if (batch) {
        op["summary"] = "Decide a whole list (CSV, JSON Lines, a JSON array or .xlsx)";
        op["requestBody"] = {{"required", true},
                             {"content",
                              {{"text/csv", {{"schema", {{"type", "string"}}}}},
                               {"application/json", {{"schema", {{"type", "string"}}}}},
                               {"application/x-ndjson", {{"schema", {{"type", "string"}}}}},
                               {"application/jsonl", {{"schema", {{"type", "string"}}}}},
                               {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                {{"schema", {{"type", "string"}, {"format", "binary"}}}}},
                               {"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
        op["description"] = fmt::format(
            "At most {} bytes, read as it comes (413 once over, chunked too). The records stream out as they are decided "
            "(chunked): with format=jsonl (the default) a JSON Lines record per provider, byte for byte as `inkoop batch` "
            "writes it, then one last line {{\"summary\": ..., \"policy\": ..., \"policy_version\": ..., \"messages\": "
            "[...]}}; with format=csv the CSV `inkoop batch --format csv` writes; with format=xlsx the workbook.",
            o.max_upload);
        params.push_back({{"name", "format"},
                          {"in", "query"},
                          {"required", false},
                          {"description", "jsonl (default), csv or xlsx"},
                          {"schema", {{"type", "string"}, {"enum", {"jsonl", "csv", "xlsx"}}}}});
        op["responses"] = {{"200", answer("the records as they are decided, the summary last", {{"type", "string"}})}};
        op["responses"]["200"]["content"] = {{"application/x-ndjson", {{"schema", {{"type", "string"}}}}},
                                             {"text/csv", {{"schema", {{"type", "string"}}}}},
                                             {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                              {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
    } else {
        op["summary"] = "Decide one provider, or several";
        op["description"] = fmt::format(
            "One provider object, or an array of at most {} (at most {} bytes). In an array every good provider is decided; "
            "the status follows `inkoop batch`'s exit code.",
            o.max_providers, o.max_body);
        op["requestBody"] = {{"required", true},
                             {"content", json_body({{"oneOf", {ref("Provider"), {{"type", "array"}, {"items", ref("Provider")}}}}})}};
        params.push_back(flag("explain", "keep the trace: every rule evaluated, with its section and result"));
        params.push_back(flag("flip", "one provider: the smallest changes of at most three facts that make it an offer"));
        op["responses"] = {{"200", answer("decided", ref("Decided"))}};
    }
    for (auto& p : set_parameters(set)) params.push_back(std::move(p));
    op["parameters"] = std::move(params);
    op["responses"]["400"] = answer("a body that is not JSON, an unknown field, a bad value or an unknown query parameter");
    op["responses"]["404"] = answer("no such policy is served");
    op["responses"]["415"] = answer(batch ? "a body of another type than those above" : "a body that is not application/json");
    op["responses"]["413"] = answer(batch ? "the upload is over the limit" : "the body or the number of providers is over the limit");
    op["responses"]["422"] = answer("the policy failed on a provider (a runtime error or a limit), with its kind");
    op["responses"]["503"] = answer("every policy state busy and the queue full; see Retry-After");
    if (batch) op["responses"]["500"] = answer("format=xlsx: the workbook could not be made (it is made whole before the answer starts)");
    return op;
}

J diff_post(const PolicySet& set) {
    J op{{"summary", "One provider under two policies: both decisions and what differs"},
         {"parameters", {id_parameter(set, "a", "the first policy"), id_parameter(set, "b", "the second policy")}},
         {"requestBody", {{"required", true}, {"content", json_body(ref("Provider"))}}}};
    op["responses"] = {{"200", answer("both decisions and the changes", {{"type", "object"}})},
                       {"400", answer("a body that is not one provider object, or a bad value")},
                       {"404", answer("no such policy is served")},
                       {"413", answer("the body is over the limit")},
                       {"422", answer("a policy failed on the provider")},
                       {"503", answer("every policy state busy and the queue full; see Retry-After")}};
    return op;
}

J get(std::string_view summary, J ok) { return {{"get", {{"summary", summary}, {"responses", {{"200", std::move(ok)}}}}}}; }

J paths(const PolicySet& set, const ServiceOptions& o) {
    J p = J::object();
    p["/v1/policies"] = get("The served policies and their versions", answer("the policies", {{"type", "object"}}));
    p["/v1/policies/{id}"] = get("One policy: scope, exclusions, parameters, rules in the document's order, version",
                                 answer("the policy", {{"type", "object"}}));
    p["/v1/policies/{id}"]["get"]["parameters"] = J::array({id_parameter(set, "id", "the policy")});
    p["/v1/policies/{id}"]["get"]["responses"]["404"] = answer("no such policy is served");
    p["/v1/schema"] = get("The provider schema, with Dutch and English labels and questions", answer("the schema", {{"type", "object"}}));
    p["/v1/policies/{id}/decide"] = {{"post", one_policy_post(set, o, false)}};
    p["/v1/policies/{a}/diff/{b}"] = {{"post", diff_post(set)}};
    p["/v1/policies/{id}/batch"] = {{"post", one_policy_post(set, o, true)}};
    p["/v1/policies/{id}/questions"] = {
        {"post",
         {{"summary", "The questions that decide a provider: the policy's questions for its kind, in the document's order"},
          {"description",
           "The answers so far as one provider object (`{}` for none). The answer lists the provider's own questions the policy's "
           "rules read for its kind (the kind first; insurer facts never), each with `answered` and `deciding` (the decision so "
           "far waits for it, or it is open), `next` (the first deciding question not answered), the insurer facts the decision "
           "waits for, and the decision so far as its record."},
          {"parameters", J::array({id_parameter(set, "id", "the policy"),
                                   flag("explain", "keep the decision's trace: every rule evaluated, with its section and result"),
                                   flag("flip", "the smallest changes of at most three facts that make it an offer")})},
          {"requestBody", {{"required", true}, {"content", json_body(ref("Provider"))}}},
          {"responses",
           {{"200", answer("the questions and the decision so far", {{"type", "object"}})},
            {"400", answer("a body that is not one provider object, or a bad value")},
            {"404", answer("no such policy is served")},
            {"415", answer("a body that is not application/json")},
            {"503", answer("every policy state busy and the queue full; see Retry-After")}}}}}};
    p["/v1/openapi.json"] = get("This description", answer("OpenAPI 3.0", {{"type", "object"}}));
    p["/v1/admin/reload"] = {{"post",
                              {{"summary", "Load the policies afresh and swap them in"},
                               {"responses",
                                {{"200", answer("the generation and the versions now served", {{"type", "object"}})},
                                 {"403", answer("the server has no token: reload with SIGHUP")},
                                 {"500", answer("loading failed; the policies loaded before go on serving")}}}}}};
    p["/healthz"] = get("Live", answer("live", {{"type", "object"}}));
    p["/readyz"] = get("Ready: policies loaded, not draining, decision log writable", answer("ready", {{"type", "object"}}));
    p["/readyz"]["get"]["responses"]["503"] = answer("not ready, and why");
    p["/metrics"] = {
        {"get",
         {{"summary", "Counters in the Prometheus text format"},
          {"responses", {{"200", {{"description", "the counters"}, {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}}}}};
    if (!o.token.empty())  // every route but the page and the health checks needs the token
        for (auto& [path, item] : p.items())
            if (path != "/healthz" && path != "/readyz")
                for (auto& [method, op] : item.items()) op["responses"]["401"] = answer("no or a wrong bearer token");
    return p;
}

}  // namespace

std::string openapi_json(const PolicySet& set, const ServiceOptions& o) {
    J doc;
    doc["openapi"] = "3.0.3";
    doc["info"] = {{"title", "inkoop"},
                   {"version", inkoop_version()},
                   {"description",
                    "Decisions of Dutch health insurers' purchasing policies (zorginkoopbeleid), each rule citing the section of "
                    "the published policy it comes from. Every decision carries the policy_version that made it."}};
    doc["paths"] = paths(set, o);
    doc["components"]["schemas"] = {{"Provider", provider_schema(set.schema())},
                                    {"Record", record_schema()},
                                    {"Item", item_schema()},
                                    {"Decided", decided_schema()},
                                    {"Error", error_schema()}};
    if (!o.token.empty()) {
        doc["components"]["securitySchemes"] = {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}};
        doc["security"] = J::array({{{"bearer", J::array()}}});
        for (const char* open : {"/healthz", "/readyz"}) doc["paths"][open]["get"]["security"] = J::array();
    }
    return doc.dump(2) + "\n";
}

}  // namespace inkoop::serve
