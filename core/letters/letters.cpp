#include "core/letters/letters.hpp"

#include <algorithm>
#include <cmark.h>
#include <filesystem>
#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/base/hash.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/formats/decision_records.hpp"

namespace inkoop {
namespace {

namespace fs = std::filesystem;
using Data = kainjow::mustache::data;

constexpr const char* kKindNames[] = {"offer", "refuse", "review", "incomplete", "out_of_scope"};

// --- values as Markdown text ----------------------------------------------------------------------

// The characters that make Markdown anywhere in a line: each is escaped with a backslash, so that
// it renders as itself (emphasis, code, links, raw HTML, entities, images, tables, strikethrough).
bool markdown_special(char c) {
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '&':
    case '!':
    case '|':
    case '~': return true;
    default: return false;
    }
}

// The characters that make Markdown only where a line starts, where a template may put a value:
// a heading (#), a list item or a rule (- +), a numbered item ("1. " / "1) ", not "3.1"), a setext
// underline (=).
bool markdown_line_start(std::string_view value, size_t i) {
    const char c = value[i];
    if (i == 0) return c == '#' || c == '-' || c == '+' || c == '=';
    if ((c != '.' && c != ')') || (i + 1 < value.size() && value[i + 1] != ' ')) return false;  // "3.1" is no list item
    for (size_t k = 0; k < i; ++k)
        if (value[k] < '0' || value[k] > '9') return false;
    return true;
}

// --- the data a template sees ---------------------------------------------------------------------

Data item_data(const Item& item) {
    Data d;
    d.set("code", item.code.str());
    d.set("section", item.section.str());
    d.set("text", item.text.str());
    return d;
}

Data items_data(const std::vector<Item>& items) {
    Data list{Data::type::list};
    for (const Item& i : items) list.push_back(item_data(i));
    return list;
}

// What was found for an item, as the provider reads it: its own answers ("Uw opgave — Fte
// regiebehandelaren: 9 (eis: maximaal 8)") apart from what the insurer holds ("Bij ons bekend — ...").
std::string found_words(const Item& item, const Schema& schema, Lang lang) {
    std::vector<std::string> own, held;
    for (const auto& f : item.found) {
        const Field* field = schema.find(f.field);
        (field && field->insurer_fact ? held : own).push_back(found_text(f, &schema, lang));
    }
    std::string out;
    if (!own.empty()) out += fmt::format("{} \u2014 {}", tr(lang, "Your answers"), fmt::join(own, "; "));
    if (!held.empty()) out += fmt::format("{}{} \u2014 {}", out.empty() ? "" : ". ", tr(lang, "Known to us"), fmt::join(held, "; "));
    return out;
}

// Items with what was found for each (`found`, absent when nothing was).
Data found_items_data(const std::vector<Item>& items, const Schema& schema, Lang lang) {
    Data list{Data::type::list};
    for (const Item& i : items) {
        Data d = item_data(i);
        if (const std::string words = found_words(i, schema, lang); !words.empty()) d.set("found", words);
        list.push_back(d);
    }
    return list;
}

// A contract's setting or exclusion (a rule's code) as the rule the policy states for it.
Data rule_item_data(const Policy& policy, const std::string& code) {
    if (const Rule* r = policy.find_rule(code)) return item_data(r->item);
    return item_data(Item{code, "", code});
}

Data question_data(const Schema& schema, const std::string& field, Lang lang) {
    Data d;
    d.set("field", field);
    const Field* f = schema.find(field);
    d.set("label", f ? f->label(lang) : field);
    d.set("question", f ? f->question(lang) : field);
    return d;
}

Data contract_data(const Policy& policy, const Contract& c, Lang lang) {
    Data d;
    // The kind of contract as people name it: the kind's label when the type is a kind ("Vrijgevestigde praktijk (GGZ)").
    const Field* kind = policy.schema ? policy.schema->kind() : nullptr;
    const int k = kind ? kind->enum_index(c.type) : -1;
    d.set("type", k >= 0 ? kind->value_label(static_cast<size_t>(k), lang) : c.type);
    d.set("start", c.start.prose(lang));
    d.set("end", c.end.prose(lang));
    d.set("section", c.section);
    // The calendar years it covers, for a subject line: "2024", "2027-2028".
    d.set("years", c.start.year() == c.end.year() ? std::to_string(c.start.year()) : fmt::format("{}-{}", c.start.year(), c.end.year()));
    if (c.sign_by) d.set("sign_by", c.sign_by->prose(lang));
    Data settings{Data::type::list}, excluded{Data::type::list};
    for (const auto& s : c.settings) settings.push_back(rule_item_data(policy, s));
    for (const auto& s : c.excluded) excluded.push_back(rule_item_data(policy, s));
    d.set("settings", settings);
    d.set("excluded", excluded);
    return d;
}

Data tariff_data(const Tariff& t, Lang lang) {
    Data d;
    d.set("basis", tariff_basis_text(t.basis, lang));
    if (t.percentage) d.set("percentage", number_text(lang, *t.percentage, *t.percentage == static_cast<int>(*t.percentage) ? 0 : 1) + "%");
    if (t.amount_eur) d.set("amount", euro_text(lang, *t.amount_eur));
    d.set("text", t.text.str());
    d.set("section", t.section.str());
    d.set("surcharges", items_data(t.surcharges));
    return d;
}

Data conditional_data(const Schema& schema, const std::vector<ConditionalItem>& items, Lang lang) {
    Data list{Data::type::list};
    for (const auto& c : items) {
        Data d = item_data(c.item);
        d.set("effect", effect_label(c.effect, lang));
        Data qs{Data::type::list};
        for (const auto& f : c.settled_by) qs.push_back(question_data(schema, f, lang));
        d.set("questions", qs);
        list.push_back(d);
    }
    return list;
}

void letter_facts_data(const LetterFacts& facts, Lang lang, Data& d) {
    if (facts.objection) d.set("objection", item_data(*facts.objection));
    if (facts.contact) d.set("contact", item_data(*facts.contact));
    if (facts.answer_by) {
        Data a = item_data(*facts.answer_by);
        if (facts.answer_by_date) a.set("deadline", facts.answer_by_date->prose(lang));
        d.set("answer_by", a);
    }
}

// The addressee: its name, AGB code and postal address, and its situation for the letter's opening.
Data provider_data(const LetterInput& in) {
    Data provider;
    provider.set("agb", in.decision->agb);
    provider.set("name", provider_name(in.provider));
    // The provider's situation, for the letter's opening: contracted the year before (it did not
    // apply: it receives an offer of itself), new (it applied), or not known (neither is said).
    const std::optional<bool> contracted = provider_bool(in.provider, "contracted_last_year");
    provider.set("contracted", Data(contracted == true));
    provider.set("new", Data(contracted == false));
    provider.set("situation_unknown", Data(!contracted.has_value()));
    // A new provider applied when the insurer registered its application (the letter does not
    // then thank it for one it never made).
    const Field* applied = in.provider ? in.provider->schema().find("application_date") : nullptr;
    provider.set("applied", Data(applied && is_known((*in.provider)[applied->index])));
    // The addressee's postal address, when the list has it ("Dorpsstraat 1", "1234 AB  Deventer").
    if (const std::string street = provider_text(in.provider, "street"); !street.empty()) provider.set("street", street);
    const std::string postcode = provider_text(in.provider, "postcode"), city = provider_text(in.provider, "city");
    if (!postcode.empty() || !city.empty())
        provider.set("place", postcode.empty() ? city : city.empty() ? postcode : postcode + "  " + city);
    return provider;
}

// The letterhead's part of a letter: name, address, signature, and its texts (the objection with
// its last day counted from the letter's date, how to ask, where to answer).
Data insurer_data(const LetterSet& set, const LetterInput& in) {
    const Lang lang = set.lang;
    Data insurer;
    insurer.set("name", set.head.name);
    Data address{Data::type::list};
    for (const auto& line : set.head.address) address.push_back(line);
    insurer.set("address", address);
    if (!set.head.department.empty()) insurer.set("department", set.head.department);
    if (!set.head.signatory.empty()) insurer.set("signatory", set.head.signatory);
    if (!set.head.objection.empty()) {
        // {until}: the last day to react, counted from the letter's date.
        std::string objection = set.head.objection;
        const std::string until =
            in.day ? in.day->add_days(7 * set.head.objection_weeks).prose(lang)
                   : fmt::format(fmt::runtime(tr(lang, "{} weeks after the date of this letter")), set.head.objection_weeks);
        for (size_t at; (at = objection.find("{until}")) != std::string::npos;) objection.replace(at, 7, until);
        insurer.set("objection", objection);
    }
    if (!set.head.enquiries.empty()) insurer.set("enquiries", set.head.enquiries);
    if (!set.head.reply.empty()) insurer.set("reply", set.head.reply);
    return insurer;
}

Data letter_data(const LetterSet& set, const LetterInput& in) {
    const Policy& policy = *in.policy;
    const Decision& dec = *in.decision;
    const Lang lang = set.lang;
    Data d;
    d.set("insurer", insurer_data(set, in));
    d.set("date", in.date);
    d.set("provider", provider_data(in));
    d.set("reference", letter_reference(policy, dec, in.date));
    Data pol;
    pol.set("id", policy.info.id);
    pol.set("title", policy.info.title);
    pol.set("year", std::to_string(policy.info.year));
    pol.set("previous_year", std::to_string(policy.info.year - 1));
    pol.set("version", dec.policy_version.str());
    d.set("policy", pol);
    d.set("outcome", category_label(category_of(dec), lang));
    if (dec.contract) d.set("contract", contract_data(policy, *dec.contract, lang));
    if (dec.tariff) d.set("tariff", tariff_data(*dec.tariff, lang));
    d.set("conditions", items_data(dec.conditions));
    d.set("has_conditions", Data(!dec.conditions.empty()));
    d.set("has_conditional", Data(!dec.conditional.empty()));
    d.set("conditional", conditional_data(*policy.schema, dec.conditional, lang));
    d.set("grounds", items_data(dec.grounds));
    // The grounds apart by what they say: a requirement the provider does not meet (a `require`
    // rule: "Is gevestigd in Nederland") or a reason the document gives to refuse that holds for
    // it (a `refuse_if` rule: "U levert alleen diagnostiek"). Each reads right only under its own
    // lead-in.
    std::vector<Item> unmet, reasons;
    for (const Item& g : dec.grounds) {
        const auto r = std::find_if(policy.rules.begin(), policy.rules.end(), [&](const Rule& rule) { return rule.item.code == g.code; });
        (r != policy.rules.end() && r->effect == Effect::RefuseIf ? reasons : unmet).push_back(g);
    }
    d.set("unmet", found_items_data(unmet, *policy.schema, lang));
    d.set("has_unmet", Data(!unmet.empty()));
    d.set("refusal_reasons", found_items_data(reasons, *policy.schema, lang));
    d.set("has_refusal_reasons", Data(!reasons.empty()));
    d.set("review", found_items_data(dec.review, *policy.schema, lang));
    // One item is one: "de volgende eis", "het volgende punt" (a template words it either way).
    d.set("one_unmet", Data(unmet.size() == 1));
    d.set("one_refusal_reason", Data(reasons.size() == 1));
    d.set("one_review", Data(dec.review.size() == 1));
    // A ground that rests on the insurer's own facts (its assessment, an investigation): the letter
    // offers to explain what they rest on, since the provider cannot see them.
    const bool held = std::any_of(dec.grounds.begin(), dec.grounds.end(), [&](const Item& g) {
        return std::any_of(g.found.begin(), g.found.end(), [&](const Found& f) {
            const Field* field = policy.schema->find(f.field);
            return field && field->insurer_fact;
        });
    });
    d.set("grounds_held_by_us", Data(held));
    // A provider is asked only its own facts; what the insurer holds itself is an internal check
    // the letter mentions without asking anything.
    Data questions{Data::type::list};
    bool internal = false;
    for (const auto& f : dec.outcome == Outcome::Incomplete ? dec.missing : dec.open_facts) {
        const Field* field = policy.schema->find(f);
        if (field && field->insurer_fact)
            internal = true;
        else
            questions.push_back(question_data(*policy.schema, f, lang));
    }
    d.set("has_questions", Data(!questions.is_empty_list()));
    d.set("one_question", Data(questions.is_non_empty_list() && questions.list_value().size() == 1));  // "de volgende vraag"
    d.set("questions", questions);
    d.set("internal_check", Data(internal));
    letter_facts_data(policy.letters, lang, d);
    if (!answer_by_applies(in.provider)) d.set("answer_by", Data(false));
    return d;
}

// --- templates ------------------------------------------------------------------------------------

struct Tag {
    char type = 0;  // 0 (a value), '#', '^', '/', '!', or a tag that is not allowed: '{', '&', '>', '='
    std::string name;
    size_t line = 1;
};

// The tags of a template, in order (the default delimiters: delimiter changes are not allowed).
std::vector<Tag> template_tags(const std::string& text) {
    std::vector<Tag> tags;
    size_t line = 1, counted = 0;
    for (size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at)) {
        const size_t end = text.find("}}", at + 2);
        if (end == std::string::npos) break;
        std::string inner = text.substr(at + 2, end - at - 2);
        line += static_cast<size_t>(
            std::count(text.begin() + static_cast<std::ptrdiff_t>(counted), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        counted = at;
        Tag t;
        t.line = line;
        if (!inner.empty() && std::string_view("#^/!{&>=").find(inner[0]) != std::string_view::npos) {
            t.type = inner[0];
            inner.erase(0, 1);
        }
        const size_t b = inner.find_first_not_of(" \t"), e = inner.find_last_not_of(" \t}");
        t.name = b == std::string::npos ? "" : inner.substr(b, e - b + 1);
        tags.push_back(std::move(t));
        at = end + 2;
    }
    return tags;
}

void check_allowed_tags(const LetterTemplate& t) {
    for (const Tag& tag : template_tags(t.text)) {
        if (tag.type == '{' || tag.type == '&')
            throw std::runtime_error(fmt::format("{}:{}: {{{{{}{}{}}}}} would put a value in unescaped; write {{{{{}}}}}", t.path, tag.line,
                                                 tag.type, tag.name, tag.type == '{' ? "}" : "", tag.name));
        if (tag.type == '>')
            throw std::runtime_error(fmt::format("{}:{}: partials ({{{{> {}}}}}) are not allowed in letters", t.path, tag.line, tag.name));
        if (tag.type == '=')
            throw std::runtime_error(
                fmt::format("{}:{}: changing the delimiters ({{{{=...=}}}}) is not allowed in letters", t.path, tag.line));
    }
    kainjow::mustache::mustache parsed{t.text};
    if (!parsed.is_valid()) throw std::runtime_error(fmt::format("{}: {}", t.path, parsed.error_message()));
}

// The known name an unknown placeholder most likely meant: a near spelling, or for a short name
// one that holds it with at most one letter more ("nam" -> "name", "txt" -> "text").
std::string placeholder_suggestion(const std::string& word, const std::vector<std::string>& candidates) {
    if (std::string near = closest_match(word, candidates); !near.empty()) return near;
    for (const auto& c : candidates) {
        if (word.size() < 2 || c.size() != word.size() + 1) continue;
        size_t i = 0;
        for (char ch : c) i += i < word.size() && word[i] == ch;
        if (i == word.size()) return c;
    }
    return "";
}

// A path inside `root`, or an error: a letterhead names its logo relative to its own folder.
std::string inside(const fs::path& root, const std::string& relative, const std::string& what) {
    const fs::path p = fs::weakly_canonical(root / relative);
    const fs::path r = fs::weakly_canonical(root);
    const auto [rend, pend] = std::mismatch(r.begin(), r.end(), p.begin(), p.end());
    if (fs::path(relative).is_absolute() || rend != r.end())
        throw std::runtime_error(fmt::format("{}: '{}' is outside the insurer's letters folder", what, relative));
    return p.string();
}

// A file read for the letters, with its hash as read.
std::string read_recorded(const std::string& what, const std::string& path, size_t max_bytes, std::vector<LetterSet::File>& files) {
    std::string text = read_file(path, max_bytes);
    files.push_back({what, path, sha256_hex(text), text.size()});
    return text;
}

// The objection paragraph of a letterhead: {"weeks": N, "nl": "... {weeks} ...", "en": "..."}.
std::string read_objection(const nlohmann::json& j, const std::string& file, Lang lang) {
    const char* want =
        "'objection' must be {\"weeks\": N, \"nl\": text, \"en\": text}: how a provider reacts to a refusal or a review "
        "(every such letter says it), the period in weeks put in for {weeks}";
    if (!j.contains("objection")) throw std::runtime_error(fmt::format("{}: no 'objection'; {}", file, want));
    const auto& o = j["objection"];
    const std::string l(lang_name(lang));
    if (!o.is_object() || !o.contains("weeks") || !o["weeks"].is_number_integer() || o["weeks"].get<int>() < 1 || !o.contains(l) ||
        !o[l].is_string() || o[l].get<std::string>().find("{weeks}") == std::string::npos)
        throw std::runtime_error(fmt::format("{}: {}", file, want));
    std::string text = o[l].get<std::string>();
    const std::string weeks = std::to_string(o["weeks"].get<int>());
    for (size_t at; (at = text.find("{weeks}")) != std::string::npos;) text.replace(at, 7, weeks);
    return text;
}

// A letterhead text by language, {"nl": ..., "en": ...}, or "" when the letterhead has none.
std::string read_text(const nlohmann::json& j, const char* key, const std::string& file, Lang lang) {
    if (!j.contains(key)) return "";
    const std::string l(lang_name(lang));
    if (!j[key].is_object() || !j[key].contains(l) || !j[key][l].is_string())
        throw std::runtime_error(fmt::format("{}: '{}' must be {{\"nl\": text, \"en\": text}}", file, key));
    return j[key][l].get<std::string>();
}

Letterhead read_letterhead(const fs::path& letters_dir, const Policy& policy, Lang lang, std::vector<LetterSet::File>& files) {
    Letterhead head;
    head.name = policy.info.insurer;
    const fs::path file = letters_dir / "letterhead.json";
    if (!fs::exists(file)) return head;
    const auto j = nlohmann::json::parse(read_recorded("letterhead", file.string(), 1 << 20, files), nullptr, false);
    if (!j.is_object()) throw std::runtime_error(file.string() + ": not a JSON object");
    const auto text_or_list = [&](const char* key, bool list) {
        const bool ok = !j.contains(key) ||
                        (list ? j[key].is_array() && std::all_of(j[key].begin(), j[key].end(), [](const auto& v) { return v.is_string(); })
                              : j[key].is_string());
        if (!ok) throw std::runtime_error(fmt::format("{}: '{}' must be {}", file.string(), key, list ? "a list of text lines" : "text"));
    };
    text_or_list("name", false);
    text_or_list("address", true);
    text_or_list("logo", false);
    text_or_list("department", false);
    text_or_list("signatory", false);
    head.from_file = true;
    head.name = j.value("name", head.name);
    head.department = j.value("department", "");
    head.signatory = j.value("signatory", "");
    head.objection = read_objection(j, file.string(), lang);
    head.objection_weeks = j["objection"]["weeks"].get<int>();
    head.enquiries = read_text(j, "enquiries", file.string(), lang);
    head.reply = read_text(j, "reply", file.string(), lang);
    if (j.contains("address")) head.address = j["address"].get<std::vector<std::string>>();
    if (j.contains("logo")) {
        const std::string logo = j["logo"].get<std::string>();
        const std::string path = inside(letters_dir, logo, file.string());
        const std::string ext = fs::path(path).extension().string();
        const char* mime = ext == ".svg"                     ? "image/svg+xml"
                           : ext == ".png"                   ? "image/png"
                           : ext == ".jpg" || ext == ".jpeg" ? "image/jpeg"
                                                             : nullptr;
        if (!mime) throw std::runtime_error(fmt::format("{}: logo '{}' must be .svg, .png or .jpg", file.string(), logo));
        head.logo_data_uri = fmt::format("data:{};base64,{}", mime, base64_encode(read_recorded("logo", path, 2 << 20, files)));
    }
    return head;
}

constexpr const char* kLetterStyle = R"css(
@page{size:A4}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:10.5pt;line-height:1.45;color:#111;max-width:170mm;margin:0 auto}
header.letterhead{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:1px solid #999;padding-bottom:4mm;margin-bottom:8mm}
header.letterhead .from{font-size:9pt;color:#333}header.letterhead .from b{font-size:11pt;color:#111}
header.letterhead img{max-height:18mm;max-width:60mm}
h1{font-size:13pt}h2{font-size:11.5pt;margin-top:6mm}h3{font-size:10.5pt}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:1.2mm 2mm;text-align:left;vertical-align:top}
main{overflow-wrap:anywhere}
h2,h3{break-after:avoid}li{break-inside:avoid}
main>p:last-child{break-inside:avoid;break-before:avoid}main>p:nth-last-child(2){break-before:avoid}
)css";

}  // namespace

std::string_view letter_kind_name(LetterKind k) { return kKindNames[static_cast<size_t>(k)]; }

LetterKind letter_kind_of(const Decision& d) { return static_cast<LetterKind>(category_of(d)); }

std::optional<bool> provider_bool(const Provider* p, const char* field) {
    if (!p) return std::nullopt;
    const Field* f = p->schema().find(field);
    if (!f) return std::nullopt;
    const Value& v = (*p)[f->index];
    if (const auto* b = std::get_if<bool>(&v)) return *b;
    return std::nullopt;
}

bool answer_by_applies(const Provider* p) { return provider_bool(p, "contracted_last_year") != true; }

std::string provider_text(const Provider* p, const char* field) {
    const Field* f = p ? p->schema().find(field) : nullptr;
    const auto* v = f ? std::get_if<std::string>(&(*p)[f->index]) : nullptr;
    return v ? *v : "";
}

std::string provider_name(const Provider* p) { return provider_text(p, "name"); }

std::string markdown_literal(std::string_view value) {
    std::string out;
    out.reserve(value.size() + 8);
    for (size_t i = 0; i < value.size(); ++i) {
        const char ch = value[i];
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f)
            append_control_picture(out, c);
        else if (markdown_special(ch) || markdown_line_start(value, i))
            out += '\\', out += ch;
        else
            out += ch;
    }
    return out;
}

