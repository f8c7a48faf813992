#include "analyst_session.hpp"

#include <cstring>
#include <lua.hpp>
#include <unistd.h>

#include "core/base/text.hpp"
#include "lua_types.hpp"
#include "sandbox.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

char kApiKey;  // registry: the SessionApi

SessionApi& api(lua_State* L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kApiKey);
    auto* a = static_cast<SessionApi*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    return *a;
}

const Field& field_named(lua_State* L, int idx) {
    const char* name = luaL_checkstring(L, idx);
    const Schema& schema = api(L).schema();
    const Field* f = schema.find(name);
    if (!f) throw std::runtime_error(std::string("provider has no field '") + name + "'" + schema.did_you_mean(name));
    return *f;
}

// p.field -> value or nil. [-2, +1]
int current_index(lua_State* L) {
    const Field& f = field_named(L, 2);
    const Provider* p = api(L).current();
    if (!p) throw std::runtime_error("no provider selected (:show AGB or :new)");
    push_value(L, (*p)[f.index], f);
    return 1;
}

// The text spelling of a Lua value, for the schema's parser.
std::optional<std::string> value_text(lua_State* L, int idx) {
    switch (lua_type(L, idx)) {
    case LUA_TNIL: return std::nullopt;
    case LUA_TBOOLEAN: return std::string(lua_toboolean(L, idx) ? "true" : "false");
    case LUA_TNUMBER: return describe_number(L, idx);
    case LUA_TSTRING: return std::string(lua_tostring(L, idx));
    default:
        if (const auto d = to_date(L, idx)) return d->iso();
        throw std::runtime_error(std::string("a ") + luaL_typename(L, idx) + " is not a provider value");
    }
}

// p.field = value (nil makes it unknown), checked against the schema. [-3, +0]
int current_newindex(lua_State* L) {
    const Field& f = field_named(L, 2);
    const std::string err = api(L).set_field(f.name, value_text(L, 3));
    if (!err.empty()) throw std::runtime_error(err);
    return 0;
}

// run(":command ...") runs a meta-command. [-1, +0]
int run_command(lua_State* L) {
    api(L).command(luaL_checkstring(L, 1));
    return 0;
}

char kOutKey;  // registry: where print() and results go

// Appends every value on the stack as text to the session's output, separated by tabs, with a
// newline at the end (luaL_tolstring may run a script's __tostring, which may fail: callers run
// in a protected call). [-n, +0]
int append_values(lua_State* L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kOutKey);
    auto* out = static_cast<std::string*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    const int n = lua_gettop(L);
    for (int i = 1; i <= n; ++i) {
        size_t len = 0;
        const char* s = luaL_tolstring(L, i, &len);
        if (out) {
            if (i > 1) *out += '\t';
            out->append(terminal_safe(std::string_view(s, len)));
        }
        lua_pop(L, 1);
    }
    if (out && n > 0) *out += '\n';
    return 0;
}

// print(...) into the session's output, in order with everything else it prints (an empty line
// for no values, as print does). [-n, +0]
int session_print(lua_State* L) {
    if (lua_gettop(L) > 0) return append_values(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kOutKey);
    if (auto* out = static_cast<std::string*>(lua_touserdata(L, -1))) *out += '\n';
    return 0;
}

void interrupt_hook(lua_State* L, lua_Debug*) {
    lua_sethook(L, nullptr, 0, 0);
    luaL_error(L, "interrupted");
}

// Shortcuts in Lua for the meta-commands most used from code.
constexpr const char* kPrelude = R"lua(
for _, name in ipairs { "eval", "explain", "diff", "params", "reload", "flip", "help" } do
  _G[name] = function(...) run(":" .. name .. " " .. table.concat({...}, " ")) end
end
function show(agb) run(":show " .. tostring(agb)) end
function use(...) run(":use " .. table.concat({...}, " ")) end
function whatif(change) run(":whatif " .. change) end
)lua";

