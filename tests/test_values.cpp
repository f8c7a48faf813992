#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/base/plain_decimal.hpp"
#include "core/model/provider.hpp"
#include "core/model/value.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;

namespace {

const Field& field(const char* name) { return *::inkoop::testing::test_schema().find(name); }

Value parse(const char* name, const char* text, ParseOptions opts = {}) {
    Value v;
    const auto err = parse_value(field(name), text, v, opts);
    INFO((err ? err->text(Lang::En) : ""));
    REQUIRE_FALSE(err);
    return v;
}

std::string error(const char* name, const char* text, ParseOptions opts = {}) {
    Value v;
    const auto err = parse_value(field(name), text, v, opts);
    return err ? err->text(Lang::En) : "(no error)";
}

}  // namespace

TEST_CASE("bool spellings", "[values]") {
    for (const char* t : {"true", "TRUE", "ja", "Ja", "yes", "1", "j", "J", "WAAR", "waar"})
        CHECK(std::get<bool>(parse("training_place", t)));
    for (const char* t : {"false", "nee", "NEE", "no", "0", "n", "N", "ONWAAR", "Onwaar"})
        CHECK_FALSE(std::get<bool>(parse("training_place", t)));
    for (const char* t : {"jaa", "w", "o", "WAARR", "ONWAA"})
        CHECK(error("training_place", t) == fmt::format("'{}' is not a bool (true/false, ja/nee, j/n, yes/no, waar/onwaar, 1/0)", t));
    CHECK(error("training_place", "misschien") == "'misschien' is not a bool (true/false, ja/nee, j/n, yes/no, waar/onwaar, 1/0)");
}

TEST_CASE("Dutch thousands dots with a decimal comma in semicolon CSV", "[values]") {
    const ParseOptions nl{.decimal_comma = true};
    CHECK(std::get<double>(parse("insurer_revenue_eur", "1.234,5", nl)) == 1234.5);
    CHECK(std::get<double>(parse("insurer_revenue_eur", "1.234.567", nl)) == 1234567.0);
    CHECK(std::get<double>(parse("specialist_fte", "12.345,25", nl)) == 12345.25);
    CHECK(std::get<double>(parse("insurer_revenue_eur", "8,5", nl)) == 8.5);
    CHECK(std::get<double>(parse("insurer_revenue_eur", "1.5", nl)) == 1.5);      // a lone dot stays a decimal point
    CHECK(std::get<double>(parse("insurer_revenue_eur", "1.234", nl)) == 1.234);  // ambiguous: read as the decimal it spells
    for (const char* t : {"1.23,5", "12.34.567", "1.2345,6", ".123,4", "1..234,5", "1.234.56"})
        CHECK(error("insurer_revenue_eur", t, nl) == fmt::format("'{}' is not a number", t));
    CHECK(error("insurer_revenue_eur", "1.234,5") == "'1.234,5' is not a number");  // not without the decimal comma
}

TEST_CASE("empty and null are unknown, not false", "[values]") {
    CHECK_FALSE(is_known(parse("training_place", "")));
    CHECK_FALSE(is_known(parse("training_place", "  ")));
    CHECK_FALSE(is_known(parse("training_place", "null")));
    CHECK_FALSE(is_known(parse("fte_regiebehandelaren", "NULL")));
}

TEST_CASE("numbers, with a decimal comma only when asked", "[values]") {
    CHECK(std::get<double>(parse("fte_regiebehandelaren", "8.5")) == 8.5);
    CHECK(std::get<double>(parse("fte_regiebehandelaren", "8,5", {true})) == 8.5);
    CHECK(error("fte_regiebehandelaren", "8,5") == "'8,5' is not a number");
    CHECK(error("fte_regiebehandelaren", "-1") == "-1 is below the minimum 0");
    CHECK(error("regiebehandelaar_presence", "1.2") == "1.2 is above the maximum 1");
    CHECK(error("fte_regiebehandelaren", "acht") == "'acht' is not a number");
    CHECK(error("fte_regiebehandelaren", "inf") == "'inf' is not a number");
}

TEST_CASE("whole numbers", "[values]") {
    CHECK(std::get<int64_t>(parse("locations", "3")) == 3);
    CHECK(std::get<int64_t>(parse("locations", "3.0")) == 3);
    CHECK(error("locations", "3.5") == "'3.5' is not a whole number");
}