std::string letter_library_versions() { return fmt::format("cmark {}, kainjow-mustache", cmark_version_string()); }

std::string commonmark_to_html(const std::string& markdown) {
    char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
    if (!html) throw std::bad_alloc();
    std::string out(html);
    free(html);
    return out;
}

LetterSet LetterSet::load(const std::string& tree_dir, const Policy& policy, Lang lang) {
    LetterSet set;
    set.lang = lang;
    // Beside the policy's file as it was read (info.path is only the name shown).
    const fs::path insurer_letters =
        fs::path(policy.files.empty() ? policy.info.path : policy.files.front().path).parent_path() / "letters";
    const fs::path defaults = fs::path(tree_dir) / "letters";
    set.head = read_letterhead(insurer_letters, policy, lang, set.files);
    for (size_t k = 0; k < kLetterKinds; ++k) {
        const std::string file = fmt::format("{}/{}.md", lang_name(lang), kKindNames[k]);
        fs::path path = insurer_letters / file;
        if (!fs::exists(path)) path = defaults / file;
        LetterTemplate& t = set.templates[k];
        t.path = path.string();
        t.text = read_recorded(fmt::format("letter template {}", kKindNames[k]), t.path, 1 << 20, set.files);
        check_allowed_tags(t);
    }
    return set;
}

