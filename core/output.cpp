#include "output.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "text.hpp"

namespace inkoop {
namespace {

void item_json(std::string& out, const Item& i) {
    JsonObject o(out);
    o.raw("code", i.code.json());
    o.raw("section", i.section.json());
    o.raw("text", i.text.json());
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

std::string date_json(const Date& d) { return '"' + d.iso() + '"'; }

void contract_json(std::string& out, const Contract& c) {
    JsonObject o(out);
    o.string("type", c.type);
    o.raw("start", date_json(c.start));
    o.raw("end", date_json(c.end));
    o.raw("sign_by", c.sign_by ? date_json(*c.sign_by) : "null");
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

// The x_ columns as further members of the object being written.
void passthrough_json(JsonObject& o, const std::vector<std::pair<std::string, std::string>>& p) {
    for (const auto& [k, v] : p) o.string(k, v);
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
std::string joined_codes(const std::vector<Item>& items) { return joined(items, [](const Item& i) { return i.code.str(); }); }
std::string joined_sections(const std::vector<Item>& items) { return joined(items, [](const Item& i) { return i.section.str(); }); }

constexpr const char* kCsvColumns[] = {
    "agb", "policy", "outcome", "contract.type", "contract.start", "contract.end", "contract.sign_by",
    "contract.settings", "contract.excluded", "tariff.basis", "tariff.percentage", "tariff.surcharges",
    "grounds", "grounds.section", "conditions", "review", "missing", "error.kind", "error.field", "error.reason",
};

// Appends the x_ values in the header's order (a provider lacking one gets an empty cell).
void passthrough_csv(std::string& out, const std::vector<std::pair<std::string, std::string>>& values,
                     const std::vector<std::string>& columns) {
    for (const auto& c : columns) {
        out += ',';
        for (const auto& [k, v] : values)
            if (k == c) {
                append_csv_field(out, v);
                break;
            }
    }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    size_t run = 0;  // start of the stretch that needs no escaping
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {  // keep valid UTF-8 sequences, replace anything else
            if (const size_t n = utf8_sequence_length(s, i)) {
                i += n - 1;
                continue;
            }
            out.append(s, run, i - run);
            out += "\xEF\xBF\xBD";
            run = i + 1;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s, run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        }
    }
    out.append(s, run, s.size() - run);
    out += '"';
}

void append_decision_json(std::string& out, const Decision& d) { append_decision_json(out, d, d.passthrough); }

void append_decision_json(std::string& out, const Decision& d, const std::vector<std::pair<std::string, std::string>>& passthrough) {
    JsonObject o(out);
    o.string("agb", d.agb);
    o.string("policy", d.policy);
    o.string("outcome", outcome_name(d.outcome));
    if (d.contract) contract_json(o.key("contract"), *d.contract);
    if (d.tariff) tariff_json(o.key("tariff"), *d.tariff);
    items_json(o.key("grounds"), d.grounds);
    items_json(o.key("conditions"), d.conditions);
    items_json(o.key("review"), d.review);
    strings_json(o.key("missing"), d.missing);
    passthrough_json(o, passthrough);
}

void append_error_json(std::string& out, const ErrorRecord& e) {
    JsonObject o(out);
    o.string("agb", e.agb);
    if (e.policy.empty()) o.raw("policy", "null");
    else o.string("policy", e.policy);
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
        }
        list += ']';
    }
    passthrough_json(o, e.passthrough);
}

void append_csv_field(std::string& out, std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::vector<std::string> csv_columns(const std::vector<std::string>& passthrough) {
    std::vector<std::string> cols(std::begin(kCsvColumns), std::end(kCsvColumns));
    cols.insert(cols.end(), passthrough.begin(), passthrough.end());
    return cols;
}

void append_csv_header(std::string& out, const std::vector<std::string>& passthrough) {
    const auto cols = csv_columns(passthrough);
    for (size_t i = 0; i < cols.size(); ++i) {
        if (i) out += ',';
        append_csv_field(out, cols[i]);
    }
    out += '\n';
}

void append_decision_csv(std::string& out, const Decision& d, const std::vector<std::string>& passthrough,
                         const std::vector<std::pair<std::string, std::string>>& values) {
    const auto field = [&](std::string_view s) {
        append_csv_field(out, s);
        out += ',';
    };
    field(d.agb);
    field(d.policy);
    field(outcome_name(d.outcome));
    if (d.contract) {
        field(d.contract->type);
        field(d.contract->start.iso());
        field(d.contract->end.iso());
        field(d.contract->sign_by ? d.contract->sign_by->iso() : "");
        field(joined(d.contract->settings));
        field(joined(d.contract->excluded));
    } else {
        out += ",,,,,,";
    }
    if (d.tariff) {
        field(d.tariff->basis);
        field(d.tariff->percentage ? fmt::format("{}", *d.tariff->percentage) : "");
        field(joined_codes(d.tariff->surcharges));
    } else {
        out += ",,,";
    }
    field(joined_codes(d.grounds));
    field(joined_sections(d.grounds));
    field(joined_codes(d.conditions));
    field(joined_codes(d.review));
    field(joined(d.missing));
    out += ",,";  // error.kind, error.field, error.reason (the last without a trailing comma)
    passthrough_csv(out, values, passthrough);
    out += '\n';
}

void append_error_csv(std::string& out, const ErrorRecord& e, const std::vector<std::string>& passthrough) {
    append_csv_field(out, e.agb);
    out += ',';
    append_csv_field(out, e.policy);
    out += ",error,,,,,,,,,,,,,,,";
    append_csv_field(out, e.kind);
    out += ',';
    append_csv_field(out, e.field());
    out += ',';
    append_csv_field(out, fmt::format("row {}: {}", e.row, e.reason()));
    passthrough_csv(out, e.passthrough, passthrough);
    out += '\n';
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
