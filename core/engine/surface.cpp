#include "core/engine/surface.hpp"

namespace inkoop {
namespace {

using L = SurfaceLibrary;
using G = SurfaceGuard;

// No xpcall: Lua runs a message handler for an error raised in a hook with hooks off, so a handler
// that loops could never be stopped. pcall has no handler.
constexpr SurfaceEntry kSurface[] = {
    {L::Base, "assert", G::Plain},
    {L::Base, "error", G::Plain},
    {L::Base, "ipairs", G::Plain},
    {L::Base, "pairs", G::Plain},
    {L::Base, "pcall", G::Plain},
    {L::Base, "rawequal", G::Plain},
    {L::Base, "select", G::Plain},
    {L::Base, "type", G::Plain},
    {L::Base, "_VERSION", G::Plain},
    {L::Base, "tonumber", G::ChargedText},
    {L::Base, "next", G::SafeNext},
    {L::Base, "rawget", G::SafeRawget},
    {L::Base, "rawlen", G::SafeRawlen},
    {L::Base, "tostring", G::SafeTostring},
    {L::Base, "string", G::Plain},
    {L::Base, "table", G::Plain},
    {L::Base, "math", G::Plain},
    {L::Base, "utf8", G::Plain},

    {L::String, "byte", G::ChargedText},
    {L::String, "char", G::ChargedText},
    {L::String, "len", G::ChargedText},
    {L::String, "lower", G::ChargedText},
    {L::String, "upper", G::ChargedText},
    {L::String, "reverse", G::ChargedText},
    {L::String, "sub", G::ChargedText},
    {L::String, "rep", G::SafeRep},
    {L::String, "find", G::SafeFind},
    {L::String, "format", G::SafeFormat},

    {L::Table, "pack", G::Plain},
    {L::Table, "insert", G::ChargedShift},
    {L::Table, "remove", G::ChargedShift},
    {L::Table, "move", G::ChargedMove},
    {L::Table, "sort", G::ChargedSort},
    {L::Table, "concat", G::ChargedConcat},
    {L::Table, "unpack", G::ChargedUnpack},

    // Everything but the generator: decisions are deterministic.
    {L::Math, "abs", G::Plain},
    {L::Math, "ceil", G::Plain},
    {L::Math, "floor", G::Plain},
    {L::Math, "fmod", G::Plain},
    {L::Math, "huge", G::Plain},
    {L::Math, "max", G::Plain},
    {L::Math, "maxinteger", G::Plain},
    {L::Math, "min", G::Plain},
    {L::Math, "mininteger", G::Plain},
    {L::Math, "modf", G::Plain},
    {L::Math, "pi", G::Plain},
    {L::Math, "sqrt", G::Plain},
    {L::Math, "tointeger", G::Plain},
    {L::Math, "type", G::Plain},
    {L::Math, "ult", G::Plain},
    {L::Math, "exp", G::Plain},
    {L::Math, "log", G::Plain},

    {L::Utf8, "charpattern", G::Plain},
    {L::Utf8, "char", G::ChargedText},
    {L::Utf8, "offset", G::ChargedText},
    {L::Utf8, "codepoint", G::StrictUtf8},
    {L::Utf8, "codes", G::StrictUtf8},
    {L::Utf8, "len", G::StrictUtf8},

    // Declarations (bindings/declarations.cpp) and the value constructors (lua_<type>.cpp).
    {L::Policy, "policy", G::Host},
    {L::Policy, "param", G::Host},
    {L::Policy, "scope", G::Host},
    {L::Policy, "outside_scope", G::Host},
    {L::Policy, "not_encoded", G::Host},
    {L::Policy, "encodes", G::Host},
    {L::Policy, "rule", G::Host},
    {L::Policy, "replace_rule", G::Host},
    {L::Policy, "remove_rule", G::Host},
    {L::Policy, "remove_param", G::Host},
    {L::Policy, "move_rule", G::Host},
    {L::Policy, "offer", G::Host},
    {L::Policy, "import", G::Host},
    {L::Policy, "inherit", G::Host},
    {L::Policy, "contract", G::Host},
    {L::Policy, "tariff", G::Host},
    {L::Policy, "date", G::Host},
    // Conditions (bindings/lua_condition.cpp).
    {L::Policy, "is_true", G::Host},
    {L::Policy, "is_false", G::Host},
    {L::Policy, "known", G::Host},
    {L::Policy, "absent", G::Host},
    {L::Policy, "equals", G::Host},
    {L::Policy, "one_of", G::Host},
    {L::Policy, "kind_is", G::Host},
    {L::Policy, "kind_in", G::Host},
    {L::Policy, "at_most", G::Host},
    {L::Policy, "at_least", G::Host},
    {L::Policy, "below", G::Host},
    {L::Policy, "above", G::Host},
    {L::Policy, "on_or_before", G::Host},
    {L::Policy, "on_or_after", G::Host},
    {L::Policy, "before", G::Host},
    {L::Policy, "after", G::Host},
    {L::Policy, "all", G::Host},
    {L::Policy, "any", G::Host},
    {L::Policy, "negate", G::Host},
    {L::Policy, "check", G::Host},
    {L::Policy, "fixed", G::Host},
    {L::Policy, "always", G::Host},

    // Policy test files (bindings/test_file.cpp), which also have date.
    {L::TestFile, "test", G::Host},
    {L::TestFile, "use", G::Host},
    {L::TestFile, "with", G::Host},
    {L::TestFile, "unknown", G::Host},
};

}  // namespace

std::span<const SurfaceEntry> sandbox_surface() { return kSurface; }

std::string_view library_table(SurfaceLibrary library) {
    switch (library) {
    case L::String: return "string";
    case L::Table: return "table";
    case L::Math: return "math";
    case L::Utf8: return "utf8";
    default: return "";
    }
}

const SurfaceEntry* find_surface_entry(SurfaceLibrary library, std::string_view name) {
    for (const auto& e : kSurface)
        if (e.library == library && e.name == name) return &e;
    return nullptr;
}

}  // namespace inkoop
