#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "core/authoring/stubs.hpp"
#include "core/engine/surface.hpp"
#include "policy_fixture.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;
using namespace inkoop::testing;
using lua::ErrorKind;
using lua::PolicyRuntime;
using lua::Sandbox;
using lua::ScriptError;

namespace {

// The error a script raises, or fails the test when none.
ScriptError load_error(const std::string& code, lua::Limits limits = small_limits()) {
    try {
        PolicyRuntime rt(code, "t.lua", ::inkoop::testing::shared_test_schema(), limits);
    } catch (const ScriptError& e) {
        return e;
    }
    FAIL("the script loaded without error");
    return ScriptError(ErrorKind::Runtime, "", "");
}

ScriptError decide_error(PolicyRuntime& rt, const Provider& p) {
    try {
        decided(rt, p, rt.policy().default_params());
    } catch (const ScriptError& e) {
        return e;
    }
    FAIL("the decision raised no error");
    return ScriptError(ErrorKind::Runtime, "", "");
}

// A policy whose one rule runs `check_body` for a provider with 99 FTE, and passes otherwise.
std::string trap_policy(const std::string& check_body) {
    return policy_with(
        "rule { 'trap', section = '9', text = 'trap', require = check('trap', function(p)\n"
        "  if p.fte_regiebehandelaren == 99 then\n" +
        check_body + "\n  end\n  return true\nend) }");
}

}  // namespace

TEST_CASE("an endless loop while loading ends on the instruction budget", "[sandbox]") {
    const auto e = load_error("while true do end");
    CHECK(e.kind() == ErrorKind::Instructions);
    CHECK(std::string(e.what()) == "t.lua:1: instruction budget of 2000000 exceeded");
    CHECK(e.traceback().find("t.lua:1: in main chunk") != std::string::npos);
}

TEST_CASE("the deadline ends a run that the instruction budget would allow", "[sandbox]") {
    auto limits = small_limits();
    limits.instructions = UINT64_MAX;
    limits.deadline = std::chrono::milliseconds(50);
    const auto e = load_error("local x = 0\nwhile true do x = x + 1 end", limits);
    CHECK(e.kind() == ErrorKind::Deadline);
    CHECK(std::string(e.what()) == "t.lua:2: deadline of 50 ms exceeded");
}

TEST_CASE("building a huge string ends on the memory cap", "[sandbox]") {
    const auto e = load_error("local s = 'x'\nwhile true do s = s .. s end");
    CHECK(e.kind() == ErrorKind::Memory);
    CHECK(std::string(e.what()) == "t.lua: memory limit of 16 MiB exceeded");
}

TEST_CASE("string.rep cannot build a huge string in one C call", "[sandbox]") {
    const auto e = load_error("local s = string.rep('x', 1024 * 1024 * 1024)");
    CHECK(e.kind() == ErrorKind::Runtime);
    CHECK(std::string(e.what()) == "t.lua:1: string.rep: the result would exceed 16777216 bytes");
    CHECK(load_error("local s = ('x'):rep(2^40)").what() == std::string("t.lua:1: string.rep: the result would exceed 16777216 bytes"));
}

TEST_CASE("infinite recursion ends with a stack overflow", "[sandbox]") {
    auto limits = small_limits();
    limits.memory_bytes = size_t{256} << 20;
    limits.instructions = 100'000'000;
    const auto e = load_error("local function f(n) return 1 + f(n + 1) end\nf(1)", limits);
    CHECK(e.kind() == ErrorKind::Runtime);
    CHECK(std::string(e.what()).find("t.lua:1: stack overflow") == 0);
}

TEST_CASE("pcall inside the script cannot swallow a limit", "[sandbox]") {
    const auto e = load_error("for i = 1, 100 do pcall(function() while true do end end) end\nreturn 1");
    CHECK(e.kind() == ErrorKind::Instructions);
    const auto m = load_error(
        "local ok = pcall(function() local s = 'x' while true do s = s .. s end end)\n"
        "local t = {} for i = 1, 10 do t[i] = i end");
    CHECK(m.kind() == ErrorKind::Memory);
}

