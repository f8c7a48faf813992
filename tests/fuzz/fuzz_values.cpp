// libFuzzer harness: the value parsers (every field type, with and without the decimal comma),
// dates, and the text edges (UTF-8 repair, Windows-1252, terminal escaping, JSON strings). A value
// that parses is written out and must parse back to itself; all text that leaves must be UTF-8.
#include <cmath>

#include "../schema_fixture.hpp"
#include "core/base/text.hpp"
#include "core/formats/decision_records.hpp"
#include "core/model/date.hpp"
#include "core/model/schema.hpp"
#include "core/model/value.hpp"
#include "reader_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace inkoop;
    using inkoop::fuzz::fail;
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const Schema& schema = ::inkoop::testing::test_schema();
    const Field& f = schema.at(data[0] % schema.size());
    const ParseOptions options{(data[0] & 0x80) != 0};
    Value v;
    if (!parse_value(f, text, v, options) && is_known(v)) {
        const std::string shown = format_value(v, f);
        Value again;
        if (parse_value(f, shown, again)) fail("a value's own spelling does not parse");
        const auto a = as_number(v), b = as_number(again);
        if (a && b ? (*a != *b && !(std::isnan(*a) && std::isnan(*b))) : !(again == v)) fail("a value does not read back as itself");
    }
    if (const auto d = Date::parse(text)) {
        if (Date::parse(d->iso()) != d) fail("a date does not read back as itself");
    }
    std::string out;
    append_utf8_repaired(out, text);
    if (!is_valid_utf8(out)) fail("repaired text is not UTF-8");
    out.clear();
    append_windows1252_as_utf8(out, text);
    if (!is_valid_utf8(out)) fail("Windows-1252 text is not UTF-8");
    if (!is_valid_utf8(terminal_safe(text))) fail("terminal text is not UTF-8");
    for (char c : terminal_safe(text))
        if ((static_cast<unsigned char>(c) < 0x20) || c == 0x7F) fail("a control character reached the terminal");
    out.clear();
    append_json_string(out, text);
    if (!is_valid_utf8(out)) fail("a JSON string is not UTF-8");
    return 0;
}
