// "Nothing lost": an output is complete or it is not there, every input row is accounted for,
// and one bad row never stops a run. Each case is a failure found on an earlier version.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

#include "cli_runner.hpp"
#include "core/base/hash.hpp"
#include "core/base/io.hpp"

using namespace inkoop::testing;
using inkoop::OutputFile;
using nlohmann::json;

namespace {

const std::string kSample = INKOOP_SOURCE_DIR "/scripts/samples/providers.csv";

// The last line of a text (without its newline).
std::string last_line(const std::string& text) {
    const auto end = text.size() && text.back() == '\n' ? text.size() - 1 : text.size();
    const auto start = text.rfind('\n', end ? end - 1 : 0);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1));
}

std::vector<json> records(const std::string& out) {
    std::vector<json> v;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) v.push_back(json::parse(line));
    return v;
}

// A fresh directory for one test.
std::string fresh_dir(const std::string& name) {
    const std::string d = "/tmp/inkoop-lost-" + name;
    run_shell("rm -rf '" + d + "' && mkdir -p '" + d + "'");
    return d;
}

std::string write_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

}  // namespace

TEST_CASE("lost: a write that fails (file size limit) exits 2 and leaves no file, not even a temporary one", "[lost]") {
    const std::string d = fresh_dir("fsize");
    const auto r = run_shell("ulimit -f 64; $INKOOP batch --quiet --policy salland/ggz-2024 --input " + kSample + " --output " + d +
                             "/out.jsonl; echo status=$?; ls -A " + d);
    CHECK(r.out == "status=2\n");
    CHECK(last_line(r.err) == "inkoop: " + d + "/out.jsonl: cannot write: File too large");
}

TEST_CASE("lost: an output flushed to disk while it is written is whole under its name after commit, and absent before", "[lost]") {
    // 70 MiB: more than two of the steps at which the output is flushed while it is written.
    const std::string dir = fresh_dir("flushed");
    const std::string path = dir + "/out.jsonl";
    std::string piece(size_t{1} << 20, 'x');
    inkoop::Sha256 sha;
    {
        OutputFile f(path);
        for (int i = 0; i < 70; ++i) {
            piece[0] = static_cast<char>('a' + i % 26);
            f.write(piece);
            sha.update(piece);
        }
        CHECK(!std::filesystem::exists(path));
        f.commit();
    }
    const auto [digest, bytes] = inkoop::sha256_file(path);
    CHECK(bytes == 70u << 20);
    CHECK(digest == sha.hex());
    CHECK(run_shell("ls -A '" + dir + "'").out == "out.jsonl\n");
    {
        OutputFile f(dir + "/dropped.jsonl");  // written past a flush, never committed
        for (int i = 0; i < 40; ++i) f.write(piece);
    }
    CHECK(run_shell("ls -A '" + dir + "'").out == "out.jsonl\n");
}

TEST_CASE("lost: /dev/full as output file or as standard output exits 2 with the reason", "[lost]") {
    auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + kSample + " --output /dev/full");
    CHECK(r.status == 2);
    CHECK(last_line(r.err) == "inkoop: /dev/full: cannot write: No space left on device");
    r = run_shell("$INKOOP batch --quiet --policy salland/ggz-2024 --input " + kSample + " > /dev/full; echo status=$?");
    CHECK(r.out == "status=2\n");
    CHECK(last_line(r.err) == "inkoop: standard output: cannot write: No space left on device");
    r = run_shell("$INKOOP eval --policy salland/ggz-2024 scripts/samples/practice-ok.json > /dev/full; echo status=$?");
    CHECK(r.out == "status=2\n");
    CHECK(r.err == "inkoop: standard output: cannot write: No space left on device\n");
}