TEST_CASE("a script cannot forge a limit error", "[sandbox]") {
    const auto e = load_error("error('instruction budget of 2000000 exceeded')");
    CHECK(e.kind() == ErrorKind::Runtime);
    CHECK(std::string(e.what()) == "t.lua:1: instruction budget of 2000000 exceeded");
}

TEST_CASE("error objects are read defensively", "[sandbox]") {
    CHECK(std::string(load_error("error({})").what()) == "(error object is a table value)");
    CHECK(std::string(load_error("error('a\\0b')").what()) == "t.lua:1: a\\0b");
    CHECK(std::string(load_error("error(42)").what()) == "42");
    const std::string huge = load_error("error(string.rep('y', 100000))").what();
    CHECK(huge.size() < 16100);
    CHECK(huge.substr(huge.size() - 3) == "...");
}

TEST_CASE("only the whitelisted libraries are reachable", "[sandbox]") {
    for (const char* name : {"io", "os", "require", "dofile", "loadfile", "load", "setmetatable", "getmetatable", "collectgarbage", "debug",
                             "coroutine", "package", "print", "rawset", "_G", "loadstring"}) {
        INFO(name);
        const auto e = load_error(std::string("local x = ") + name + ".x");
        CHECK(std::string(e.what()) == std::string("t.lua:1: attempt to index a nil value (global '") + name + "')");
    }
    CHECK(std::string(load_error("string.gsub('x', 'x', 'y')").what()) == "t.lua:1: attempt to call a nil value (field 'gsub')");
    CHECK(std::string(load_error("local r = math.random()").what()) == "t.lua:1: attempt to call a nil value (field 'random')");
}

TEST_CASE("the string metatable is locked to the safe library", "[sandbox]") {
    CHECK(std::string(load_error("local s = ('x'):gsub('x', 'y')").what()) == "t.lua:1: attempt to call a nil value (method 'gsub')");
    CHECK(std::string(load_error("string.len = nil").what()) == "t.lua:1: attempt to modify read-only table (key 'len')");
    // find is plain: a pattern is searched as text.
    REQUIRE_NOTHROW(PolicyRuntime(policy_with("assert(('a.c'):find('.', 1) == 2)\nassert(('abc'):find('.') == nil)\n"
                                              "rule { 'r', section = '1', text = 't', require = always }"),
                                  "t.lua", ::inkoop::testing::shared_test_schema(), small_limits()));
}

TEST_CASE("binary chunks are refused", "[sandbox]") {
    const auto e = load_error(std::string("\x1bLua\x54\x00", 6));
    CHECK(e.kind() == ErrorKind::Syntax);
    CHECK(std::string(e.what()) == "attempt to load a binary chunk (mode is 't')");
}

