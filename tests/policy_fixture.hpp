// Small policies written inline for the host tests. The preamble takes lines 1-2, so the body
// starts on line 3 of "t.lua".
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "bindings/policy_runtime.hpp"
#include "core/model/provider.hpp"
#include "schema_fixture.hpp"

namespace inkoop::testing {

inline std::string policy_with(const std::string& body) {
    return "policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'none' }\n"
           "scope { section = '1', text = 'practices', kinds = { 'vrijgevestigde' } }\n" +
           body +
           "\noffer(function(p) return contract { type = 'vrijgevestigde', section = '2', from = '2024-01-01', "
           "to = '2024-12-31' }, tariff { basis = 'fixed', section = '3' } end)\n";
}

// A decision of the runtime itself (the host tests' way in; the program decides through an
// Evaluator). Throws ScriptError when the policy fails on the provider.
inline Decision decided(lua::PolicyRuntime& rt, const Provider& p, const ParamValues& params, DecideOptions options = {}) {
    Decision d;
    rt.decide_into(p, params, options, d);
    return d;
}

inline Provider practice(double fte = 5) {
    Provider p{::inkoop::testing::test_schema()};
    const Schema& s = ::inkoop::testing::test_schema();
    p[s.find("agb")->index] = std::string("12345678");
    p[s.find("kind")->index] = EnumValue{0};
    p[s.find("fte_regiebehandelaren")->index] = fte;
    return p;
}

inline std::string slurp_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Limits that only the instruction budget and the memory cap can end: the tests that use them
// expect one of those two (or a script error), which come at the same point on any machine. The
// deadline is far beyond what any machine needs for two million instructions, so a slow machine
// (or a sanitizer build on a loaded one) cannot trip it first. A test of the deadline sets its
// own, with work that has no end (a loop), so that every machine reaches it.
inline lua::Limits small_limits() {
    lua::Limits l;
    l.instructions = 2'000'000;
    l.deadline = std::chrono::seconds(60);
    l.memory_bytes = size_t{16} << 20;
    return l;
}

}  // namespace inkoop::testing
