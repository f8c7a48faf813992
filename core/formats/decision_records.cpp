#include "core/formats/decision_records.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "core/base/text.hpp"

namespace inkoop {
namespace {

// A found value as JSON: a number, a yes/no, a date or text as a string, null when unknown.
void found_value_json(std::string& out, const Value& v) {
    if (const auto* b = std::get_if<bool>(&v)) {
        out += *b ? "true" : "false";
    } else if (const auto* i = std::get_if<int64_t>(&v)) {
        fmt::format_to(std::back_inserter(out), "{}", *i);
    } else if (const auto* n = std::get_if<double>(&v)) {
        fmt::format_to(std::back_inserter(out), "{}", *n);
    } else if (const auto* d = std::get_if<Date>(&v)) {
        append_json_string(out, d->iso());
    } else if (const auto* s = std::get_if<std::string>(&v)) {
        append_json_string(out, *s);
    } else {
        out += "null";
    }
}

// "found":[{"field":"fte_regiebehandelaren","test":"at_most","value":9,"holds":false,"required":true,"limit":8}]; a one_of's
// limit is the list of its values; a test without a limit (is_true, known) has none.
void found_json(JsonObject& o, const std::vector<Found>& found) {
    std::string& out = o.key("found");
    out += '[';
    for (size_t k = 0; k < found.size(); ++k) {
        if (k) out += ',';
        const Found& f = found[k];
        JsonObject fo(out);
        fo.string("field", f.field);
        fo.string("test", f.test);
        found_value_json(fo.key("value"), f.value);
        fo.raw("holds", f.holds ? "true" : "false");
        fo.raw("required", f.required ? "true" : "false");
        if (f.test == "one_of") {
            std::string& l = fo.key("limit");
            l += '[';
            for (size_t j = 0; j < f.limit.size(); ++j) {
                if (j) l += ',';
                found_value_json(l, f.limit[j]);
            }
            l += ']';
        } else if (!f.limit.empty()) {
            found_value_json(fo.key("limit"), f.limit.front());
        }
    }
    out += ']';
}

void item_json(std::string& out, const Item& i) {
    JsonObject o(out);
    o.raw("code", i.code.json());
    o.raw("section", i.section.json());
    o.raw("text", i.text.json());
    if (!i.found.empty()) found_json(o, i.found);
}

void items_json(std::string& out, const std::vector<Item>& items) {
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        item_json(out, items[i]);
    }
    out += ']';
}

void strings_json(std::string& out, const std::vector<std::string>& v) {
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, v[i]);
    }
    out += ']';
}

void conditional_json(std::string& out, const std::vector<ConditionalItem>& items) {
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        JsonObject o(out);
        o.string("effect", items[i].effect);
        o.raw("code", items[i].item.code.json());
        o.raw("section", items[i].item.section.json());
        o.raw("text", items[i].item.text.json());
        strings_json(o.key("settled_by"), items[i].settled_by);
    }
    out += ']';
}

// A date as a JSON string, written in place.
void date_json(std::string& out, const Date& d) {
    char buf[16];
    const int y = d.year(), m = d.month(), day = d.day();
    buf[0] = '"';
    buf[1] = static_cast<char>('0' + y / 1000 % 10);
    buf[2] = static_cast<char>('0' + y / 100 % 10);
    buf[3] = static_cast<char>('0' + y / 10 % 10);
    buf[4] = static_cast<char>('0' + y % 10);
    buf[5] = '-';
    buf[6] = static_cast<char>('0' + m / 10);
    buf[7] = static_cast<char>('0' + m % 10);
    buf[8] = '-';
    buf[9] = static_cast<char>('0' + day / 10);
    buf[10] = static_cast<char>('0' + day % 10);
    buf[11] = '"';
    out.append(buf, 12);
}

void contract_json(std::string& out, const Contract& c) {
    JsonObject o(out);
    o.string("type", c.type);
    date_json(o.key("start"), c.start);
    date_json(o.key("end"), c.end);
    if (c.sign_by)
        date_json(o.key("sign_by"), *c.sign_by);
    else
        o.raw("sign_by", "null");
    strings_json(o.key("settings"), c.settings);
    strings_json(o.key("excluded"), c.excluded);
    o.string("section", c.section);
}

void tariff_json(std::string& out, const Tariff& t) {
    JsonObject o(out);
    o.string("basis", t.basis);
    if (t.percentage) fmt::format_to(std::back_inserter(o.key("percentage")), "{}", *t.percentage);
    if (t.amount_eur) fmt::format_to(std::back_inserter(o.key("amount_eur")), "{}", *t.amount_eur);
    o.raw("text", t.text.json());
    o.raw("section", t.section.json());
    items_json(o.key("surcharges"), t.surcharges);
}