// Builds the analyst's state (in a protected call: nothing raises outside one). [-1, +0]
int setup_session(lua_State* L) {
    auto* a = static_cast<SessionApi*>(lua_touserdata(L, 1));
    luaL_openlibs(L);
    lua_pushlightuserdata(L, a);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kApiKey);
    static const luaL_Reg kCurrentMeta[] = {
        {"__index", trampoline<current_index>}, {"__newindex", trampoline<current_newindex>}, {"__name", nullptr}, {nullptr, nullptr}};
    static const luaL_Reg kGlobals[] = {{"run", trampoline<run_command>}, {"print", session_print}, {nullptr, nullptr}};
    lua_newtable(L);  // p: a proxy for the current provider
    luaL_newlibtable(L, kCurrentMeta);
    luaL_setfuncs(L, kCurrentMeta, 0);
    lua_pushliteral(L, "inkoop.current_provider");
    lua_setfield(L, -2, "__name");
    lua_setmetatable(L, -2);
    lua_setglobal(L, "p");
    lua_pushglobaltable(L);
    luaL_setfuncs(L, kGlobals, 0);
    lua_pop(L, 1);
    if (luaL_dostring(L, kPrelude) != LUA_OK) return lua_error(L);
    return 0;
}

int session_panic(lua_State* L) {
    static const char msg[] = "inkoop: internal error: the analyst's Lua session raised an error outside a protected call\n";
    [[maybe_unused]] const auto n = ::write(2, msg, sizeof msg - 1);
    (void)L;
    std::_Exit(70);
}

}  // namespace

AnalystState::AnalystState(SessionApi& a) : L_(luaL_newstate()) {
    if (!L_) throw std::runtime_error("cannot create a Lua state");
    lua_atpanic(L_, session_panic);
    lua_pushcfunction(L_, setup_session);
    lua_pushlightuserdata(L_, &a);
    if (lua_pcall(L_, 1, 0, 0) != LUA_OK) {
        const std::string msg = describe_lua_value(L_, -1);
        lua_close(L_);
        throw std::runtime_error("cannot start the analyst's Lua session: " + msg);
    }
}

AnalystState::~AnalystState() { lua_close(L_); }

void AnalystState::interrupt() {
    // Only a chunk that is running stops: a Ctrl-C at the prompt is not kept for the next one.
    if (running_) lua_sethook(L_, interrupt_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

AnalystState::Status AnalystState::run(const std::string& chunk, std::string& out) {
    lua_settop(L_, 0);
    lua_sethook(L_, nullptr, 0, 0);
    lua_pushlightuserdata(L_, &out);
    lua_rawsetp(L_, LUA_REGISTRYINDEX, &kOutKey);
    const std::string as_return = "return " + chunk;
    int status = luaL_loadbuffer(L_, as_return.data(), as_return.size(), "=repl");
    if (status != LUA_OK) {
        lua_pop(L_, 1);
        status = luaL_loadbuffer(L_, chunk.data(), chunk.size(), "=repl");
        if (status == LUA_ERRSYNTAX) {
            size_t len = 0;
            const char* msg = lua_tolstring(L_, -1, &len);
            constexpr std::string_view kEof = "<eof>";
            if (len >= kEof.size() && std::string_view(msg + len - kEof.size()) == kEof) {  // as lua.c: wait for more
                lua_pop(L_, 1);
                return Status::Incomplete;
            }
        }
    }
    if (status == LUA_OK) {
        running_ = true;
        status = lua_pcall(L_, 0, LUA_MULTRET, 0);
        running_ = false;
        lua_sethook(L_, nullptr, 0, 0);
    }
    if (status == LUA_OK && lua_gettop(L_) > 0) {  // the results, printed under a protected call
        lua_pushcfunction(L_, append_values);
        lua_insert(L_, 1);
        status = lua_pcall(L_, lua_gettop(L_) - 1, 0, 0);
    }
    if (status != LUA_OK) out += terminal_safe(describe_lua_value(L_, -1)) + "\n";
    lua_settop(L_, 0);
    lua_pushnil(L_);
    lua_rawsetp(L_, LUA_REGISTRYINDEX, &kOutKey);
    return status == LUA_OK ? Status::Done : Status::Error;
}

}  // namespace inkoop::lua