struct LetterRenderer::Parsed {
    std::vector<kainjow::mustache::mustache> templates;  // by LetterKind
};

LetterRenderer::LetterRenderer(const LetterSet& set) : set_(set), parsed_(std::make_unique<Parsed>()) {
    for (const LetterTemplate& t : set.templates) {
        kainjow::mustache::mustache& m = parsed_->templates.emplace_back(t.text);
        if (!m.is_valid()) throw std::runtime_error(fmt::format("{}: {}", t.path, m.error_message()));
        m.set_custom_escape([](const std::string& s) { return markdown_literal(s); });
    }
}

LetterRenderer::~LetterRenderer() = default;

std::string LetterRenderer::markdown(const LetterInput& in) {
    return parsed_->templates[static_cast<size_t>(letter_kind_of(*in.decision))].render(letter_data(set_, in));
}

// The policy and its version are in the letter's head (a meta tag), never in what a provider reads:
// not in the text, and not in the title, which a PDF keeps as its metadata and a viewer shows in
// its title bar. The title is the footer's: the insurer and the letter's reference. The index and
// the manifest tie each letter (its reference and its file's SHA-256) to the policy version.
std::string LetterRenderer::html(const LetterInput& in) {
    const std::string body = commonmark_to_html(markdown(in));
    std::string address;
    for (const auto& line : set_.head.address) address += "<br>" + html_escape(line);
    const std::string logo =
        set_.head.logo_data_uri.empty() ? "" : fmt::format(R"(<img src="{}" alt="">)", html_escape(set_.head.logo_data_uri));
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
        "<meta name=\"inkoop-policy\" content=\"{} {}\">\n"
        "<title>{}</title><style>{}</style></head>\n<body><header class=\"letterhead\"><div "
        "class=\"from\"><b>{}</b>{}</div>{}</header>\n"
        "<main>\n{}</main></body></html>\n",
        lang_name(set_.lang), html_escape(in.policy->info.id), html_escape(in.decision->policy_version.str()),
        html_escape(letter_title(set_, in)), kLetterStyle, html_escape(set_.head.name), address, logo, body);
}

