#include <catch2/catch.hpp>
#include <sstream>

#include "core/input.hpp"
#include "core/output.hpp"
#include <nlohmann/json.hpp>

using namespace inkoop;

namespace {

struct Read {
    std::vector<std::string> columns;
    std::vector<size_t> rows;
    std::vector<std::vector<std::string>> records;
    bool decimal_comma = false;
};

Read read_all(const std::string& text, InputFormat format, size_t chunk = 2) {
    std::istringstream in(text);
    auto src = open_records(in, "t.csv", format);
    Read r;
    r.columns = src->columns();
    r.decimal_comma = src->decimal_comma();
    RawChunk c;
    while (src->read(c, chunk)) {
        if (format == InputFormat::Csv) split_csv_block(c);
        for (const auto& rec : c.records) {
            r.rows.push_back(rec.row);
            std::vector<std::string> fields;
            for (uint32_t i = 0; i < rec.count; ++i) fields.emplace_back(c.span(rec.first + i));
            r.records.push_back(fields);
        }
        c.clear();
    }
    return r;
}

}  // namespace

TEST_CASE("CSV: comma separated, quoted fields with separators, quotes and newlines, CRLF", "[input]") {
    const auto r = read_all("agb,name,x_note\r\n12345678,\"De Brug, \"\"Oost\"\"\",a\r\n23456789,\"two\nlines\",\r\n", InputFormat::Csv);
    CHECK(r.columns == std::vector<std::string>{"agb", "name", "x_note"});
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0] == std::vector<std::string>{"12345678", "De Brug, \"Oost\"", "a"});
    CHECK(r.records[1] == std::vector<std::string>{"23456789", "two\nlines", ""});
    CHECK(r.rows == std::vector<size_t>{2, 3});
    CHECK_FALSE(r.decimal_comma);
}

TEST_CASE("CSV: semicolons are detected and bring the decimal comma, and a BOM is skipped", "[input]") {
    const auto r = read_all("\xEF\xBB\xBF" "agb;fte_regiebehandelaren\n12345678;8,5\n", InputFormat::Csv);
    CHECK(r.columns == std::vector<std::string>{"agb", "fte_regiebehandelaren"});
    CHECK(r.decimal_comma);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0][1] == "8,5");
}

TEST_CASE("CSV: a row split across read buffers keeps its fields", "[input]") {
    std::string text = "agb,name\n";
    for (int i = 0; i < 5000; ++i) text += std::to_string(10000000 + i) + ",\"Praktijk " + std::string(i % 50, 'x') + "\"\n";
    const auto r = read_all(text, InputFormat::Csv, 300);
    REQUIRE(r.records.size() == 5000);
    for (size_t i = 0; i < r.records.size(); ++i) {
        REQUIRE(r.records[i].size() == 2);
        REQUIRE(r.records[i][0] == std::to_string(10000000 + i));
        REQUIRE(r.rows[i] == i + 2);
    }
}

TEST_CASE("CSV: an empty file has no header", "[input]") {
    std::istringstream in("");
    CHECK_THROWS_WITH(open_records(in, "t.csv", InputFormat::Csv), "t.csv: no header row");
}

TEST_CASE("JSON Lines: one object per line, blank lines skipped, rows are line numbers", "[input]") {
    const auto r = read_all("{\"agb\": \"12345678\"}\n\n{\"agb\": \"23456789\"}\n", InputFormat::JsonLines);
    REQUIRE(r.records.size() == 2);
    CHECK(r.rows == std::vector<size_t>{1, 3});
    CHECK(r.records[1][0] == "{\"agb\": \"23456789\"}");
}

TEST_CASE("JSON array: elements split while streaming, strings with brackets intact", "[input]") {
    const auto r = read_all(" [ {\"agb\": \"1]2,3\"}, {\"x_n\": {\"a\": [1, 2]}} ]", InputFormat::JsonArray);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0][0] == "{\"agb\": \"1]2,3\"}");
    CHECK(r.records[1][0] == "{\"x_n\": {\"a\": [1, 2]}}");
    CHECK_THROWS_WITH(read_all("[{\"agb\": 1}", InputFormat::JsonArray), "t.csv: the JSON array is not closed");
    CHECK_THROWS_WITH(read_all("{}", InputFormat::JsonArray), "t.csv: a JSON array must start with '['");
}

