// The types exposed to Lua. Each lives in its own file (lua_<type>.cpp) with its metatable
// (named by __name), its luaL_Reg tables and its check_/push_ pair, as liolib.c does for files.
#pragma once

#include <lua.hpp>
#include <memory>
#include <optional>

#include "core/model/condition.hpp"
#include "core/model/date.hpp"
#include "core/model/decision.hpp"
#include "core/model/provider.hpp"

namespace inkoop::lua {

class Sandbox;

// inkoop.date — a calendar date.
void open_date(Sandbox& sb);
Date check_date(lua_State* L, int idx);  // a date or a date string
void push_date(lua_State* L, Date d);
std::optional<Date> to_date(lua_State* L, int idx);

// inkoop.provider — the read-only provider a policy decides on.
enum class UnknownReads {
    Nil,    // an unknown fact reads as nil (analysts)
    Abort,  // an unknown fact stops the function: its result is unknown (policies)
};
void open_provider(Sandbox& sb);
// Pushes the state's provider object, bound to `p` until unbind_provider. [-0, +1]
void push_provider(lua_State* L);
void bind_provider(lua_State* L, const Provider* p, UnknownReads mode);
void unbind_provider(lua_State* L);
// Fields found unknown by reads since the last bind, in Abort mode.
std::vector<int>& unknown_reads(lua_State* L);
// While on, every field a script reads is appended to `reads` (for memoising its result).
void record_reads(lua_State* L, std::vector<int>* reads);
// Pushes the value of field `f` of `p` (nil when unknown). [-0, +1]
void push_value(lua_State* L, const Value& v, const Field& f);

// inkoop.condition — a condition over provider facts, made only while a policy loads.
void open_condition(Sandbox& sb);
ConditionPtr check_condition(lua_State* L, int idx);
void push_condition(lua_State* L, ConditionPtr c);
// Pushes a new condition userdata and returns its condition to fill (load time only). [-0, +1]
Condition& new_condition(lua_State* L, Condition::Op op);
// negate(condition at idx), not pushed.
ConditionPtr negation_of(lua_State* L, int idx);

// inkoop.contract and inkoop.tariff — what an offer function returns.
void open_contract(Sandbox& sb);
void open_tariff(Sandbox& sb);
const Contract& check_contract(lua_State* L, int idx);
const Tariff& check_tariff(lua_State* L, int idx);
std::optional<Contract> to_contract(lua_State* L, int idx);
std::optional<Tariff> to_tariff(lua_State* L, int idx);

// Helpers for table arguments: a string field, required or optional, of at most kMaxHostText
// bytes; a list of at most 100 such strings.
std::string table_string(lua_State* L, int idx, const char* key, bool required);
std::vector<std::string> table_strings(lua_State* L, int idx, const char* key);
std::string describe_number(lua_State* L, int idx);

}  // namespace inkoop::lua
