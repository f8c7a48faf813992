// inkoop.provider: the read-only view of one provider that policies decide on. Field names are
// checked against the schema; an unknown fact is nil for analysts and stops a policy function
// (its result is then unknown and the field is reported missing).
#include <cstring>
#include <fmt/format.h>
#include <new>

#include "lua_types.hpp"
#include "sandbox.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr const char* kProvider = "inkoop.provider";
char kCurrent;  // registry: the state's one provider object

struct Slot {
    const Provider* provider = nullptr;
    UnknownReads mode = UnknownReads::Abort;
    std::vector<int> unknown;
    std::vector<int>* reads = nullptr;  // set while a caller memoises on what is read

    const Provider& read(int field) const {
        if (!provider) throw std::runtime_error("the provider is only available while a decision is made");
        if (reads) reads->push_back(field);
        return *provider;
    }
};

Slot& check_slot(lua_State* L, int idx) { return *static_cast<Slot*>(luaL_checkudata(L, idx, kProvider)); }

Slot& current_slot(lua_State* L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kCurrent);
    Slot& s = *static_cast<Slot*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    return s;
}

// Field index of the name at `idx`, via the name->index table in upvalue 1; -1 if none. [-0, +0]
int field_index(lua_State* L, int idx) {
    lua_pushvalue(L, idx);
    const int t = lua_rawget(L, lua_upvalueindex(1));
    const int i = t == LUA_TNUMBER ? static_cast<int>(lua_tointeger(L, -1)) : -1;
    lua_pop(L, 1);
    return i;
}

// Throws the error for a name that is not a schema field.
[[noreturn]] void no_such_field(lua_State* L, int idx) {
    const char* name = lua_tostring(L, idx);
    const std::string n = name ? name : describe_lua_value(L, idx, 80);
    throw std::runtime_error(fmt::format("provider has no field '{}'{}", n, Sandbox::from(L)->schema().did_you_mean(n)));
}

// p:known(name) -> bool. [-2, +1]
int provider_known(lua_State* L) {
    const Slot& s = check_slot(L, 1);
    luaL_checkstring(L, 2);
    const int i = field_index(L, 2);
    if (i < 0) no_such_field(L, 2);
    lua_pushboolean(L, is_known(s.read(i)[i]));
    return 1;
}

// p:get(name) -> value or nil, never stopping on an unknown fact. [-2, +1]
int provider_get(lua_State* L) {
    const Slot& s = check_slot(L, 1);
    luaL_checkstring(L, 2);
    const int i = field_index(L, 2);
    if (i < 0) no_such_field(L, 2);
    const Provider& p = s.read(i);
    push_value(L, p[i], p.schema().at(i));
    return 1;
}

int unknown_signal;  // its address is the error value that stops a function on an unknown fact

// p.field -> value; p.method -> method. [-2, +1]
int provider_index(lua_State* L) {
    Slot& s = check_slot(L, 1);
    const int i = lua_type(L, 2) == LUA_TSTRING ? field_index(L, 2) : -1;
    if (i < 0) {
        lua_pushvalue(L, 2);
        if (lua_type(L, 2) == LUA_TSTRING && lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL) return 1;
        no_such_field(L, 2);
    }
    const Provider& p = s.read(i);
    const Value& v = p[i];
    if (!is_known(v) && s.mode == UnknownReads::Abort) {
        s.unknown.push_back(i);
        lua_pushlightuserdata(L, &unknown_signal);
        return -1;  // tells the wrapper to raise the signal
    }
    push_value(L, v, p.schema().at(i));
    return 1;
}

// Raises the unknown signal outside of any C++ frame. [-2, +1]
int provider_index_entry(lua_State* L) {
    const int n = trampoline<provider_index>(L);
    if (n < 0) return lua_error(L);
    return n;
}

// p.x = v -> error. [-3, +0]
int provider_newindex(lua_State* L) {
    char key[128];
    {
        const std::string k = describe_lua_value(L, 2, 100);
        std::snprintf(key, sizeof key, "%s", k.c_str());
    }
    return luaL_error(L, "the provider is read-only (assigning '%s')", key);
}

