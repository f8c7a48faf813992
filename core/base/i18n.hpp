// The language of what people read. Messages are GNU gettext catalogues (core/base/i18n/<lang>.po,
// compiled by msgfmt at build time and built into the binary), looked up per call through
// Boost.Locale's gettext reader, so that one process can write Dutch and English side by side
// (a report in one language, a server answering each request in its own). Machine outputs (JSON,
// JSONL, CSV field names, exit codes) never go through here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inkoop {

enum class Lang { En, Nl };
inline constexpr Lang kLangs[] = {Lang::En, Lang::Nl};
std::optional<Lang> lang_from_name(std::string_view name);  // "en", "nl"
std::string_view lang_name(Lang lang);

// Marks a message for xgettext where it is stored, not translated (tables of messages).
#define N_(s) s
// The same for a message with a context, looked up with trc(lang, context, s).
#define NC_(context, s) s

// The message in `lang`: msgid itself in English, the catalogue's translation in Dutch (msgid if
// the catalogue has none; a test fails on any message without one). msgid must be a literal or
// come from N_().
const char* tr(Lang lang, const char* msgid);
// The same for a message that needs a context to tell it apart ("table" vs "prose" month names).
const char* trc(Lang lang, const char* context, const char* msgid);
// True when the catalogue for `lang` has `msgid` (English has every message).
bool has_translation(Lang lang, const char* context, const char* msgid);

// A message that can be shown in each language: its English pattern, a msgid with a {} for each
// value (from N_(), or read back from a record), and the values. text(lang) puts the values into the pattern's translation;
// the values themselves (an input's text, a field's name) are never translated.
struct Message {
    std::string pattern;  // "" for none
    std::vector<std::string> args;
    std::string text(Lang lang) const;
};
template <typename... A>
Message message(const char* pattern, A&&... args) {
    return Message{pattern, {std::string(std::forward<A>(args))...}};
}

// Numbers as people in `lang` read them: a decimal comma and a dot between thousands in Dutch
// ("40,7", "1.234"), a point and a comma in English ("40.7", "1,234").
std::string number_text(Lang lang, double value, int decimals);
// The same with the fewest decimals, up to `max_decimals`, that show the value: 8 -> "8",
// 0.25 -> "0,25", 100000 -> "100.000".
std::string shortest_number_text(Lang lang, double value, int max_decimals);
// A count: "1.234" in Dutch, plain digits in English ("1234", as inkoop has always written it).
std::string count_text(Lang lang, size_t n);
// "40,7%" / "40.7%"; "0%" for an empty total.
std::string percent_text(Lang lang, size_t n, size_t total);
// An amount in euros: "€ 1.234,50" / "€1,234.50".
std::string euro_text(Lang lang, double amount);

}  // namespace inkoop