TEST_CASE("a limit hit while deciding is that provider's error and the next decision works", "[sandbox]") {
    PolicyRuntime loop(trap_policy("while true do end"), "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
    const auto e = decide_error(loop, practice(99));
    CHECK(e.kind() == ErrorKind::Instructions);
    CHECK(std::string(e.what()) == "t.lua:5: instruction budget of 2000000 exceeded");
    CHECK(decided(loop, practice(5), loop.policy().default_params()).outcome == Outcome::Offer);

    PolicyRuntime mem(trap_policy("local s = 'x' while true do s = s .. s end"), "t.lua", ::inkoop::testing::shared_test_schema(),
                      small_limits());
    CHECK(decide_error(mem, practice(99)).kind() == ErrorKind::Memory);
    CHECK(decided(mem, practice(5), mem.policy().default_params()).outcome == Outcome::Offer);

    PolicyRuntime rec(trap_policy("local function f() return 1 + f() end return f()"), "t.lua", ::inkoop::testing::shared_test_schema(),
                      small_limits());
    const auto overflow = decide_error(rec, practice(99));  // the stack outgrows the 16 MiB cap first
    CHECK(overflow.kind() == ErrorKind::Memory);
    CHECK(std::string(overflow.what()) == "t.lua: memory limit of 16 MiB exceeded");
    CHECK(decided(rec, practice(5), rec.policy().default_params()).outcome == Outcome::Offer);
}

TEST_CASE("nothing survives from one decision to the next", "[sandbox]") {
    SECTION("globals cannot be assigned while deciding") {
        PolicyRuntime rt(trap_policy("counter = 1"), "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
        CHECK(std::string(decide_error(rt, practice(99)).what()) ==
              "t.lua:5: assignment to global 'counter': a policy keeps no state between decisions");
    }
    SECTION("tables built while loading are read-only while deciding") {
        PolicyRuntime rt(policy_with("local seen = { 'a' }\n"
                                     "rule { 'r', section = '1', text = 't', require = check('t', function(p)\n"
                                     "  seen[#seen + 1] = p.agb return #seen == 1 end) }"),
                         "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
        CHECK(std::string(decide_error(rt, practice()).what()) ==
              "t.lua:5: attempt to modify a table of the policy after it loaded (tables are read-only while deciding)");
    }
    SECTION("local variables are restored after every decision") {
        PolicyRuntime rt(policy_with("local n = 0\n"
                                     "rule { 'r', section = '1', text = 'first call', require = check('t', function(p)\n"
                                     "  n = n + 1 return n == 1 end) }"),
                         "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
        for (int i = 0; i < 3; ++i) CHECK(decided(rt, practice(), rt.policy().default_params()).outcome == Outcome::Offer);
    }
    SECTION("frozen tables still read as before") {
        REQUIRE_NOTHROW([] {
            PolicyRuntime rt(policy_with("local kinds = { 'a', 'b', x = 1 }\n"
                                         "rule { 'r', section = '1', text = 't', require = check('t', function(p)\n"
                                         "  local n = 0 for _ in pairs(kinds) do n = n + 1 end\n"
                                         "  return #kinds == 2 and kinds[2] == 'b' and n == 3 and table.concat(kinds) == 'ab' end) }"),
                             "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
            decided(rt, practice(), {});
        }());
    }
}

TEST_CASE("the provider is read-only and checked against the schema", "[sandbox]") {
    PolicyRuntime typo(trap_policy("return p.fte_regiebehandelaar > 1"), "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
    CHECK(std::string(decide_error(typo, practice(99)).what()) ==
          "t.lua:5: provider has no field 'fte_regiebehandelaar' (did you mean fte_regiebehandelaren?)");
    PolicyRuntime write(trap_policy("p.locations = 1"), "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
    CHECK(std::string(decide_error(write, practice(99)).what()) == "t.lua:5: the provider is read-only (assigning 'locations')");
}

TEST_CASE("a script function that reads an unknown fact makes its rule unknown", "[sandbox]") {
    PolicyRuntime rt(policy_with("rule { 'r', section = '1', text = 't', require = check('t', function(p)\n"
                                 "  return p.locations <= 3 end) }"),
                     "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
    const Decision d = decided(rt, practice(), rt.policy().default_params());
    CHECK(d.outcome == Outcome::Incomplete);
    CHECK(d.missing == std::vector<std::string>{"locations"});
}

namespace {

// The names the surface table lists for a policy's state: base functions, library members, the
// policy API ("string.find" for a library member).
std::vector<std::string> surface_names(std::initializer_list<SurfaceLibrary> libraries) {
    std::vector<std::string> out;
    for (const auto& e : sandbox_surface()) {
        if (std::find(libraries.begin(), libraries.end(), e.library) == libraries.end()) continue;
        const auto table = library_table(e.library);
        out.push_back(table.empty() ? std::string(e.name) : std::string(table) + "." + std::string(e.name));
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The words of a Lua list `local NAME = { "a", "b", ... }` in .luacheckrc.
std::vector<std::string> luacheck_list(const std::string& text, const std::string& name) {
    const auto at = text.find("local " + name + " = {");
    REQUIRE(at != std::string::npos);
    const std::string body = text.substr(at, text.find('}', at) - at);
    std::vector<std::string> out;
    for (size_t q = body.find('"'); q != std::string::npos; q = body.find('"', body.find('"', q + 1) + 1))
        out.push_back(body.substr(q + 1, body.find('"', q + 1) - q - 1));
    return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

TEST_CASE("the sandbox registers exactly the surface table: nothing reachable that the table does not name", "[sandbox][surface]") {
    PolicyRuntime rt(policy_with("rule { 'r', section = '1', text = 't', require = always }"), "t.lua",
                     ::inkoop::testing::shared_test_schema());
    const auto reachable = rt.sandbox().reachable_names();
    CHECK(reachable == surface_names({SurfaceLibrary::Base, SurfaceLibrary::String, SurfaceLibrary::Table, SurfaceLibrary::Math,
                                      SurfaceLibrary::Utf8, SurfaceLibrary::Policy}));
    CHECK(std::count(reachable.begin(), reachable.end(), "_VERSION") == 1);
    CHECK(std::count(reachable.begin(), reachable.end(), "print") == 0);
    CHECK(std::count(reachable.begin(), reachable.end(), "math.random") == 0);
    CHECK(std::count(reachable.begin(), reachable.end(), "string.gsub") == 0);
    // A global registered without its table entry stops the sandbox that registers it.
    CHECK_THROWS_WITH(Sandbox::check_surface("print"),
                      "'print' is not in the sandbox surface table (core/engine/surface.cpp): add it there first");
    CHECK_THROWS_WITH(Sandbox::check_surface("pairs"),
                      "'pairs' is not in the sandbox surface table (core/engine/surface.cpp): add it there first");
    CHECK_NOTHROW(Sandbox::check_surface("rule"));
    CHECK_NOTHROW(Sandbox::check_surface("unknown"));
}

TEST_CASE("the lint configuration, the README and the editor stubs name the surface table", "[sandbox][surface]") {
    const std::string luacheckrc = slurp_file(INKOOP_SOURCE_DIR "/.luacheckrc");
    std::vector<std::string> linted = luacheck_list(luacheckrc, "conditions");
    for (const auto& n : luacheck_list(luacheckrc, "declarations")) linted.push_back(n);
    for (const auto& n : luacheck_list(luacheckrc, "sandbox")) linted.push_back(n);
    CHECK(sorted(linted) == surface_names({SurfaceLibrary::Base, SurfaceLibrary::Policy}));
    const auto files = luacheckrc.find("files[\"**/*_test.lua\"] = { read_globals = {");
    REQUIRE(files != std::string::npos);
    std::vector<std::string> test_globals;
    const std::string line = luacheckrc.substr(files, luacheckrc.find('\n', files) - files);
    for (size_t q = line.find('"', line.find("read_globals")); q != std::string::npos; q = line.find('"', line.find('"', q + 1) + 1))
        test_globals.push_back(line.substr(q + 1, line.find('"', q + 1) - q - 1));
    auto expected_test = surface_names({SurfaceLibrary::TestFile});
    expected_test.push_back("date");
    CHECK(sorted(test_globals) == sorted(expected_test));

    // README, "The sandbox": the base functions, and string's members, each listed once.
    const std::string readme = slurp_file(INKOOP_SOURCE_DIR "/README.md");
    const auto words = [&](const std::string& after) {
        const auto at = readme.find(after);
        REQUIRE(at != std::string::npos);
        const auto from = at + after.size();
        std::istringstream in(readme.substr(from, readme.find('`', from) - from));
        std::vector<std::string> out;
        for (std::string w; in >> w;) out.push_back(w);
        return sorted(out);
    };
    std::vector<std::string> base;
    for (const auto& n : surface_names({SurfaceLibrary::Base}))
        if (n != "string" && n != "table" && n != "math" && n != "utf8") base.push_back(n);
    CHECK(words("It **can** use the base functions `") == base);
    std::vector<std::string> string_members;
    for (const auto& n : surface_names({SurfaceLibrary::String}))
        if (n != "string.find") string_members.push_back(n.substr(7));  // find is named just before the list
    CHECK(words("`find` is a plain, linear search; `") == sorted(string_members));

    // The editor stubs annotate every function of the policy API and of test files.
    const std::string stubs = luals_api_stub();
    for (const auto& e : sandbox_surface()) {
        if (e.guard != SurfaceGuard::Host) continue;
        const std::string name(e.name);
        const bool annotated =
            stubs.find("\nfunction " + name + "(") != std::string::npos || stubs.find("\n" + name + " = ") != std::string::npos;
        CHECK((annotated ? "" : name) == "");
    }
}
