// inkoop.tariff: how the price is set (basis, percentage or amount; surcharges come from rules).
#include <cmath>
#include <fmt/format.h>

#include "lua_boxed.hpp"
#include "lua_types.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr const char* kTariff = "inkoop.tariff";

std::optional<double> optional_number(lua_State* L, int idx, const char* key) {
    lua_getfield(L, idx, key);
    const int t = lua_type(L, -1);
    const std::optional<double> out = t == LUA_TNUMBER ? std::optional<double>(lua_tonumber(L, -1)) : std::nullopt;
    lua_pop(L, 1);
    if ((t != LUA_TNIL && t != LUA_TNUMBER) || (out && !std::isfinite(*out)))
        throw std::runtime_error(fmt::format("tariff: field '{}' must be a finite number", key));
    return out;
}

// tariff { basis=, percentage=, amount=, text=, section= } -> tariff. [-1, +1]
int tariff_new(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    Tariff& t = push_box<Tariff>(L, kTariff);
    t.basis = table_string(L, 1, "basis", true);
    if (!is_tariff_basis(t.basis))
        throw std::runtime_error(
            fmt::format("tariff: unknown basis '{}' (nza_percentage, fixed, negotiated, "
                        "budget_per_insured, reference_prices)",
                        t.basis));
    t.percentage = optional_number(L, 1, "percentage");
    t.amount_eur = optional_number(L, 1, "amount");
    t.text = table_string(L, 1, "text", false);
    t.section = table_string(L, 1, "section", true);
    count_box<Tariff>(L, sizeof(Tariff) + 2 * (t.basis.size() + t.text.str().size() + t.section.str().size()));
    return 1;
}

// tostring(t) -> "tariff fixed". [-1, +1]
int tariff_tostring(lua_State* L) {
    const Tariff& t = check_tariff(L, 1);
    char buf[160];
    std::snprintf(buf, sizeof buf, "tariff %.100s", t.basis.c_str());
    lua_pushstring(L, buf);
    return 1;
}

}  // namespace

const Tariff& check_tariff(lua_State* L, int idx) { return check_box<Tariff>(L, idx, kTariff); }

std::optional<Tariff> to_tariff(lua_State* L, int idx) { return to_box<Tariff>(L, idx, kTariff); }

void open_tariff(Sandbox& sb) { open_box_type<Tariff>(sb, kTariff, tariff_tostring, "tariff", trampoline<tariff_new>); }

}  // namespace inkoop::lua