std::string letter_title(const LetterSet& set, const LetterInput& in) {
    return fmt::format(fmt::runtime(tr(set.lang, "{} · our reference {}")), set.head.name,
                       letter_reference(*in.policy, *in.decision, in.date));
}

std::string letter_reference(const Policy& policy, const Decision& d, const std::string& date) {
    std::string text = policy.version.str() + "\n" + date + "\n";
    append_decision_json(text, d);
    const std::string hash = sha256_hex(text);
    return fmt::format("{}-{}-{:06}", policy.info.year, d.agb, std::stoull(hash.substr(0, 12), nullptr, 16) % 1000000);
}

std::string render_letter_markdown(const LetterSet& set, const LetterInput& in) { return LetterRenderer(set).markdown(in); }

std::string render_letter_html(const LetterSet& set, const LetterInput& in) { return LetterRenderer(set).html(in); }

std::vector<std::string> check_letter_template(const LetterTemplate& tmpl) {
    // Every name a letter of any kind can fill, at any depth (a section opens a list's items).
    std::set<std::string> known = {"."};
    std::vector<std::string> candidates;
    auto add = [&](const std::string& n) {
        if (known.insert(n).second) candidates.push_back(n);
    };
    for (const char* top :
         {"insurer", "date", "provider", "policy", "outcome", "contract", "tariff", "conditions", "conditional", "grounds", "review",
          "has_questions", "one_question", "has_conditions", "has_conditional", "questions", "objection", "contact", "answer_by"})
        add(top);
    for (const char* f : {"name",         "address",    "agb",       "id",         "title",   "year",
                          "version",      "type",       "start",     "end",        "section", "sign_by",
                          "settings",     "excluded",   "basis",     "percentage", "amount",  "text",
                          "surcharges",   "code",       "effect",    "field",      "label",   "question",
                          "deadline",     "department", "signatory", "contracted", "new",     "situation_unknown",
                          "previous_year"})
        add(f);
    for (const char* f :
         {"unmet", "has_unmet", "one_unmet", "refusal_reasons", "has_refusal_reasons", "one_refusal_reason", "one_review", "found",
          "applied", "internal_check", "reference", "street", "place", "enquiries", "reply", "years", "grounds_held_by_us"})
        add(f);
    std::vector<std::string> problems;
    std::set<std::string> reported;
    for (const Tag& tag : template_tags(tmpl.text)) {
        if (tag.type == '!' || tag.type == '/' || reported.count(tag.name)) continue;
        size_t from = 0;
        for (size_t dot = tag.name.find('.', 1); from < tag.name.size(); dot = tag.name.find('.', from)) {
            const std::string part =
                tag.name == "." ? "." : tag.name.substr(from, dot == std::string::npos ? std::string::npos : dot - from);
            if (!known.count(part)) {
                const std::string near = placeholder_suggestion(part, candidates);
                problems.push_back(fmt::format("{}:{}: unknown placeholder {{{{{}}}}}{}", tmpl.path, tag.line, tag.name,
                                               near.empty() ? "" : fmt::format(": did you mean '{}'?", near)));
                reported.insert(tag.name);
                break;
            }
            if (dot == std::string::npos || tag.name == ".") break;
            from = dot + 1;
        }
    }
    return problems;
}

