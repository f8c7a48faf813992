#include "policy_runtime.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <lua.hpp>

#include "core/base/hash.hpp"
#include "declarations.hpp"
#include "lua_types.hpp"

namespace inkoop::lua {
namespace {

constexpr size_t kMaxOffers = 64;            // memoised offers per runtime
constexpr size_t kMaxMemoisedBytes = 16384;  // larger offers are not kept

// Registry refs of every script function the policy declared (checks and the offer).
void collect_function_refs(const Condition& c, std::vector<int>& refs) {
    if (c.op == Condition::Op::Custom) refs.push_back(c.ref);
    for (const auto& child : c.children) collect_function_refs(*child, refs);
}

// params.x for an undeclared x. [-2, +0]
// Argument 1 is the table of declared parameters: the nearest name is suggested.
int no_such_param(lua_State* L) {
    char key[128], hint[160] = "";
    try {  // C++ objects live only in this block, which raises nothing into Lua
        const std::string k = describe_lua_value(L, 2, 100);
        std::snprintf(key, sizeof key, "%s", k.c_str());
        std::vector<std::string> names;
        lua_pushnil(L);
        while (lua_next(L, 1) != 0) {
            Sandbox::from(L)->charge_or_throw(1);
            if (lua_type(L, -2) == LUA_TSTRING) names.emplace_back(lua_tostring(L, -2));
            lua_pop(L, 1);
        }
        if (lua_type(L, 2) == LUA_TSTRING)
            if (const std::string near = closest_match(lua_tostring(L, 2), names); !near.empty())
                std::snprintf(hint, sizeof hint, " (did you mean %s?)", near.c_str());
    } catch (const std::exception&) {
        std::snprintf(key, sizeof key, "?");
    }
    return luaL_error(L, "no parameter '%s' is declared%s", key, hint);
}

// params.x = v. [-3, +0]
int params_read_only(lua_State* L) {
    char key[128];
    {
        const std::string k = describe_lua_value(L, 2, 100);
        std::snprintf(key, sizeof key, "%s", k.c_str());
    }
    return luaL_error(L, "parameters are read-only (assigning '%s')", key);
}

size_t offer_bytes(const OfferResult& r) {
    size_t n = 0;
    if (r.contract) {
        n += r.contract->type.size() + r.contract->section.size();
        for (const auto& s : r.contract->settings) n += s.size();
        for (const auto& s : r.contract->excluded) n += s.size();
    }
    if (r.tariff) n += r.tariff->basis.size() + r.tariff->text.str().size() + r.tariff->section.str().size();
    return n;
}

}  // namespace

RunGuard::RunGuard(Sandbox& sb, const std::vector<UpvalueSnapshot>& upvalues) : sb_(sb), upvalues_(upvalues) { sb_.begin_run(); }

RunGuard::~RunGuard() {
    lua_State* L = sb_.state();
    unbind_provider(L);
    restore_upvalues(L, upvalues_);
    lua_settop(L, 0);
    sb_.end_run();
}

ModuleSource directory_source(const Catalog& catalog) {
    return [catalog](const std::string& name) {
        const PolicyFile f = catalog.resolve_module(name);
        return std::make_pair(read_file(f.path), f.chunkname);
    };
}

std::unique_ptr<PolicyRuntime> load_policy(const Catalog& catalog, const std::string& id_or_path, Limits limits) {
    const PolicyFile f = catalog.resolve(id_or_path);
    // The audit trail: every file the policy is made of, with its content hash.
    const std::string code = read_file(f.path);
    auto files = std::make_shared<std::vector<PolicyFileHash>>();
    files->push_back({f.path, sha256_hex(code)});
    ModuleSource source = [catalog, files](const std::string& name) {
        const PolicyFile m = catalog.resolve_module(name);
        std::string text = read_file(m.path);
        files->push_back({m.path, sha256_hex(text)});
        return std::make_pair(std::move(text), m.chunkname);
    };
    auto rt = std::make_unique<PolicyRuntime>(code, f.chunkname, catalog.shared_schema(), limits, std::move(source));
    rt->set_files(std::move(*files));
    return rt;
}

void PolicyRuntime::set_files(std::vector<PolicyFileHash> files) { policy_.set_files(std::move(files)); }

PolicyRuntime::PolicyRuntime(std::string_view code, const std::string& chunkname, std::shared_ptr<const Schema> schema, Limits limits,
                             ModuleSource source)
    : sb_(limits) {
    sb_.set_label(chunkname);
    sb_.set_schema(schema.get());
    sb_.protect([&](lua_State*) {
        open_date(sb_);
        open_provider(sb_);
        open_condition(sb_);
        open_contract(sb_);
        open_tariff(sb_);
        open_declarations(sb_);
    });
    PolicyBuilder b;
    b.policy.info.path = chunkname;
    b.policy.schema = std::move(schema);
    b.source = std::move(source);
    {
        // Loading and freezing are one run: the same budget, deadline and memory cap.
        RunGuard run(sb_, upvalues_);
        sb_.protect([&](lua_State* L) {
            set_builder(L, &b);
            sb_.push_new_env();
            remember_env(L);
            const int env = lua_gettop(L);
            b.open = true;
            sb_.load(code, chunkname, env);
            sb_.call(0, 0);
            b.open = false;
            set_builder(L, nullptr);
        });
        b.open = false;
        validate_declarations(b, chunkname);
        policy_ = std::move(b.policy);
        policy_.set_files({{chunkname, sha256_hex(code)}});  // load_policy names the files it read
        if (!policy_.inherits.empty()) order_by_section(policy_);
        resolve_rule_texts(policy_);
        index_rules(policy_);
        std::vector<int> roots{policy_.offer_ref};
        for (const auto& r : policy_.rules) {
            if (r.applies) collect_function_refs(*r.applies, roots);
            collect_function_refs(*r.test, roots);
        }
        load_cost_.script = sb_.charged();
        upvalues_ = freeze_policy(sb_, roots);
        load_cost_.freeze = sb_.charged() - load_cost_.script;
    }
}

PolicyRuntime::~PolicyRuntime() = default;

void PolicyRuntime::decide_into(const Provider& provider, const ParamValues& params, DecideOptions options, Decision& out) {
    // The Lua side (a run with its limits, the provider bound, the parameters as a table) is set
    // up only when a script function is called: most rules are conditions the host evaluates.
    struct EndRun {
        PolicyRuntime& rt;
        ~EndRun() {
            if (rt.run_) rt.run_.reset();
        }
    } end{*this};
    params_ = &params;
    bound_ = &provider;
    inkoop::decide_into(policy_, provider, params, this, options, out);
    // The audit trail of the decision: the policy's version and the parameters set otherwise.
    out.policy_version = policy_.version;
    if (params_text_for_.values != params.values || params_text_for_.values.empty()) {
        params_text_ = SharedText(non_default_params_json(policy_, params));
        params_text_for_ = params;
    }
    out.params = params_text_;
}

void PolicyRuntime::start_run() {
    if (run_) return;
    run_.emplace(sb_, upvalues_);
    prepare_params(*params_);
    bind_provider(sb_.state(), bound_, UnknownReads::Abort);
}

// The parameters as a read-only table (a proxy of its contents), made once per set of values in a
// protected call. Reading an undeclared parameter fails; so does any assignment.
void PolicyRuntime::prepare_params(const ParamValues& params) {
    if (params_ref_ != LUA_NOREF && params_in_table_.values == params.values) return;
    sb_.protect([&](lua_State* L) {
        luaL_unref(L, LUA_REGISTRYINDEX, params_ref_);
        params_ref_ = LUA_NOREF;
        lua_createtable(L, 0, static_cast<int>(policy_.params.size()));  // the contents
        const int contents = lua_gettop(L);
        for (size_t i = 0; i < policy_.params.size(); ++i) {
            const Param& p = policy_.params[i];
            push_value(L, params.values[i], p.as_field());
            lua_setfield(L, contents, p.name.c_str());
        }
        static const luaL_Reg kContentsMeta[] = {{"__index", no_such_param}, {nullptr, nullptr}};
        luaL_newlibtable(L, kContentsMeta);
        luaL_setfuncs(L, kContentsMeta, 0);
        lua_setmetatable(L, contents);
        lua_newtable(L);  // the proxy
        set_readonly_metatable(L, -1, contents, params_read_only);
        params_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
    });
    params_in_table_ = params;
}

void PolicyRuntime::bad_result(int fn_ref, const char* what, int idx) {
    lua_State* L = sb_.state();
    const std::string type = luaL_typename(L, idx);
    lua_rawgeti(L, LUA_REGISTRYINDEX, fn_ref);
    lua_Debug ar;
    lua_getinfo(L, ">S", &ar);
    throw ScriptError(ErrorKind::Runtime, fmt::format("{}:{}: {} returned a {}", ar.short_src, ar.linedefined, what, type), "");
}

// Calls script function `ref` with the provider and the parameters. False, with the fields it
// found unknown added to `unknown_fields`, when it stopped on an unknown fact (or read one and
// carried on); results are left on the stack otherwise.
bool PolicyRuntime::call_script(int ref, int results, std::vector<int>& unknown_fields) {
    start_run();
    lua_State* L = sb_.state();
    std::vector<int>& reads = unknown_reads(L);
    reads.clear();
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    push_provider(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, params_ref_);
    try {
        sb_.call(2, results);
    } catch (const ScriptError& e) {
        if (e.kind() != ErrorKind::Runtime || reads.empty()) throw;
        unknown_fields.insert(unknown_fields.end(), reads.begin(), reads.end());
        return false;
    }
    if (!reads.empty()) {  // it read an unknown fact, even if it carried on
        lua_pop(L, results);
        unknown_fields.insert(unknown_fields.end(), reads.begin(), reads.end());
        return false;
    }
    return true;
}

Tri PolicyRuntime::check(int ref, std::vector<int>& unknown_fields) {
    lua_State* L = sb_.state();
    if (!call_script(ref, 1, unknown_fields)) return Tri::Unknown;
    if (!lua_isboolean(L, -1)) bad_result(ref, "check function", -1);
    const bool b = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return tri_of(b);
}

const OfferResult* PolicyRuntime::find_offer(const Provider& p) const {
    for (const auto& m : offers_) {
        const bool same = std::all_of(m.facts.begin(), m.facts.end(), [&](const auto& f) { return p[f.first] == f.second; });
        if (same) return &m.result;
    }
    return nullptr;
}

void PolicyRuntime::remember_offer(const Provider& p, std::vector<int> reads, const OfferResult& result) {
    if (offers_.size() >= kMaxOffers || offer_bytes(result) > kMaxMemoisedBytes) return;
    std::sort(reads.begin(), reads.end());
    reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    OfferMemo m;
    for (int f : reads) m.facts.emplace_back(f, p[f]);
    m.result = result;
    offers_.push_back(std::move(m));
}

bool PolicyRuntime::offer(int ref, OfferResult& out, std::vector<int>& unknown_fields) {
    lua_State* L = sb_.state();
    const Provider& provider = *bound_;
    if (offers_params_.values != params_->values) {
        offers_.clear();
        offers_params_ = *params_;
    }
    if (const OfferResult* hit = find_offer(provider)) {
        out = *hit;
        return true;
    }
    std::vector<int> all_reads;
    record_reads(L, &all_reads);
    bool called = false;
    try {
        called = call_script(ref, 2, unknown_fields);
    } catch (...) {
        record_reads(L, nullptr);
        throw;
    }
    record_reads(L, nullptr);
    if (!called) return false;
    out.contract = to_contract(L, -2);
    if (!out.contract) bad_result(ref, "offer function (first result: contract{...})", -2);
    out.tariff.reset();
    if (!lua_isnil(L, -1)) {
        out.tariff = to_tariff(L, -1);
        if (!out.tariff) bad_result(ref, "offer function (second result: tariff{...})", -1);
    }
    lua_pop(L, 2);
    remember_offer(provider, std::move(all_reads), out);
    return true;
}

}  // namespace inkoop::lua