TEST_CASE("lost: a full disk (64 KB tmpfs) exits 2 and leaves nothing under the final name", "[lost]") {
    if (::geteuid() != 0) {
        WARN("not root: cannot mount a tmpfs; the file-size-limit test covers the same path");
        return;
    }
    const std::string d = fresh_dir("tmpfs");
    const auto r =
        run_shell("mount -t tmpfs -o size=64k tmpfs " + d + " || exit 77; $INKOOP batch --quiet --policy salland/ggz-2024 --input " +
                  kSample + " --output " + d + "/out.jsonl; echo status=$?; ls -A " + d + "; umount " + d);
    if (r.status == 77) {
        WARN("mount refused here: " + r.err);
        return;
    }
    CHECK(r.out == "status=2\n");
    CHECK(last_line(r.err) == "inkoop: " + d + "/out.jsonl: cannot write: No space left on device");
}

TEST_CASE("lost: a reader that goes away ends the run quietly, as other filters do", "[lost]") {
    const auto r = run_shell("$INKOOP batch --quiet --policy salland/ggz-2024 --input " + kSample +
                             " | head -c 100 > /dev/null; echo status=${PIPESTATUS[0]}");
    CHECK(r.out == "status=141\n");
    CHECK(r.err.find("cannot") == std::string::npos);
    CHECK(r.err.find("pipe") == std::string::npos);
}

TEST_CASE("lost: --output naming the input (directly or through a link) is refused before anything is read", "[lost]") {
    const std::string d = fresh_dir("same");
    const auto r = run_shell("cp " + kSample + " " + d + "/in.csv; ln -s in.csv " + d + "/link.csv; sum=$(md5sum < " + d +
                             "/in.csv); $INKOOP batch --policy salland/ggz-2024 --input " + d + "/in.csv --output " + d +
                             "/in.csv; echo status=$?; $INKOOP batch --policy salland/ggz-2024 --input " + d + "/in.csv --output " + d +
                             "/link.csv; echo status=$?; [ \"$(md5sum < " + d + "/in.csv)\" = \"$sum\" ] && echo intact; ls -A " + d);
    CHECK(r.out == "status=2\nstatus=2\nintact\nin.csv\nlink.csv\n");
    CHECK(r.err == "inkoop: " + d +
                       "/in.csv: --output names the input file; write the decisions somewhere else\n"
                       "inkoop: " +
                       d + "/link.csv: --output names the input file; write the decisions somewhere else\n");
}

TEST_CASE("lost: an unterminated quote is that row's error record and the next provider is decided", "[lost]") {
    const std::string d = fresh_dir("quote");
    const auto in = write_file(d + "/in.csv", "agb,name,kind\n11111111,\"Praktijk A,vrijgevestigde\n22222222,Praktijk B,zbc\n");
    const auto r = run_inkoop("--lang en batch --quiet --policy salland/ggz-2024 --input " + in);
    CHECK(r.status == 1);
    const auto recs = records(r.out);
    REQUIRE(recs.size() == 2);
    CHECK(recs[0]["agb"] == "11111111");
    CHECK(recs[0]["error"]["row"] == 2);
    CHECK(recs[0]["error"]["reason"] ==
          "a quoted field is not closed: the row was read up to the end of the line where the quote opened; "
          "has 2 fields, the header 3");
    CHECK(recs[1]["agb"] == "22222222");
    CHECK(recs[1]["outcome"] == "refuse");
    CHECK(r.err == "inkoop: " + in +
                       ": row 2: a quoted field is not closed: the row was read up to the end of the line where the quote "
                       "opened; has 2 fields, the header 3\n");
}

TEST_CASE("lost: a quote inside an unquoted field does not cut a later multi-line field at a chunk boundary", "[lost]") {
    const std::string d = fresh_dir("parity");
    std::string csv = "agb,name,kind\n10000000,a\"b,zbc\n";
    for (int i = 1; i < 2100; ++i) csv += std::to_string(10000000 + i) + (i % 97 == 0 ? ",\"two\nlines\",zbc\n" : ",plain,zbc\n");
    const auto in = write_file(d + "/in.csv", csv);
    for (const char* jobs : {"1", "2"}) {
        const auto r = run_inkoop(std::string("batch --quiet --jobs ") + jobs + " --policy salland/ggz-2024 --input " + in);
        CHECK(r.status == 0);
        const auto recs = records(r.out);
        REQUIRE(recs.size() == 2100);
        size_t errors = 0;
        for (const auto& rec : recs) errors += rec.contains("error");
        CHECK(errors == 0);  // the quote is a literal character of the name
        CHECK(recs.back()["agb"] == "10002099");
    }
}

