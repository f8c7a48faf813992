#include <catch2/catch.hpp>
#include <sstream>

#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "schema_fixture.hpp"

#include <nlohmann/json.hpp>
#include "core/formats/decision_records.hpp"
#include "core/formats/input.hpp"

using namespace inkoop;

namespace {

struct Read {
    std::vector<std::string> columns;
    std::vector<size_t> rows;
    std::vector<std::vector<std::string>> records;
    bool decimal_comma = false;
};

// Reads every record: CSV records cut into fields, JSON records whole. `step` bytes at a time.
Read read_all(const std::string& text, InputFormat format, size_t chunk = 2, size_t step = SIZE_MAX) {
    StringSource in(text, "t.csv", step);
    auto src = open_records(in, {format});
    Read r;
    r.columns = src->columns();
    r.decimal_comma = src->delimiter() == ';';
    RawChunk c;
    std::string scratch;
    while (src->read(c, chunk)) {
        for (const auto& rec : c.records) {
            r.rows.push_back(rec.row);
            std::vector<std::string> fields;
            if (format == InputFormat::Csv)
                csv::parse_fields(c.text(rec), src->delimiter(), rec.simple, scratch, [&](std::string_view f) { fields.emplace_back(f); });
            else
                fields.emplace_back(c.text(rec));
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
    const auto r = read_all(
        "\xEF\xBB\xBF"
        "agb;fte_regiebehandelaren\n12345678;8,5\n",
        InputFormat::Csv);
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
    StringSource in("", "t.csv");
    CHECK_THROWS_WITH(open_records(in, {InputFormat::Csv}), "t.csv: no header row");
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
    CHECK_THROWS_WITH(map_columns({"agb", "fte_regiebehandelaar"}, ::inkoop::testing::test_schema(), "in.csv"),
                      "in.csv: unknown field 'fte_regiebehandelaar' (did you mean fte_regiebehandelaren?); columns that "
                      "are not schema fields must start with x_");
    CHECK_THROWS_WITH(map_columns({"agb", "kind", "kind"}, ::inkoop::testing::test_schema(), "in.csv"),
                      "in.csv: column 'kind' appears twice");
    CHECK_THROWS_WITH(map_columns({"kind"}, ::inkoop::testing::test_schema(), "in.csv"),
                      "in.csv: no 'agb' column: every provider needs its AGB code");
    const ColumnMap m = map_columns({"agb", "x_team", "kind"}, ::inkoop::testing::test_schema(), "in.csv");
    CHECK(m.field ==
          std::vector<int>{::inkoop::testing::test_schema().find("agb")->index, -1, ::inkoop::testing::test_schema().find("kind")->index});
}

TEST_CASE("a CSV record becomes a provider, and bad values and extra fields are reported", "[input]") {
    StringSource in("agb;fte_regiebehandelaren;kind;x_team\n12345678;8,5;vrijgevestigde;noord\n;x;zbc;zuid;extra\n", "t.csv");
    auto src = open_records(in, {InputFormat::Csv});
    const ColumnMap m = map_columns(*src, ::inkoop::testing::test_schema(), "t.csv");
    RecordDecoder decoder(InputFormat::Csv, m, ::inkoop::testing::test_schema());
    RawChunk c;
    REQUIRE(src->read(c, 10));
    Provider p{::inkoop::testing::test_schema()};
    RowProblems problems;
    REQUIRE(decoder.decode(c, c.records[0], p, problems));
    CHECK(problems.errors.empty());
    CHECK(std::get<double>(p[::inkoop::testing::test_schema().find("fte_regiebehandelaren")->index]) == 8.5);
    CHECK(p.passthrough == std::vector<std::pair<std::string, std::string>>{{"x_team", "noord"}});
    REQUIRE(decoder.decode(c, c.records[1], p, problems));
    const auto& errors = problems.errors;
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
    const CsvLayout layout(CsvStyle{}, {}, {"x_team"}, ::inkoop::testing::test_schema());
    layout.header(header);
    layout.decision(row, d, nullptr, {});
    layout.error(err_row, ErrorRecord{"1", "", "f", 2, "input", {{"kind", "bad"}}, {}}, nullptr);
    const auto commas = [](const std::string& s) { return std::count(s.begin(), s.end(), ','); };
    CHECK(commas(row) == commas(header));
    CHECK(commas(err_row) == commas(header));
    CHECK(header ==
          "agb,policy,outcome,contract.type,contract.start,contract.end,contract.sign_by,contract.settings,contract.excluded,"
          "tariff.basis,tariff.percentage,tariff.surcharges,grounds,grounds.section,conditions,review,missing,open_facts,conditional,error."
          "kind,error."
          "field,"
          "error.reason,grounds.text,review.text,policy_version,params,x_team\n");
    CHECK(row == "12345678,p,refuse,,,,,,,,,,a|b,3.1|10.4,,,,,,,,,3.1 t|10.4 t,,,,\n");
}

TEST_CASE("CSV for Dutch Excel: semicolons, decimal comma, BOM, CRLF, and kept input columns", "[output]") {
    Decision d;
    d.agb = "12345678";
    d.policy = "p";
    d.outcome = Outcome::Offer;
    Tariff t;
    t.basis = "nza_percentage";
    t.percentage = 92.5;
    d.tariff = t;
    Provider p{::inkoop::testing::test_schema()};
    p[::inkoop::testing::test_schema().find("name")->index] = std::string("Praktijk; De Linde");
    p[::inkoop::testing::test_schema().find("fte_regiebehandelaren")->index] = 6.5;
    const CsvLayout layout(
        CsvStyle::excel(),
        {::inkoop::testing::test_schema().find("name")->index, ::inkoop::testing::test_schema().find("fte_regiebehandelaren")->index}, {},
        ::inkoop::testing::test_schema());
    std::string header, row;
    layout.header(header);
    layout.decision(row, d, &p, {});
    CHECK(header.rfind("\xEF\xBB\xBF"
                       "agb;policy;outcome;",
                       0) == 0);
    CHECK(header.find(";params;name;fte_regiebehandelaren\r\n") != std::string::npos);
    CHECK(row == "12345678;p;offer;;;;;;;nza_percentage;92,5;;;;;;;;;;;;;;;;\"Praktijk; De Linde\";6,5\r\n");
}

TEST_CASE("the one decision JSON encoder writes the spec's keys in order, with the trace on request", "[output]") {
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
    d.tariff = Tariff{"nza_percentage",  97.5,
                      std::nullopt,      SharedText("tekst met \"aanhalingstekens\"\nen een regel"),
                      SharedText("6.1"), {Item{"toeslag", "6", "t"}}};
    d.grounds = {};
    d.review = {Item{"moverende_redenen", "5.4", "weging"}};
    d.missing = {"discipline"};
    d.passthrough = {{"x_team", "noord"}};
    d.trace = {TraceEntry{"max_fte_regiebehandelaren", "3.1", "tekst", "pass", {"fte_regiebehandelaren = 8"}},
               TraceEntry{"b", "4", "t", "unknown", {}}};
    std::string line;
    append_decision_json(line, d);
    CHECK(line == R"({"agb":"12345678","policy":"p/ggz-2024","outcome":"review","contract":{"type":"vrijgevestigde",)"
                  R"("start":"2024-01-01","end":"2024-12-31","sign_by":"2023-11-09","settings":["monodisciplinair"],)"
                  R"("excluded":["rtms","esketamine"],"section":"5.2"},"tariff":{"basis":"nza_percentage","percentage":97.5,)"
                  R"("text":"tekst met \"aanhalingstekens\"\nen een regel","section":"6.1","surcharges":[{"code":"toeslag",)"
                  R"("section":"6","text":"t"}]},"grounds":[],"conditions":[],"review":[{"code":"moverende_redenen",)"
                  R"("section":"5.4","text":"weging"}],"missing":["discipline"],"open_facts":[],"conditional":[],"x_team":"noord"})");
    d.contract.reset();
    d.tariff.reset();
    d.outcome = Outcome::Refuse;
    line.clear();
    append_decision_json(line, d, true);
    CHECK(line == R"({"agb":"12345678","policy":"p/ggz-2024","outcome":"refuse","grounds":[],"conditions":[],)"
                  R"("review":[{"code":"moverende_redenen","section":"5.4","text":"weging"}],"missing":["discipline"],"open_facts":[],)"
                  R"("conditional":[],"trace":[{"rule":"max_fte_regiebehandelaren","section":"3.1","result":"pass","text":"tekst","facts":)"
                  R"(["fte_regiebehandelaren = 8"]},{"rule":"b","section":"4","result":"unknown","text":"t"}],"x_team":"noord"})");
}

namespace {

struct Decoded {
    size_t row;
    std::string agb;
    std::vector<std::string> errors;
};

// Every row of a CSV text decoded as the batch engine does, `step` bytes per read and `chunk` records per chunk.
std::vector<Decoded> decode_all(const std::string& text, size_t chunk = 2048, size_t step = SIZE_MAX, Encoding enc = Encoding::Auto,
                                std::vector<std::string>* notes = nullptr) {
    StringSource in(text, "t.csv", step);
    SourceOptions options;
    options.encoding = enc;
    auto src = open_records(in, options);
    const ColumnMap m = map_columns(*src, ::inkoop::testing::test_schema(), "t.csv");
    RecordDecoder decoder(src->format(), m, ::inkoop::testing::test_schema());
    std::vector<Decoded> out;
    RawChunk c;
    Provider p{::inkoop::testing::test_schema()};
    RowProblems problems;
    while (src->read(c, chunk)) {
        for (const auto& rec : c.records) {
            if (!decoder.decode(c, rec, p, problems)) continue;
            Decoded d{rec.row, problems.errors.empty() ? p.agb() : problems.agb, {}};
            for (const auto& e : problems.errors) d.errors.push_back(e.text());
            if (problems.errors.empty())
                if (const auto* name = std::get_if<std::string>(&p[::inkoop::testing::test_schema().find("name")->index]))
                    d.errors.push_back("name=" + *name);
            out.push_back(d);
        }
        c.clear();
    }
    if (notes) *notes = src->take_notes();
    return out;
}

bool operator==(const Decoded& a, const Decoded& b) { return a.row == b.row && a.agb == b.agb && a.errors == b.errors; }

}  // namespace

TEST_CASE("CSV: a quote inside an unquoted field is a literal character and does not swallow later rows", "[input]") {
    std::string text = "agb,name\n11111111,a\"b\n";
    for (int i = 0; i < 300; ++i) text += std::to_string(20000000 + i) + (i == 150 ? ",\"two\nlines\"\n" : ",plain\n");
    const auto rows = decode_all(text);
    REQUIRE(rows.size() == 301);
    CHECK(rows[0].row == 2);
    CHECK(rows[0].agb == "11111111");
    CHECK(rows[0].errors == std::vector<std::string>{"name=a\"b"});
    CHECK(rows[151].errors == std::vector<std::string>{"name=two\nlines"});
    CHECK(rows[152].row == 154);  // the quoted line end is one row, as a spreadsheet shows it
    // Row numbers and contents do not depend on buffer or chunk sizes.
    for (size_t step : {1, 2, 7, 64}) CHECK(decode_all(text, 3, step) == rows);
}

TEST_CASE("CSV: an unterminated quote is one bad row ending at its own line, the next provider is read", "[input]") {
    const auto rows = decode_all("agb,name,kind\n11111111,\"Praktijk A,vrijgevestigde\n22222222,Praktijk B,vrijgevestigde\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].row == 2);
    CHECK(rows[0].agb == "11111111");
    CHECK(rows[0].errors.front() == "a quoted field is not closed: the row was read up to the end of the line where the quote opened");
    CHECK(rows[1].row == 3);
    CHECK(rows[1].agb == "22222222");
    CHECK(rows[1].errors == std::vector<std::string>{"name=Praktijk B"});
}

TEST_CASE("CSV: bare CR, CRLF and blank lines end rows as a spreadsheet counts them", "[input]") {
    const auto rows = decode_all("agb,name\r11111111,a\r\r22222222,b\r\n\r\n33333333,\"c\rd\"\r44444444,e");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].row == 2);
    CHECK(rows[1].row == 4);
    CHECK(rows[2].row == 6);
    CHECK(rows[2].errors == std::vector<std::string>{"name=c\rd"});
    CHECK(rows[3].row == 7);
}

TEST_CASE("CSV: a wrong number of fields is an error, rows of empty fields are skipped", "[input]") {
    const auto rows = decode_all("agb,name,kind\n11111111,a\n,,\n22222222,b,zbc,extra\n;\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].errors == std::vector<std::string>{"has 2 fields, the header 3"});
    CHECK(rows[1].row == 4);
    CHECK(rows[1].errors == std::vector<std::string>{"has 4 fields, the header 3"});
    CHECK(rows[2].row == 5);
    CHECK(rows[2].errors.front() == "has 1 fields, the header 3");
}

TEST_CASE("CSV: a 7-digit AGB is one problem, named with the AGB as written", "[input]") {
    const auto rows = decode_all("agb,name\n1234567,a\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].agb == "1234567");
    CHECK(rows[0].errors == std::vector<std::string>{"field 'agb': '1234567' is not an AGB code of 8 digits"});
}

TEST_CASE("CSV: limits on row and field length and on columns, each a clear error", "[input]") {
    const std::string big(csv::kMaxRecordBytes + 10, 'x');
    auto rows = decode_all("agb,name\n11111111," + big + "\n22222222,b\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].agb == "11111111");
    CHECK(rows[0].errors == std::vector<std::string>{"the row is longer than 1048576 bytes"});
    CHECK(rows[1].agb == "22222222");
    rows = decode_all("agb,name\n11111111," + std::string(csv::kMaxFieldBytes + 1, 'y') + "\n");
    CHECK(rows[0].errors == std::vector<std::string>{"field 'name': longer than 65536 bytes"});
    std::string header = "agb";
    for (size_t i = 0; i < csv::kMaxColumns + 5; ++i) header += ",x_" + std::to_string(i);
    StringSource in(header + "\n", "t.csv");
    auto src = open_records(in, {InputFormat::Csv});
    CHECK_THROWS_WITH(map_columns(*src, ::inkoop::testing::test_schema(), "t.csv"), "t.csv: the header has more than 1024 columns");
}

TEST_CASE("encodings: Windows-1252 is read as such and said once, UTF-8 stays, output is valid UTF-8", "[input]") {
    std::vector<std::string> notes;
    auto rows = decode_all("agb;name\n11111111;Praktijk \xC9\xE9n\n22222222;Caf\xE9 \x80\n", 2048, SIZE_MAX, Encoding::Auto, &notes);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].errors == std::vector<std::string>{"name=Praktijk \xC3\x89\xC3\xA9n"});
    CHECK(rows[1].errors == std::vector<std::string>{"name=Caf\xC3\xA9 \xE2\x82\xAC"});
    CHECK(notes == std::vector<std::string>{"t.csv: not valid UTF-8 (row 2): read as Windows-1252, as Excel writes CSV "
                                            "(--encoding utf-8 or windows-1252 chooses)"});
    rows = decode_all("agb;name\n11111111;Praktijk \xC3\x89\xC3\xA9n\n", 2048, SIZE_MAX, Encoding::Auto, &notes);
    CHECK(rows[0].errors == std::vector<std::string>{"name=Praktijk \xC3\x89\xC3\xA9n"});
    CHECK(notes.empty());
    rows = decode_all("agb;name\n11111111;\xC3\x89\n", 2048, SIZE_MAX, Encoding::Windows1252);
    CHECK(rows[0].errors == std::vector<std::string>{"name=\xC3\x83\xE2\x80\xB0"});
    rows = decode_all(
        "agb;name\n11111111;a\xFF"
        "b\n",
        2048, SIZE_MAX, Encoding::Utf8);
    CHECK(rows[0].errors == std::vector<std::string>{"name=a\xEF\xBF\xBD"
                                                     "b"});
    std::string json;
    append_json_string(json, "ok \xC3\xA9 bad \xC9\xE9 \xF0\x9F\x98\x80 \xED\xA0\x80");
    CHECK(json == "\"ok \xC3\xA9 bad \xEF\xBF\xBD\xEF\xBF\xBD \xF0\x9F\x98\x80 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    CHECK(terminal_safe("a\x1b[31mred\r\nforged\xC2\x9B") == "a\\x1b[31mred\\r\\nforged\\x9b");
}

TEST_CASE("JSON rows: a number out of range, deep nesting or a non-object is that row's error", "[input]") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const std::string text = "{\"agb\": \"11111111\", \"locations\": 1e999}\n{\"agb\": \"22222222\", \"x_n\": " + deep +
                             "}\n42\n{\"agb\": \"33333333\", \"x_n\": [1, {\"a\": 2}]}\n";
    StringSource in(text, "t.jsonl");
    auto src = open_records(in, {});
    CHECK(src->format() == InputFormat::JsonLines);
    RecordDecoder decoder(src->format(), {}, ::inkoop::testing::test_schema());
    RawChunk c;
    REQUIRE(src->read(c, 10));
    REQUIRE(c.records.size() == 4);
    Provider p{::inkoop::testing::test_schema()};
    RowProblems problems;
    decoder.decode(c, c.records[0], p, problems);
    CHECK(problems.agb == "11111111");
    REQUIRE(problems.errors.size() == 1);
    CHECK(problems.errors[0].text().find("invalid JSON: [json.exception.out_of_range.406] number overflow parsing '1e999'") == 0);
    decoder.decode(c, c.records[1], p, problems);
    CHECK(problems.errors.at(0).text() == "the JSON is nested more than 64 levels deep");
    decoder.decode(c, c.records[2], p, problems);
    CHECK(problems.errors.at(0).text() == "a provider must be a JSON object");
    decoder.decode(c, c.records[3], p, problems);
    CHECK(problems.errors.empty());
    CHECK(p.passthrough == std::vector<std::pair<std::string, std::string>>{{"x_n", "[1,{\"a\":2}]"}});
}