void trace_json(std::string& out, const std::vector<TraceEntry>& trace) {
    out += '[';
    for (size_t i = 0; i < trace.size(); ++i) {
        if (i) out += ',';
        const TraceEntry& e = trace[i];
        JsonObject o(out);
        o.string("rule", e.rule);
        o.string("section", e.section);
        o.string("result", e.result);
        o.string("text", e.text);
        if (!e.facts.empty()) strings_json(o.key("facts"), e.facts);
    }
    out += ']';
}

// The x_ columns as further members of the object being written; their names are the input's, so
// escaped as any text (as DecisionJsonWriter writes them).
void passthrough_json(JsonObject& o, const std::vector<std::pair<std::string, std::string>>& p) {
    for (const auto& [k, v] : p) o.text_member(k, v);
}

// The projection of each element, joined with '|'.
template <class T, class Project>
std::string joined(const std::vector<T>& v, Project project) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) s += '|';
        s += project(v[i]);
    }
    return s;
}

std::string joined(const std::vector<std::string>& v) {
    return joined(v, [](const std::string& x) -> const std::string& { return x; });
}
std::string joined_codes(const std::vector<Item>& items) {
    return joined(items, [](const Item& i) { return i.code.str(); });
}
std::string joined_sections(const std::vector<Item>& items) {
    return joined(items, [](const Item& i) { return i.section.str(); });
}

constexpr const char* kCsvColumns[] = {
    "agb",
    "policy",
    "outcome",
    "contract.type",
    "contract.start",
    "contract.end",
    "contract.sign_by",
    "contract.settings",
    "contract.excluded",
    "tariff.basis",
    "tariff.percentage",
    "tariff.surcharges",
    "grounds",
    "grounds.section",
    "conditions",
    "review",
    "missing",
    "open_facts",
    "conditional",
    "error.kind",
    "error.field",
    "error.reason",
    "grounds.text",
    "review.text",
    "policy_version",
    "params",
};

}  // namespace

void append_decision_json(std::string& out, const Decision& d, bool trace) { append_decision_json(out, d, d.passthrough, trace); }

void append_decision_json(std::string& out, const Decision& d, const std::vector<std::pair<std::string, std::string>>& passthrough,
                          bool trace) {
    JsonObject o(out);
    o.string("agb", d.agb);
    o.string("policy", d.policy);
    if (!d.policy_version.empty_text()) o.raw("policy_version", d.policy_version.json());
    if (!d.params.empty_text()) o.raw("params", d.params.str());
    o.string("outcome", outcome_name(d.outcome));
    if (d.contract) contract_json(o.key("contract"), *d.contract);
    if (d.tariff) tariff_json(o.key("tariff"), *d.tariff);
    items_json(o.key("grounds"), d.grounds);
    items_json(o.key("conditions"), d.conditions);
    items_json(o.key("review"), d.review);
    strings_json(o.key("missing"), d.missing);
    strings_json(o.key("open_facts"), d.open_facts);
    conditional_json(o.key("conditional"), d.conditional);
    if (trace) trace_json(o.key("trace"), d.trace);
    passthrough_json(o, passthrough);
}

namespace {

bool same_content(const Decision& a, const Decision& b) {
    return a.outcome == b.outcome && a.grounds == b.grounds && a.review == b.review && a.conditions == b.conditions &&
           a.missing == b.missing && a.open_facts == b.open_facts && a.conditional == b.conditional && a.contract == b.contract &&
           a.tariff == b.tariff && a.policy == b.policy && a.policy_version == b.policy_version && a.params == b.params;
}

}  // namespace

namespace {

uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001B3ULL + (h >> 29); }

uint64_t hash_text(uint64_t h, std::string_view s) {
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    return mix(h, s.size());
}

// What a found value adds to a decision's hash: the number or yes/no it is, else its kind (texts
// and dates of found values are told apart by the comparison that follows a hit).
uint64_t found_hash(const Value& v) {
    if (const auto* n = std::get_if<double>(&v)) return std::hash<double>{}(*n);
    if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<uint64_t>(*i);
    if (const auto* d = std::get_if<Date>(&v)) return static_cast<uint64_t>(d->days());
    if (const auto* b = std::get_if<bool>(&v)) return *b ? 3 : 5;
    return v.index();
}

uint64_t hash_items(uint64_t h, const std::vector<Item>& items) {
    h = mix(h, items.size());
    for (const auto& i : items) {
        h = mix(h, reinterpret_cast<uintptr_t>(i.code.str().data()));  // texts are shared: their address
        for (const auto& f : i.found) h = mix(h, found_hash(f.value));
    }
    return h;
}