TEST_CASE("lost: a Windows-1252 list (Dutch Excel) comes out as valid UTF-8, and says so once", "[lost]") {
    const std::string d = fresh_dir("cp1252");
    const auto in = write_file(d + "/in.csv", "agb;kind;name;x_naam\r\n12345678;zbc;Praktijk \xC9\xE9n;Praktijk \xC9\xE9n\r\n");
    const auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + in);
    CHECK(r.status == 0);
    CHECK(records(r.out).at(0)["x_naam"] == "Praktijk \xC3\x89\xC3\xA9n");
    CHECK(r.err == "inkoop: " + in +
                       ": not valid UTF-8 (row 2): read as Windows-1252, as Excel writes CSV "
                       "(--encoding utf-8 or windows-1252 chooses)\n");
    const auto forced = run_inkoop("batch --quiet --encoding utf-8 --policy salland/ggz-2024 --input " + in);
    CHECK(records(forced.out).at(0)["x_naam"] == "Praktijk \xEF\xBF\xBD\xEF\xBF\xBDn");
}

TEST_CASE("lost: a number out of range or a deeply nested value in JSON is one row's error, the rest is decided", "[lost]") {
    const std::string d = fresh_dir("json");
    const std::string deep = std::string(60000, '[') + std::string(60000, ']');
    const auto jsonl = write_file(d + "/in.jsonl",
                                  "{\"agb\": \"11111111\", \"kind\": \"zbc\", \"locations\": 1e999}\n"
                                  "{\"agb\": \"22222222\", \"kind\": \"zbc\", \"x_n\": " +
                                      deep +
                                      "}\n"
                                      "{\"agb\": \"33333333\", \"kind\": \"zbc\"}\n");
    auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + jsonl);
    CHECK(r.status == 1);
    auto recs = records(r.out);
    REQUIRE(recs.size() == 3);
    CHECK(recs[0]["agb"] == "11111111");
    CHECK(recs[0]["error"]["reason"].get<std::string>().find("invalid JSON: [json.exception.out_of_range.406] number overflow") == 0);
    CHECK(recs[1]["error"]["reason"] == "the JSON is nested more than 64 levels deep");
    CHECK(recs[2]["outcome"] == "refuse");
    const auto array =
        write_file(d + "/in.json", "[{\"agb\": \"11111111\", \"locations\": 1e999}, {\"agb\": \"33333333\", \"kind\": \"zbc\"}]");
    r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + array);
    CHECK(r.status == 1);
    recs = records(r.out);
    REQUIRE(recs.size() == 2);
    CHECK(recs[0]["error"]["row"] == 1);
    CHECK(recs[1]["outcome"] == "refuse");
}

TEST_CASE("lost: a FIFO and /dev/stdin read as '-' does", "[lost]") {
    const std::string d = fresh_dir("fifo");
    const auto r = run_shell("mkfifo " + d + "/in.fifo; cat " + kSample + " > " + d +
                             "/in.fifo & $INKOOP batch --quiet --policy salland/ggz-2024 "
                             "--input-format csv --input " +
                             d +
                             "/in.fifo | wc -l; $INKOOP batch --quiet --policy salland/ggz-2024 "
                             "--input /dev/stdin < " +
                             kSample + " | wc -l");
    CHECK(r.out == "2000\n2000\n");
}