TEST_CASE("the header is checked: unknown columns with a suggestion, duplicates, no agb", "[input]") {
    CHECK_THROWS_WITH(map_columns({"agb", "fte_regiebehandelaar"}, Schema::builtin(), "in.csv"),
                      "in.csv: unknown field 'fte_regiebehandelaar' (did you mean fte_regiebehandelaren?); columns that "
                      "are not schema fields must start with x_");
    CHECK_THROWS_WITH(map_columns({"agb", "kind", "kind"}, Schema::builtin(), "in.csv"), "in.csv: column 'kind' appears twice");
    CHECK_THROWS_WITH(map_columns({"kind"}, Schema::builtin(), "in.csv"),
                      "in.csv: no 'agb' column: every provider needs its AGB code");
    const ColumnMap m = map_columns({"agb", "x_team", "kind"}, Schema::builtin(), "in.csv");
    CHECK(m.field == std::vector<int>{Schema::builtin().find("agb")->index, -1, Schema::builtin().find("kind")->index});
}

TEST_CASE("a CSV record becomes a provider, and bad values and extra fields are reported", "[input]") {
    std::istringstream in("agb;fte_regiebehandelaren;kind;x_team\n12345678;8,5;vrijgevestigde;noord\n;x;zbc;zuid;extra\n");
    auto src = open_records(in, "t.csv", InputFormat::Csv);
    ColumnMap m = map_columns(src->columns(), Schema::builtin(), "t.csv");
    m.decimal_comma = src->decimal_comma();
    RawChunk c;
    REQUIRE(src->read(c, 10));
    split_csv_block(c);
    Provider p;
    std::vector<FieldError> errors;
    record_to_provider(c, c.records[0], InputFormat::Csv, m, Schema::builtin(), p, errors);
    CHECK(errors.empty());
    CHECK(std::get<double>(p[Schema::builtin().find("fte_regiebehandelaren")->index]) == 8.5);
    CHECK(p.passthrough == std::vector<std::pair<std::string, std::string>>{{"x_team", "noord"}});
    record_to_provider(c, c.records[1], InputFormat::Csv, m, Schema::builtin(), p, errors);
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].text() == "has 5 fields, the header 4");
    CHECK(errors[1].text() == "field 'fte_regiebehandelaren': 'x' is not a number");
    CHECK(errors[2].text() == "field 'agb': required field is missing");
}

TEST_CASE("CSV output: quoting and the same number of columns in every row", "[output]") {
    std::string out;
    append_csv_field(out, "plain");
    out += ',';
    append_csv_field(out, "a,\"b\"");
    CHECK(out == "plain,\"a,\"\"b\"\"\"");
    Decision d;
    d.agb = "12345678";
    d.policy = "p";
    d.outcome = Outcome::Refuse;
    d.grounds = {{"a", "3.1", "t"}, {"b", "10.4", "t"}};
    std::string row, err_row, header;
    append_csv_header(header, {"x_team"});
    append_decision_csv(row, d, {"x_team"}, {});
    append_error_csv(err_row, ErrorRecord{"1", "", "f", 2, "kind", "input", "bad", {}}, {"x_team"});
    const auto commas = [](const std::string& s) { return std::count(s.begin(), s.end(), ','); };
    CHECK(commas(row) == commas(header));
    CHECK(commas(err_row) == commas(header));
    CHECK(row == "12345678,p,refuse,,,,,,,,,,a|b,3.1|10.4,,,,,,,\n");
}

TEST_CASE("the batch JSON writer and eval's JSON agree on every decision of a policy's tests", "[output]") {
    Decision d;
    d.agb = "12345678";
    d.policy = "p/ggz-2024";
    d.outcome = Outcome::Review;
    Contract c;
    c.type = "vrijgevestigde";
    c.start = *Date::parse("2024-01-01");
    c.end = *Date::parse("2024-12-31");
    c.sign_by = Date::parse("2023-11-09");
    c.settings = {"monodisciplinair"};
    c.excluded = {"rtms", "esketamine"};
    c.section = "5.2";
    d.contract = c;
    d.tariff = Tariff{"nza_percentage", 97.5, std::nullopt, Text("tekst met \"aanhalingstekens\"\nen een regel"), Text("6.1"),
                      {Item{"toeslag", "6", "t"}}};
    d.grounds = {};
    d.review = {Item{"moverende_redenen", "5.4", "weging"}};
    d.missing = {"discipline"};
    d.passthrough = {{"x_team", "noord"}};
    std::string line;
    append_decision_json(line, d);
    CHECK(nlohmann::json::parse(line) == nlohmann::json::parse(to_json(d, false).dump()));
    d.contract.reset();
    d.tariff.reset();
    d.outcome = Outcome::Refuse;
    line.clear();
    append_decision_json(line, d);
    CHECK(nlohmann::json::parse(line) == nlohmann::json::parse(to_json(d, false).dump()));
}