// A hash of everything a decision's JSON holds but its AGB and pass-through columns.
uint64_t content_hash(const Decision& d) {
    uint64_t h = mix(0xcbf29ce484222325ULL, static_cast<uint64_t>(d.outcome));
    h = hash_items(h, d.grounds);
    h = hash_items(h, d.conditions);
    h = hash_items(h, d.review);
    h = mix(h, d.missing.size());
    for (const auto& m : d.missing) h = hash_text(h, m);
    h = mix(h, d.open_facts.size());
    for (const auto& m : d.open_facts) h = hash_text(h, m);
    h = mix(h, d.conditional.size());
    for (const auto& c : d.conditional) h = mix(hash_text(h, c.effect), reinterpret_cast<uintptr_t>(c.item.code.str().data()));
    if (d.contract) {
        h = mix(h, static_cast<uint64_t>(d.contract->start.days()) << 32 ^ static_cast<uint32_t>(d.contract->end.days()));
        h = mix(h, d.contract->sign_by ? static_cast<uint64_t>(d.contract->sign_by->days()) : 1);
        h = hash_text(h, d.contract->type);
        h = mix(h, d.contract->settings.size() * 131 + d.contract->excluded.size());
    }
    if (d.tariff) h = hash_items(hash_text(h, d.tariff->basis), d.tariff->surcharges);
    return h;
}

}  // namespace

void DecisionJsonWriter::append(std::string& out, const Decision& d, const std::vector<std::pair<std::string, std::string>>& passthrough) {
    constexpr size_t kEntries = 4096;
    const uint64_t key = content_hash(d);
    auto it = entries_.find(key);
    if (it == entries_.end() || !same_content(it->second.decision, d)) {
        // A content seen for the first time is written as it is, not kept: most such are never seen
        // again (what a provider's own figures make unique). One seen before is kept for the next.
        // The hashes seen are remembered in a fixed table, a slot each, the newest winning: one
        // forgotten only means a content is written once more as it is.
        uint64_t& slot = seen_[key & (kSeenSlots - 1)];
        if (slot != key) {
            slot = key;
            return append_decision_json(out, d, passthrough);
        }
        if (entries_.size() >= kEntries) entries_.clear();
        Entry e;
        e.decision = d;
        e.decision.agb.clear();
        e.decision.trace.clear();
        e.decision.passthrough.clear();
        std::string whole;
        append_decision_json(whole, e.decision, {});
        const size_t body_start = std::string_view("{\"agb\":\"\"").size();
        e.body = whole.substr(body_start, whole.size() - body_start - 1);  // without the closing brace
        it = entries_.insert_or_assign(key, std::move(e)).first;
    }
    out.append("{\"agb\":", 7);
    append_json_string(out, d.agb);
    out += it->second.body;
    for (const auto& [k, v] : passthrough) {
        out.push_back(',');
        append_json_string(out, k);
        out.push_back(':');
        append_json_string(out, v);
    }
    out.push_back('}');
}

void append_error_json(std::string& out, const ErrorRecord& e, std::string_view provider) {
    JsonObject o(out);
    o.string("agb", e.agb);
    if (e.policy.empty())
        o.raw("policy", "null");
    else
        o.string("policy", e.policy);
    {
        JsonObject error(o.key("error"));
        error.string("file", e.file);
        error.raw("row", std::to_string(e.row));
        error.string("kind", e.kind);
        error.string("field", e.field());
        error.string("reason", e.reason());
        std::string& list = error.key("problems");
        list += '[';
        for (size_t i = 0; i < e.problems.size(); ++i) {
            if (i) list += ',';
            JsonObject p(list);
            p.string("field", e.problems[i].field);
            p.string("reason", e.problems[i].message);
            if (!e.problems[i].words.pattern.empty()) {  // the same, to be shown in any language (RunSummary, the workbook)
                JsonObject m(p.key("message"));
                m.string("pattern", e.problems[i].words.pattern);
                strings_json(m.key("args"), e.problems[i].words.args);
            }
        }
        list += ']';
    }
    passthrough_json(o, e.passthrough);
    if (!provider.empty()) o.raw("provider", provider);
}

CsvStyle CsvStyle::excel() { return CsvStyle{';', true, true, "\r\n"}; }

CsvLayout::CsvLayout(CsvStyle style, std::vector<int> kept, std::vector<std::string> passthrough, const Schema& schema)
    : style_(std::move(style)), kept_(std::move(kept)), passthrough_(std::move(passthrough)), schema_(schema) {}

std::vector<std::string> CsvLayout::columns() const {
    std::vector<std::string> cols(std::begin(kCsvColumns), std::end(kCsvColumns));
    for (int f : kept_) cols.push_back(schema_.at(f).name);
    cols.insert(cols.end(), passthrough_.begin(), passthrough_.end());
    return cols;
}