TEST_CASE("lost: a signal during a run removes the temporary output, a killed run's leftover is cleaned next time", "[lost]") {
    const std::string d = fresh_dir("signal");
    // The list's writer keeps the FIFO open until it is killed, so the run waits for its second
    // row for as long as the test needs; the signal is sent once the temporary output exists (its
    // removal on a signal is installed before it is made), polled for, never after a fixed time.
    const std::string start = "mkfifo " + d + "/in.fifo; (printf 'agb,kind\\n12345678,zbc\\n'; exec sleep 600) > " + d +
                              "/in.fifo & w=$!; "
                              "$INKOOP batch --quiet --policy salland/ggz-2024 --input-format csv --input " +
                              d + "/in.fifo --output " + d + "/out.jsonl & pid=$!; i=0; until ls -A " + d +
                              " | grep -q inkoop || [ $i -ge 60000 ]; do sleep 0.01; i=$((i+1)); done; ls -A " + d + " | grep -c inkoop;";
    auto r = run_shell(start + " kill -HUP $pid; wait $pid; echo status=$?; kill $w; ls -A " + d);
    CHECK(r.out == "1\nstatus=129\nin.fifo\n");
    r = run_shell("rm -f " + d + "/in.fifo; " + start + " kill -TERM $pid; wait $pid; echo status=$?; kill $w; ls -A " + d);
    CHECK(r.out == "1\nstatus=143\nin.fifo\n");
    r = run_shell("rm -f " + d + "/in.fifo; " + start + " kill -KILL $pid; wait $pid; echo status=$?; kill $w; ls -A " + d +
                  " | sed 's/[0-9]*\\.tmp/PID.tmp/'");
    CHECK(r.out == "1\nstatus=137\n.out.jsonl.inkoop-PID.tmp\nin.fifo\n");
    r = run_shell("$INKOOP batch --quiet --policy salland/ggz-2024 --input " + kSample + " --output " + d +
                  "/out.jsonl; echo status=$?; ls -A " + d + "; wc -l < " + d + "/out.jsonl");
    CHECK(r.out == "status=1\nin.fifo\nout.jsonl\nout.jsonl.manifest.json\n2000\n");
    CHECK(r.err.find("inkoop: " + d + "/.out.jsonl.inkoop-") == 0);
    CHECK(r.err.find(".tmp: removed an unfinished output left by an earlier run (process ") != std::string::npos);
}

TEST_CASE("lost: duplicate AGB codes are a warning naming both rows, and an error record with --strict", "[lost]") {
    const std::string d = fresh_dir("dup");
    const auto in = write_file(d + "/in.csv", "agb,kind\n12345678,zbc\n23456789,zbc\n12345678,zbc\n");
    auto r = run_inkoop("--lang en batch --quiet --policy salland/ggz-2024 --input " + in);
    CHECK(r.status == 0);
    CHECK(records(r.out).size() == 3);
    CHECK(r.err == "inkoop: " + in + ": row 4: AGB 12345678 is also on row 2\n");
    r = run_inkoop("--lang en batch --quiet --strict --policy salland/ggz-2024 --input " + in);
    CHECK(r.status == 1);
    const auto recs = records(r.out);
    REQUIRE(recs.size() == 3);
    CHECK(recs[2] == json::parse(R"({"agb": "12345678", "policy": null, "error": {"file": ")" + in + R"(", "row": 4, "kind": "duplicate",
        "field": "agb", "reason": "AGB 12345678 is also on row 2", "problems": [{"field": "agb", "reason": "AGB 12345678 is also on row 2",
        "message": {"pattern": "AGB {} is also on row {}", "args": ["12345678", "2"]}}]}})"));
    CHECK(r.err == "inkoop: " + in + ": row 4: AGB 12345678 is also on row 2: rejected (--strict)\n");
    // In the policy's language (Dutch): the same warning, a row an invoerregel.
    r = run_inkoop("batch --quiet --strict --policy salland/ggz-2024 --input " + in);
    CHECK(r.err == "inkoop: " + in + ": invoerregel 4: AGB 12345678 staat ook op invoerregel 2: afgekeurd (--strict)\n");
    r = run_inkoop("--lang en batch --summary-only --strict --policy salland/ggz-2024 --input " + in);
    CHECK(r.out.find(": 2 decided, 1 rejected for bad input; 1 duplicate AGB codes\n") != std::string::npos);
}