TEST_CASE("dates in both spellings", "[values]") {
    CHECK(std::get<Date>(parse("application_date", "10-05-2023")).iso() == "2023-05-10");
    CHECK(error("application_date", "2023-05-32") == "'2023-05-32' is not a date (YYYY-MM-DD or DD-MM-YYYY)");
}

TEST_CASE("enum values are checked with a suggestion", "[values]") {
    CHECK(std::get<EnumValue>(parse("kind", "zbc")).index == 6);
    CHECK(error("kwaliteitsstatuut_section", "IV") == "'IV' is not one of II, III");
    CHECK(error("kind", "vrijgevestigd").find("(did you mean vrijgevestigde?)") != std::string::npos);
}

TEST_CASE("AGB codes are 8 digits", "[values]") {
    CHECK(std::get<std::string>(parse("agb", "01234567")) == "01234567");
    CHECK(error("agb", "1234567") == "'1234567' is not an AGB code of 8 digits");
    CHECK(error("agb", "1234567a") == "'1234567a' is not an AGB code of 8 digits");
}

TEST_CASE("a provider from JSON: values, unknown keys, pass-through and required fields", "[values]") {
    const auto j = nlohmann::json::parse(R"({
        "agb": "12345678", "kind": "vrijgevestigde", "fte_regiebehandelaren": 9, "training_place": "ja",
        "locations": null, "x_region_code": 7, "fte_regiebehandelaar": 3, "personal_agb": "perhaps"})");
    const ParsedProvider p = provider_from_json(j, ::inkoop::testing::test_schema());
    CHECK(p.provider.agb() == "12345678");
    CHECK(std::get<double>(p.provider[field("fte_regiebehandelaren").index]) == 9);
    CHECK(std::get<bool>(p.provider[field("training_place").index]));
    CHECK_FALSE(is_known(p.provider[field("locations").index]));
    REQUIRE(p.provider.passthrough.size() == 1);
    CHECK(p.provider.passthrough[0] == std::pair<std::string, std::string>{"x_region_code", "7"});
    REQUIRE(p.unknown.size() == 1);
    CHECK(p.unknown[0].field == "fte_regiebehandelaar");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].text() == "field 'personal_agb': 'perhaps' is not a bool (true/false, ja/nee, j/n, yes/no, waar/onwaar, 1/0)");

    const ParsedProvider no_agb = provider_from_json(nlohmann::json::parse(R"({"kind": "zbc"})"), ::inkoop::testing::test_schema());
    REQUIRE(no_agb.errors.size() == 1);
    CHECK(no_agb.errors[0].text() == "field 'agb': required field is missing");

    const ParsedProvider nested =
        provider_from_json(nlohmann::json::parse(R"({"agb": "12345678", "kind": ["zbc"]})"), ::inkoop::testing::test_schema());
    REQUIRE(nested.errors.size() == 1);
    CHECK(nested.errors[0].text() == "field 'kind': expected a single value, not a JSON array");
}

TEST_CASE("plain decimals read without the general parser give exactly std::from_chars's double", "[values]") {
    // Every spelling the fast path takes, against the general parser, bit for bit: small and large
    // significands, 0 to 15 digits, both signs, leading and trailing zeros.
    uint64_t state = 88172645463325252ULL;  // xorshift: the same numbers on every run
    auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    size_t taken = 0;
    for (int n = 0; n < 200000; ++n) {
        const int digits = 1 + static_cast<int>(next() % 15);
        std::string t = next() % 2 ? "-" : "";
        const int point = static_cast<int>(next() % static_cast<uint64_t>(digits + 1));  // digits before the point
        for (int d = 0; d < digits; ++d) {
            if (d == point && d > 0) t += '.';
            t += static_cast<char>('0' + next() % 10);
        }
        double fast = 0, general = 0;
        REQUIRE(plain_decimal(t, fast));
        std::from_chars(t.data(), t.data() + t.size(), general);
        if (std::memcmp(&fast, &general, sizeof fast) != 0) FAIL_CHECK(t);
        ++taken;
    }
    CHECK(taken == 200000);
    double v = 0;
    CHECK(plain_decimal("-0", v));
    CHECK(std::signbit(v));
    CHECK(plain_decimal("0.85", v));
    CHECK(v == 0.85);
    // Left to the general parser (or refused by it): exactly as before.
    for (const char* t : {"", "-", "5.", ".5", "-.5", "+1", "1e3", "1.2.3", " 1", "1 ", "1,5", "1234567890123456", "0x10", "inf", "nan"})
        CHECK_FALSE(plain_decimal(t, v));
}
