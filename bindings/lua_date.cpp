// inkoop.date: dates for contract periods and deadlines.
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

#include "lua_types.hpp"
#include "sandbox.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr const char* kDate = "inkoop.date";

Date checked_result(Date d) {
    if (d.year() < kMinYear || d.year() > kMaxYear) throw std::runtime_error(fmt::format("date out of range ({}..{})", kMinYear, kMaxYear));
    return d;
}

// Writes d as YYYY-MM-DD into buf (no C++ string alive while Lua may raise).
void format_iso(Date d, char (&buf)[16]) { std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year(), d.month(), d.day()); }

int to_int(lua_State* L, int idx) {
    const lua_Integer n = luaL_checkinteger(L, idx);
    luaL_argcheck(L, n > -100000 && n < 100000, idx, "too large");
    return static_cast<int>(n);
}

// date("2024-01-01") | date(2024, 1, 1) -> date. [-(1|3), +1]
int date_new(lua_State* L) {
    if (lua_gettop(L) >= 3) {
        const auto d = Date::from_ymd(to_int(L, 1), to_int(L, 2), to_int(L, 3));
        if (!d) throw std::runtime_error("date: no such day");
        push_date(L, *d);
        return 1;
    }
    push_date(L, check_date(L, 1));
    return 1;
}

// d:add_days(n) -> date. [-2, +1]
int date_add_days(lua_State* L) {
    push_date(L, checked_result(check_date(L, 1).add_days(to_int(L, 2))));
    return 1;
}

// d:add_months(n) -> date, clamped to the month's last day. [-2, +1]
int date_add_months(lua_State* L) {
    push_date(L, checked_result(check_date(L, 1).add_months(to_int(L, 2))));
    return 1;
}

// d:add_years(n) -> date. [-2, +1]
int date_add_years(lua_State* L) {
    push_date(L, checked_result(check_date(L, 1).add_years(to_int(L, 2))));
    return 1;
}

// d:first_of_month() -> date. [-1, +1]
int date_first_of_month(lua_State* L) {
    push_date(L, check_date(L, 1).first_of_month());
    return 1;
}

// d:end_of_month() -> date. [-1, +1]
int date_end_of_month(lua_State* L) {
    push_date(L, check_date(L, 1).end_of_month());
    return 1;
}

// d:end_of_year() -> date. [-1, +1]
int date_end_of_year(lua_State* L) {
    push_date(L, check_date(L, 1).end_of_year());
    return 1;
}

// d:iso() / tostring(d) -> "YYYY-MM-DD". [-1, +1]
int date_iso(lua_State* L) {
    char buf[16];
    format_iso(check_date(L, 1), buf);
    lua_pushstring(L, buf);
    return 1;
}

// d.year, d.month, d.day, or a method. [-2, +1]
int date_index(lua_State* L) {
    const Date d = check_date(L, 1);
    const char* key = luaL_checkstring(L, 2);
    if (std::strcmp(key, "year") == 0)
        lua_pushinteger(L, d.year());
    else if (std::strcmp(key, "month") == 0)
        lua_pushinteger(L, d.month());
    else if (std::strcmp(key, "day") == 0)
        lua_pushinteger(L, d.day());
    else {
        luaL_getmetatable(L, kDate);
        lua_getfield(L, -1, "methods");
        lua_getfield(L, -1, key);
        if (lua_isnil(L, -1)) return luaL_error(L, "date has no field or method '%s'", key);
    }
    return 1;
}

// a == b. [-2, +1]
int date_eq(lua_State* L) {
    lua_pushboolean(L, check_date(L, 1) == check_date(L, 2));
    return 1;
}

// a < b (a date string on either side is read as a date). [-2, +1]
int date_lt(lua_State* L) {
    lua_pushboolean(L, check_date(L, 1) < check_date(L, 2));
    return 1;
}

// a <= b. [-2, +1]
int date_le(lua_State* L) {
    lua_pushboolean(L, check_date(L, 1) <= check_date(L, 2));
    return 1;
}

// a - b -> days between. [-2, +1]
int date_sub(lua_State* L) {
    lua_pushinteger(L, check_date(L, 1).days() - check_date(L, 2).days());
    return 1;
}

const luaL_Reg kMethods[] = {
    {"add_days", trampoline<date_add_days>},
    {"add_months", trampoline<date_add_months>},
    {"add_years", trampoline<date_add_years>},
    {"first_of_month", date_first_of_month},
    {"end_of_month", date_end_of_month},
    {"end_of_year", date_end_of_year},
    {"iso", date_iso},
    {nullptr, nullptr},
};

const luaL_Reg kMeta[] = {
    {"__index", date_index}, {"__eq", date_eq},        {"__lt", date_lt},  {"__le", date_le},
    {"__sub", date_sub},     {"__tostring", date_iso}, {nullptr, nullptr},
};

}  // namespace

std::optional<Date> to_date(lua_State* L, int idx) {
    if (const auto* d = static_cast<const Date*>(luaL_testudata(L, idx, kDate))) return *d;
    if (lua_type(L, idx) == LUA_TSTRING) return Date::parse(lua_tostring(L, idx));
    return std::nullopt;
}

Date check_date(lua_State* L, int idx) {
    if (const auto d = to_date(L, idx)) return *d;
    if (lua_type(L, idx) == LUA_TSTRING) luaL_error(L, "'%s' is not a date (YYYY-MM-DD or DD-MM-YYYY)", lua_tostring(L, idx));
    luaL_typeerror(L, idx, "date");
    return {};
}

void push_date(lua_State* L, Date d) {
    auto* ud = static_cast<Date*>(lua_newuserdatauv(L, sizeof(Date), 0));
    *ud = d;
    luaL_setmetatable(L, kDate);
}

void open_date(Sandbox& sb) {
    lua_State* L = sb.state();
    luaL_newmetatable(L, kDate);
    luaL_setfuncs(L, kMeta, 0);
    luaL_newlib(L, kMethods);
    lua_setfield(L, -2, "methods");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    sb.register_api("date", trampoline<date_new>);
}

}  // namespace inkoop::lua