Decision sample_decision(const Policy& policy, LetterKind kind) {
    Decision d;
    d.agb = "12345678";
    d.policy = policy.info.id;
    d.policy_version = policy.version;
    auto first_rule = [&](Effect e) -> Item {
        for (const Rule& r : policy.rules)
            if (r.effect == e) return r.item;
        return Item{"example", "1.1", "example"};
    };
    std::string field = policy.schema && policy.schema->size() > 1 ? "name" : "agb";
    switch (kind) {
    case LetterKind::Offer:
        d.outcome = Outcome::Offer;
        d.contract = Contract{"example",
                              Date::from_ymd(policy.info.year, 1, 1).value(),
                              Date::from_ymd(policy.info.year, 12, 31).value(),
                              Date::from_ymd(policy.info.year - 1, 11, 12),
                              {},
                              {},
                              "1.1"};
        d.tariff = Tariff{"nza_percentage", 90.0, std::nullopt, "example", "1.1", {first_rule(Effect::SurchargeIf)}};
        d.conditions.push_back(first_rule(Effect::ConditionIf));
        d.conditional.push_back(ConditionalItem{"condition", first_rule(Effect::ConditionIf), {field}});
        break;
    case LetterKind::Refuse:
        d.outcome = Outcome::Refuse;
        d.grounds.push_back(first_rule(Effect::Require));
        d.open_facts.push_back(field);
        break;
    case LetterKind::Review:
        d.outcome = Outcome::Review;
        d.review.push_back(first_rule(Effect::ReviewIf));
        break;
    case LetterKind::Incomplete:
        d.outcome = Outcome::Incomplete;
        d.missing.push_back(field);
        break;
    case LetterKind::OutOfScope:
        d.outcome = Outcome::Refuse;
        d.grounds.push_back(policy.scope.item.code.empty_text() ? Item{"out_of_scope", "1", "out of scope"} : policy.scope.item);
        d.grounds.back().code = "out_of_scope";
        break;
    }
    return d;
}

}  // namespace inkoop
