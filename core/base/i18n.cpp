#include "core/base/i18n.hpp"

#include <array>
#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>
#include <cmath>
#include <fmt/args.h>
#include <fmt/format.h>
#include <locale>
#include <memory>
#include <stdexcept>
#include <vector>

// The compiled catalogues, generated at build time from core/base/i18n/<lang>.po.
extern const unsigned char inkoop_catalogue_nl[];
extern const unsigned long inkoop_catalogue_nl_size;

namespace inkoop {
namespace {

constexpr const char* kDomain = "inkoop";

// A locale holding the catalogue for one language, made once (thread-safe static) and read-only
// afterwards.
const boost::locale::message_format<char>* catalogue(Lang lang) {
    if (lang == Lang::En) return nullptr;
    static const std::locale nl = [] {
        boost::locale::gnu_gettext::messages_info info;
        info.language = "nl";
        info.encoding = "UTF-8";
        info.domains.emplace_back(kDomain);
        info.paths.emplace_back("/built-in");
        info.callback = [](const std::string& file, const std::string&) {
            if (file != std::string("/built-in/nl/LC_MESSAGES/") + kDomain + ".mo") return std::vector<char>();
            const auto* p = reinterpret_cast<const char*>(inkoop_catalogue_nl);
            return std::vector<char>(p, p + inkoop_catalogue_nl_size);
        };
        return std::locale(std::locale::classic(), boost::locale::gnu_gettext::create_messages_facet<char>(info));
    }();
    return &std::use_facet<boost::locale::message_format<char>>(nl);
}

const char* lookup(Lang lang, const char* context, const char* msgid) {
    const auto* cat = catalogue(lang);
    if (!cat) return nullptr;
    return cat->get(0, context, msgid);
}

std::string group_digits(std::string digits, char sep) {
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), 1, sep);
    return digits;
}

}  // namespace

std::optional<Lang> lang_from_name(std::string_view name) {
    if (name == "en") return Lang::En;
    if (name == "nl") return Lang::Nl;
    return std::nullopt;
}

std::string_view lang_name(Lang lang) { return lang == Lang::Nl ? "nl" : "en"; }

const char* tr(Lang lang, const char* msgid) {
    const char* t = lookup(lang, nullptr, msgid);
    return t && *t ? t : msgid;
}

const char* trc(Lang lang, const char* context, const char* msgid) {
    const char* t = lookup(lang, context, msgid);
    return t && *t ? t : msgid;
}

bool has_translation(Lang lang, const char* context, const char* msgid) {
    if (lang == Lang::En) return true;
    const char* t = lookup(lang, context, msgid);
    return t && *t;
}

std::string number_text(Lang lang, double value, int decimals) {
    const bool negative = value < 0;
    std::string s = fmt::format("{:.{}f}", std::fabs(value), decimals);
    const size_t dot = s.find('.');
    std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    const char thousands = lang == Lang::Nl ? '.' : ',', decimal = lang == Lang::Nl ? ',' : '.';
    std::string out = (negative ? "-" : "") + group_digits(whole, thousands);
    if (!frac.empty()) out += decimal + frac;
    return out;
}

std::string Message::text(Lang lang) const {
    if (pattern.empty()) return args.empty() ? "" : args.front();
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const auto& a : args) store.push_back(a);
    try {
        return fmt::vformat(tr(lang, pattern.c_str()), store);
    } catch (const fmt::format_error&) {  // a translation with the wrong number of places: the English
        return fmt::vformat(pattern, store);
    }
}

std::string shortest_number_text(Lang lang, double value, int max_decimals) {
    int decimals = 0;
    const auto scaled = [&](int d) { return value * std::pow(10.0, d); };
    while (decimals < max_decimals && std::fabs(std::round(scaled(decimals)) - scaled(decimals)) > 1e-9) ++decimals;
    return number_text(lang, value, decimals);
}

std::string count_text(Lang lang, size_t n) { return lang == Lang::Nl ? group_digits(std::to_string(n), '.') : std::to_string(n); }

std::string percent_text(Lang lang, size_t n, size_t total) {
    return total ? number_text(lang, 100.0 * static_cast<double>(n) / static_cast<double>(total), 1) + "%" : "0%";
}

std::string euro_text(Lang lang, double amount) {
    return lang == Lang::Nl ? "€ " + number_text(lang, amount, 2) : "€" + number_text(lang, amount, 2);
}

}  // namespace inkoop
