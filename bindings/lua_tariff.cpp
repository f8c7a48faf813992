// inkoop.tariff: how the price is set (basis, percentage or amount, surcharges come from rules).
#include <fmt/format.h>
#include <new>

#include "lua_types.hpp"
#include "sandbox.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr const char* kTariff = "inkoop.tariff";

std::optional<double> optional_number(lua_State* L, int idx, const char* key) {
    lua_getfield(L, idx, key);
    std::optional<double> out;
    const bool wrong = !lua_isnil(L, -1) && !lua_isnumber(L, -1);
    if (lua_isnumber(L, -1)) out = lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (wrong) throw std::runtime_error(fmt::format("tariff: field '{}' must be a number", key));
    return out;
}

// tariff { basis=, percentage=, amount=, text=, section= } -> tariff. [-1, +1]
int tariff_new(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    Tariff t;
    t.basis = table_string(L, 1, "basis", true);
    if (!is_tariff_basis(t.basis))
        throw std::runtime_error(fmt::format("tariff: unknown basis '{}' (nza_percentage, fixed, negotiated, "
                                             "budget_per_insured, reference_prices)", t.basis));
    t.percentage = optional_number(L, 1, "percentage");
    t.amount_eur = optional_number(L, 1, "amount");
    t.text = table_string(L, 1, "text", false);
    t.section = table_string(L, 1, "section", true);
    push_tariff(L, std::move(t));
    return 1;
}

// Destroys the tariff. [-1, +0]
int tariff_gc(lua_State* L) {
    static_cast<Tariff*>(luaL_checkudata(L, 1, kTariff))->~Tariff();
    return 0;
}

// tostring(t) -> "tariff fixed". [-1, +1]
int tariff_tostring(lua_State* L) {
    const Tariff& t = check_tariff(L, 1);
    lua_pushfstring(L, "tariff %s", t.basis.c_str());
    return 1;
}

}  // namespace

const Tariff& check_tariff(lua_State* L, int idx) {
    return *static_cast<const Tariff*>(luaL_checkudata(L, idx, kTariff));
}

std::optional<Tariff> to_tariff(lua_State* L, int idx) {
    if (const auto* t = static_cast<const Tariff*>(luaL_testudata(L, idx, kTariff))) return *t;
    return std::nullopt;
}

void push_tariff(lua_State* L, Tariff t) {
    new (lua_newuserdatauv(L, sizeof(Tariff), 0)) Tariff(std::move(t));
    luaL_setmetatable(L, kTariff);
}

void open_tariff(Sandbox& sb) {
    lua_State* L = sb.state();
    luaL_newmetatable(L, kTariff);
    lua_pushcfunction(L, tariff_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, tariff_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    sb.register_api("tariff", trampoline<tariff_new>);
}

}  // namespace inkoop::lua