// tostring(p) -> "provider 12345678". [-1, +1]
int provider_tostring(lua_State* L) {
    const Slot& s = check_slot(L, 1);
    if (!s.provider) {
        lua_pushliteral(L, "provider (unbound)");
        return 1;
    }
    char buf[64];
    {
        const Field* agb_field = s.provider->schema().agb();
        const std::string agb = agb_field ? s.read(agb_field->index).agb() : "";
        std::snprintf(buf, sizeof buf, "provider %s", agb.c_str());
    }
    lua_pushstring(L, buf);
    return 1;
}

// Runs the slot's destructor. [-1, +0]
int provider_gc(lua_State* L) {
    check_slot(L, 1).~Slot();
    return 0;
}

const luaL_Reg kMethods[] = {
    // with upvalue 1: field name -> index
    {"known", trampoline<provider_known>},
    {"get", trampoline<provider_get>},
    {nullptr, nullptr},
};

const luaL_Reg kMeta[] = {
    {"__newindex", provider_newindex},
    {"__tostring", provider_tostring},
    {"__gc", provider_gc},
    {"__metatable", nullptr},  // a null function registers false: the metatable stays hidden
    {nullptr, nullptr},
};

}  // namespace

void push_value(lua_State* L, const Value& v, const Field& f) {
    if (const auto* b = std::get_if<bool>(&v))
        lua_pushboolean(L, *b);
    else if (const auto* i = std::get_if<int64_t>(&v))
        lua_pushinteger(L, *i);
    else if (const auto* d = std::get_if<double>(&v))
        lua_pushnumber(L, *d);
    else if (const auto* date = std::get_if<Date>(&v))
        push_date(L, *date);
    else if (const auto* e = std::get_if<EnumValue>(&v))
        lua_pushstring(L, f.values[static_cast<size_t>(e->index)].c_str());
    else if (const auto* s = std::get_if<std::string>(&v))
        lua_pushlstring(L, s->data(), s->size());
    else
        lua_pushnil(L);
}

void open_provider(Sandbox& sb) {
    lua_State* L = sb.state();
    const Schema& schema = sb.schema();
    luaL_newmetatable(L, kProvider);
    const int mt = lua_gettop(L);
    lua_createtable(L, 0, schema.size());  // field name -> index: upvalue 1 of __index and of every method
    const int names = lua_gettop(L);
    for (const auto& f : schema.fields()) {
        lua_pushinteger(L, f.index);
        lua_setfield(L, names, f.name.c_str());
    }
    for (const luaL_Reg* m = kMethods; m->name; ++m)
        if (schema.find(m->name)) throw std::logic_error("provider method shadows a field");
    lua_createtable(L, 0, 2);  // the methods: upvalue 2 of __index
    lua_pushvalue(L, names);
    luaL_setfuncs(L, kMethods, 1);
    lua_pushcclosure(L, provider_index_entry, 2);
    lua_setfield(L, mt, "__index");
    luaL_setfuncs(L, kMeta, 0);
    lua_settop(L, 0);

    new (lua_newuserdatauv(L, sizeof(Slot), 0)) Slot();
    luaL_setmetatable(L, kProvider);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kCurrent);
}

void push_provider(lua_State* L) { lua_rawgetp(L, LUA_REGISTRYINDEX, &kCurrent); }

void bind_provider(lua_State* L, const Provider* p, UnknownReads mode) {
    Slot& s = current_slot(L);
    s.provider = p;
    s.mode = mode;
    s.unknown.clear();
}

void unbind_provider(lua_State* L) { current_slot(L).provider = nullptr; }

std::vector<int>& unknown_reads(lua_State* L) { return current_slot(L).unknown; }

void record_reads(lua_State* L, std::vector<int>* reads) { current_slot(L).reads = reads; }

}  // namespace inkoop::lua