TEST_CASE("lost: a 7-digit AGB is one error record that names it", "[lost]") {
    const std::string d = fresh_dir("agb7");
    const auto r =
        run_inkoop("--lang en batch --quiet --policy salland/ggz-2024 --input " + write_file(d + "/in.csv", "agb,kind\n1234567,zbc\n"));
    const auto recs = records(r.out);
    REQUIRE(recs.size() == 1);
    CHECK(recs[0]["agb"] == "1234567");
    CHECK(recs[0]["error"]["reason"] == "'1234567' is not an AGB code of 8 digits");
}

TEST_CASE("lost: file errors name the file and the system's reason", "[lost]") {
    const std::string d = fresh_dir("paths");
    auto r = run_inkoop("batch --policy salland/ggz-2024 --input " + kSample + " --output " + d);
    CHECK(r.status == 2);
    CHECK(r.err == "inkoop: " + d + ": is a directory, not a file\n");
    r = run_inkoop("batch --policy salland/ggz-2024 --input " + kSample + " --output " + d + "/missing/out.jsonl");
    CHECK(r.err == "inkoop: " + d + "/missing/out.jsonl: cannot write: No such file or directory\n");
    r = run_inkoop("batch --policy salland/ggz-2024 --input " + d);
    CHECK(r.err == "inkoop: " + d + ": is a directory, not a file\n");
    r = run_inkoop("batch --policy salland/ggz-2024 --input " + d + "/nope.csv");
    CHECK(r.err == "inkoop: " + d + "/nope.csv: cannot open: No such file or directory\n");
}

TEST_CASE("lost: eval with standard input closed, or given a CSV, says what is wrong", "[lost]") {
    auto r = run_shell("$INKOOP eval --policy salland/ggz-2024 - <&-; echo status=$?");
    CHECK(r.out == "status=2\n");
    CHECK(r.err == "inkoop: standard input: cannot read: Bad file descriptor\n");
    r = run_inkoop("eval --policy salland/ggz-2024 " + kSample);
    CHECK(r.status == 2);
    CHECK(r.err.find("inkoop: " + kSample + ": invalid JSON: [json.exception.parse_error.101] parse error at line 1, column 1") == 0);
    CHECK(r.err.find("(eval decides one provider given as a JSON object, or from a list with --input LIST --agb CODE; `inkoop batch` "
                     "reads CSV, JSON Lines, JSON arrays and .xlsx)\n") != std::string::npos);
}

TEST_CASE("lost: standard error shows the first 20 rejected rows and a count, the output keeps every one", "[lost]") {
    const std::string d = fresh_dir("cap");
    std::string csv = "agb,kind\n";
    for (int i = 0; i < 30; ++i) csv += std::to_string(10000000 + i) + ",\x1b[31mzbc\n";
    const auto in = write_file(d + "/in.csv", csv);
    const auto r = run_inkoop("--lang en batch --quiet --policy salland/ggz-2024 --input " + in);
    CHECK(r.status == 1);
    CHECK(records(r.out).size() == 30);
    std::istringstream lines(r.err);
    std::vector<std::string> v;
    for (std::string l; std::getline(lines, l);) v.push_back(l);
    REQUIRE(v.size() == 21);
    CHECK(v[0].find("inkoop: " + in + ": row 2: field 'kind': '\\x1b[31mzbc' is not one of ") == 0);
    CHECK(v[20] == "inkoop: " + in + ": 10 more rejected rows not shown here (each is an error record in the output)");
    CHECK(r.err.find('\x1b') == std::string::npos);
}

TEST_CASE("lost: the summary always adds up: rows read = decided + rejected", "[lost]") {
    const auto r = run_inkoop("--lang en batch --summary-only --policy salland/ggz-2024 --input " + kSample);
    CHECK(r.out.find("2000 rows in ") == 0);
    CHECK(r.out.find(": 1995 decided, 5 rejected for bad input\n") != std::string::npos);
}
