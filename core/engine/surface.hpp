// The sandbox surface as data: every name a policy (or a policy test file) can reach, where it
// lives and how the host guards it. The sandbox registers its globals from this table and from
// nothing else (bindings/sandbox.cpp refuses a name the table does not list); the editor stubs, the
// lint configuration and the README are checked against it (tests/test_sandbox.cpp).
// Lua's own libraries are opened in full and only the names below are copied out of them; what is
// left out (io, os, package, load, require, debug, coroutine, setmetatable, getmetatable, rawset,
// collectgarbage, print, xpcall, dofile, loadfile, string patterns beyond find's plain mode, the
// random generator) cannot be reached.
#pragma once

#include <span>
#include <string_view>

namespace inkoop {

enum class SurfaceLibrary {
    Base,      // a global from Lua's base library
    String,    // string.<name> (and ("x"):<name>())
    Table,     // table.<name>
    Math,      // math.<name>
    Utf8,      // utf8.<name>
    Policy,    // a global of the inkoop policy API (declarations, conditions, values)
    TestFile,  // a global of policy test files only (test, use, with, unknown)
};

// How the host hands a Lua library function to policies.
enum class SurfaceGuard {
    Plain,          // as Lua has it: constant time, or linear in what the policy already paid for
    ChargedText,    // its cost in bytes is charged to the instruction budget before it runs
    ChargedShift,   // table.insert/remove: the elements shifted are charged
    ChargedMove,    // table.move: the elements moved are charged
    ChargedSort,    // table.sort: n log n comparisons are charged
    ChargedConcat,  // table.concat: the range is charged
    ChargedUnpack,  // table.unpack: the range is charged
    SafeRep,        // string.rep: the result's size is checked against the memory cap first
    SafeFind,       // string.find: plain search only (no patterns)
    SafeFormat,     // string.format: bounded widths, no %q
    SafeNext,       // next, rawget, rawlen, tostring: host versions that see through frozen tables
    SafeRawget,
    SafeRawlen,
    SafeTostring,
    StrictUtf8,  // utf8.codepoint/codes/len: strict UTF-8 (no surrogates, no lax mode)
    Host,        // the inkoop API: registered by bindings/ (declarations, lua_<type>.cpp)
};

struct SurfaceEntry {
    SurfaceLibrary library;
    std::string_view name;
    SurfaceGuard guard;
};

// The whole surface, in one table.
std::span<const SurfaceEntry> sandbox_surface();

// "string", "table", "math", "utf8" for a library table; "" for globals.
std::string_view library_table(SurfaceLibrary library);

// The entry for a global (Base, Policy or TestFile) or a library member; null when the table has none.
const SurfaceEntry* find_surface_entry(SurfaceLibrary library, std::string_view name);

}  // namespace inkoop