// Every CSV inkoop writes is one a spreadsheet may open: text cells are neutralised (README,
// "CSV and spreadsheets").
void CsvLayout::cell(std::string& out, std::string_view s, bool first) const {
    if (!first) out += style_.sep;
    append_csv_text(out, s, style_.sep);
}

void CsvLayout::value_cell(std::string& out, std::string_view s, bool first) const {
    if (!first) out += style_.sep;
    append_csv_field(out, s, style_.sep);
}

std::string CsvLayout::number(double x) const {
    std::string s = fmt::format("{}", x);
    if (style_.decimal_comma) std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

void CsvLayout::header(std::string& out) const {
    if (style_.bom) out += "\xEF\xBB\xBF";
    const auto cols = columns();
    for (size_t i = 0; i < cols.size(); ++i) cell(out, cols[i], i == 0);
    out += style_.eol;
}

void CsvLayout::tail(std::string& out, const Provider* p, const std::vector<std::pair<std::string, std::string>>& values) const {
    for (int f : kept_) {
        const Field& field = schema_.at(f);
        const Value v = p ? (*p)[f] : Value{};
        if (const auto n = as_number(v))
            value_cell(out, number(*n), false);
        else if (std::holds_alternative<Date>(v))
            value_cell(out, format_value(v, field), false);
        else
            cell(out, is_known(v) ? format_value(v, field) : std::string(), false);
    }
    for (const auto& c : passthrough_) {
        std::string_view v;
        for (const auto& [k, x] : values)
            if (k == c) {
                v = x;
                break;
            }
        // An x_ column is text, but a number in it ("-5", "-3,5") stays a number.
        if (parse_number(v, style_.decimal_comma) || parse_number(v, false))
            value_cell(out, v, false);
        else
            cell(out, v, false);
    }
    out += style_.eol;
}

void CsvLayout::decision(std::string& out, const Decision& d, const Provider* p,
                         const std::vector<std::pair<std::string, std::string>>& values) const {
    cell(out, d.agb, true);
    cell(out, d.policy, false);
    cell(out, outcome_name(d.outcome), false);
    const Contract* c = d.contract ? &*d.contract : nullptr;
    cell(out, c ? c->type : "", false);
    cell(out, c ? c->start.iso() : "", false);
    cell(out, c ? c->end.iso() : "", false);
    cell(out, c && c->sign_by ? c->sign_by->iso() : "", false);
    cell(out, c ? joined(c->settings) : "", false);
    cell(out, c ? joined(c->excluded) : "", false);
    const Tariff* t = d.tariff ? &*d.tariff : nullptr;
    cell(out, t ? t->basis : "", false);
    value_cell(out, t && t->percentage ? number(*t->percentage) : "", false);
    cell(out, t ? joined_codes(t->surcharges) : "", false);
    cell(out, joined_codes(d.grounds), false);
    cell(out, joined_sections(d.grounds), false);
    cell(out, joined_codes(d.conditions), false);
    cell(out, joined_codes(d.review), false);
    cell(out, joined(d.missing), false);
    cell(out, joined(d.open_facts), false);
    cell(out, joined(d.conditional, [](const ConditionalItem& c) { return c.item.code.str(); }), false);
    cell(out, "", false);  // error.kind
    cell(out, "", false);  // error.field
    cell(out, "", false);  // error.reason
    cell(out, joined(d.grounds, [](const Item& i) { return i.section.str() + " " + i.text.str(); }), false);
    cell(out, joined(d.review, [](const Item& i) { return i.section.str() + " " + i.text.str(); }), false);
    cell(out, d.policy_version.str(), false);
    cell(out, d.params.str() == "{}" ? "" : d.params.str(), false);
    tail(out, p, values);
}

void CsvLayout::error(std::string& out, const ErrorRecord& e, const Provider* p) const {
    cell(out, e.agb, true);
    cell(out, e.policy, false);
    cell(out, "error", false);
    for (int i = 0; i < 16; ++i) cell(out, "", false);
    cell(out, e.kind, false);
    cell(out, e.field(), false);
    cell(out, fmt::format("row {}: {}", e.row, e.reason()), false);
    for (int i = 0; i < 4; ++i) cell(out, "", false);
    tail(out, p, e.passthrough);
}

std::string ErrorRecord::field() const {
    std::vector<std::string_view> names;
    for (const auto& p : problems)
        if (!p.field.empty() && std::find(names.begin(), names.end(), p.field) == names.end()) names.push_back(p.field);
    return fmt::format("{}", fmt::join(names, ", "));
}

std::string ErrorRecord::reason() const {
    if (problems.size() == 1) return problems.front().message;
    std::string r;
    for (const auto& p : problems) {
        if (!r.empty()) r += "; ";
        r += p.text();
    }
    return r;
}

}  // namespace inkoop
