#include "output.hpp"

#include <fmt/format.h>

namespace inkoop {
namespace {

void key(std::string& out, std::string_view k) {
    out += '"';
    out += k;
    out += "\":";
}

void number(std::string& out, double v) { fmt::format_to(std::back_inserter(out), "{}", v); }

void item_json(std::string& out, const Item& i) {
    out += "{\"code\":";
    out += i.code.json();
    out += ",\"section\":";
    out += i.section.json();
    out += ",\"text\":";
    out += i.text.json();
    out += '}';
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

void date_json(std::string& out, const Date& d) {
    out += '"';
    out += d.iso();
    out += '"';
}

void contract_json(std::string& out, const Contract& c) {
    out += "{\"type\":";
    append_json_string(out, c.type);
    out += ",\"start\":";
    date_json(out, c.start);
    out += ",\"end\":";
    date_json(out, c.end);
    out += ",\"sign_by\":";
    if (c.sign_by) date_json(out, *c.sign_by);
    else out += "null";
    out += ",\"settings\":";
    strings_json(out, c.settings);
    out += ",\"excluded\":";
    strings_json(out, c.excluded);
    out += ",\"section\":";
    append_json_string(out, c.section);
    out += '}';
}

void tariff_json(std::string& out, const Tariff& t) {
    out += "{\"basis\":";
    append_json_string(out, t.basis);
    if (t.percentage) {
        out += ",\"percentage\":";
        number(out, *t.percentage);
    }
    if (t.amount_eur) {
        out += ",\"amount_eur\":";
        number(out, *t.amount_eur);
    }
    out += ",\"text\":";
    out += t.text.json();
    out += ",\"section\":";
    out += t.section.json();
    out += ",\"surcharges\":";
    items_json(out, t.surcharges);
    out += '}';
}

void passthrough_json(std::string& out, const std::vector<std::pair<std::string, std::string>>& p) {
    for (const auto& [k, v] : p) {
        out += ',';
        append_json_string(out, k);
        out += ':';
        append_json_string(out, v);
    }
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
    out += '{';
    key(out, "agb");
    append_json_string(out, d.agb);
    out += ',';
    key(out, "policy");
    append_json_string(out, d.policy);
    out += ',';
    key(out, "outcome");
    append_json_string(out, outcome_name(d.outcome));
    if (d.contract) {
        out += ',';
        key(out, "contract");
        contract_json(out, *d.contract);
    }
    if (d.tariff) {
        out += ',';
        key(out, "tariff");
        tariff_json(out, *d.tariff);
    }
    out += ',';
    key(out, "grounds");
    items_json(out, d.grounds);
    out += ',';
    key(out, "conditions");
    items_json(out, d.conditions);
    out += ',';
    key(out, "review");
    items_json(out, d.review);
    out += ',';
    key(out, "missing");
    strings_json(out, d.missing);
    passthrough_json(out, passthrough);
    out += '}';
}

void append_error_json(std::string& out, const ErrorRecord& e) {
    out += "{\"agb\":";
    append_json_string(out, e.agb);
    out += ",\"policy\":";
    if (e.policy.empty()) out += "null";
    else append_json_string(out, e.policy);
    out += ",\"error\":{\"file\":";
    append_json_string(out, e.file);
    fmt::format_to(std::back_inserter(out), ",\"row\":{},\"kind\":", e.row);
    append_json_string(out, e.kind);
    out += ",\"field\":";
    append_json_string(out, e.field);
    out += ",\"reason\":";
    append_json_string(out, e.reason);
    out += '}';
    passthrough_json(out, e.passthrough);
    out += '}';
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
    append_csv_field(out, e.field);
    out += ',';
    append_csv_field(out, fmt::format("row {}: {}", e.row, e.reason));
    passthrough_csv(out, e.passthrough, passthrough);
    out += '\n';
}

}  // namespace inkoop
