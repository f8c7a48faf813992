// inkoop.contract: the contract an offer function proposes (type, period, sign-by date,
// settings it is limited to, treatments excluded).
#include <fmt/format.h>

#include "lua_boxed.hpp"
#include "lua_types.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr const char* kContract = "inkoop.contract";

Date required_date(lua_State* L, int idx, const char* key) {
    lua_getfield(L, idx, key);
    const auto d = to_date(L, -1);
    lua_pop(L, 1);
    if (!d) throw std::runtime_error(fmt::format("contract: field '{}' must be a date", key));
    return *d;
}

size_t contract_bytes(const Contract& c) {
    size_t n = sizeof(Contract) + c.type.size() + c.section.size();
    for (const auto& s : c.settings) n += sizeof(std::string) + s.size();
    for (const auto& s : c.excluded) n += sizeof(std::string) + s.size();
    return n;
}

// contract { type=, from=, to=, sign_by=, section=, settings={}, excluded={} } -> contract. [-1, +1]
int contract_new(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    Contract& c = push_box<Contract>(L, kContract);
    c.type = table_string(L, 1, "type", true);
    c.start = required_date(L, 1, "from");
    c.end = required_date(L, 1, "to");
    lua_getfield(L, 1, "sign_by");
    const bool given = !lua_isnil(L, -1);
    const auto sign_by = to_date(L, -1);
    lua_pop(L, 1);
    if (given && !sign_by) throw std::runtime_error("contract: field 'sign_by' must be a date");
    c.sign_by = sign_by;
    c.section = table_string(L, 1, "section", true);
    c.settings = table_strings(L, 1, "settings");
    c.excluded = table_strings(L, 1, "excluded");
    if (c.end < c.start) throw std::runtime_error(fmt::format("contract: ends ({}) before it starts ({})", c.end.iso(), c.start.iso()));
    count_box<Contract>(L, contract_bytes(c));
    return 1;
}

// tostring(c) -> "contract vrijgevestigde 2024-01-01..2024-12-31". [-1, +1]
int contract_tostring(lua_State* L) {
    const Contract& c = check_contract(L, 1);
    char buf[256];
    std::snprintf(buf, sizeof buf, "contract %.100s %04d-%02d-%02d..%04d-%02d-%02d", c.type.c_str(), c.start.year(), c.start.month(),
                  c.start.day(), c.end.year(), c.end.month(), c.end.day());
    lua_pushstring(L, buf);
    return 1;
}

}  // namespace

const Contract& check_contract(lua_State* L, int idx) { return check_box<Contract>(L, idx, kContract); }

std::optional<Contract> to_contract(lua_State* L, int idx) { return to_box<Contract>(L, idx, kContract); }

void open_contract(Sandbox& sb) { open_box_type<Contract>(sb, kContract, contract_tostring, "contract", trampoline<contract_new>); }

}  // namespace inkoop::lua
