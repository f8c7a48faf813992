#include "core/engine/catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "core/model/schema.hpp"

#ifndef INKOOP_POLICY_DIR
#define INKOOP_POLICY_DIR "policies"
#endif
#ifndef INKOOP_POLICIES_FROM_BIN
#define INKOOP_POLICIES_FROM_BIN "../share/inkoop/policies"
#endif

namespace fs = std::filesystem;

namespace inkoop {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A Lua file directly inside an insurer's folder: policies/<insurer>/<name>.lua (not a test).
bool is_lua_module(const fs::path& rel) {
    const std::string s = rel.generic_string();
    const auto slash = s.find('/');
    return slash != std::string::npos && slash != 0 && s.find('/', slash + 1) == std::string::npos && ends_with(s, ".lua") &&
           !ends_with(s, "_test.lua") && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") == slash;
}

// policies/<insurer>/<care>-<year>.lua: the care part may be several words (wijkverpleging-2025,
// langdurige-ggz-2026, ggz_jeugd-2025); the year is the last four digits.
bool is_policy_file(const fs::path& rel) {
    if (!is_lua_module(rel)) return false;
    const std::string s = rel.generic_string();
    const auto slash = s.find('/');
    const auto is = [](char c, const char* set) { return std::strchr(set, c) != nullptr; };
    for (size_t i = 0; i < slash; ++i)
        if (!is(s[i], "abcdefghijklmnopqrstuvwxyz0123456789-_")) return false;
    const std::string name = s.substr(slash + 1, s.size() - slash - 5);  // care-year
    if (name.size() < 6 || name[name.size() - 5] != '-' || !is(name[0], "abcdefghijklmnopqrstuvwxyz")) return false;
    for (size_t i = 0; i + 5 < name.size(); ++i)
        if (!is(name[i], "abcdefghijklmnopqrstuvwxyz0123456789-_")) return false;
    for (size_t i = name.size() - 4; i < name.size(); ++i)
        if (!is(name[i], "0123456789")) return false;
    return true;
}

}  // namespace

Catalog::Catalog(std::string policy_dir) : dir_(std::move(policy_dir)), schema_(std::make_shared<const Schema>(Schema::load_tree(dir_))) {}

Catalog::Catalog(std::string policy_dir, std::shared_ptr<const Schema> schema) : dir_(std::move(policy_dir)), schema_(std::move(schema)) {}

std::string Catalog::default_dir() {
    if (const char* env = std::getenv("INKOOP_POLICIES"); env && *env) return env;
    // An installed binary: <prefix>/bin/inkoop finds <prefix>/share/inkoop/policies.
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = (exe.parent_path() / INKOOP_POLICIES_FROM_BIN).lexically_normal();
        if (fs::is_regular_file(installed / "schema.json", ec)) return installed.string();
    }
    return INKOOP_POLICY_DIR;  // a build tree: the source tree's policies
}

std::string Catalog::source_path(const std::string& policy_path, const std::string& source, const std::string& sources_dir) {
    if (!sources_dir.empty()) return (fs::path(sources_dir) / source).string();
    if (const char* env = std::getenv("INKOOP_SOURCES"); env && *env) return (fs::path(env) / source).string();
    return (fs::path(policy_path).parent_path() / "sources" / source).string();
}

std::vector<PolicyFile> Catalog::lua_files(bool want_policies) const {
    std::vector<PolicyFile> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        const fs::path rel = fs::relative(it->path(), dir_);
        if (!is_lua_module(rel) || is_policy_file(rel) != want_policies) continue;
        std::string id = rel.generic_string();
        id.resize(id.size() - 4);
        out.push_back({id, it->path().string(), chunkname(it->path().string())});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

std::vector<PolicyFile> Catalog::policies() const { return lua_files(true); }

std::vector<PolicyFile> Catalog::modules() const { return lua_files(false); }

PolicyFile Catalog::resolve(const std::string& id_or_path) const {
    if (ends_with(id_or_path, ".lua")) {
        if (!fs::is_regular_file(id_or_path)) throw std::runtime_error(id_or_path + ": no such policy file");
        return {id_or_path, id_or_path, chunkname(id_or_path)};
    }
    const fs::path p = fs::path(dir_) / (id_or_path + ".lua");
    if (id_or_path.find("..") == std::string::npos && fs::is_regular_file(p)) return {id_or_path, p.string(), chunkname(p.string())};
    std::vector<std::string> ids;
    for (const auto& f : policies()) ids.push_back(f.id);
    const auto near = closest_match(id_or_path, ids);
    throw std::runtime_error("unknown policy '" + id_or_path + "'" + (near.empty() ? "" : " (did you mean " + near + "?)") +
                             "; `inkoop policies` lists them");
}

PolicyFile Catalog::resolve_module(const std::string& id) const {
    const bool well_formed = !id.empty() && id.size() < 200 && id.front() != '/' && id.back() != '/' &&
                             id.find("//") == std::string::npos && id.find('/') != std::string::npos &&
                             id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_/") == std::string::npos;
    if (!well_formed)
        throw std::runtime_error("'" + id.substr(0, 200) +
                                 "' is not a policy or module id (insurer/name): "
                                 "only files inside the policy directory can be imported");
    const fs::path p = fs::path(dir_) / (id + ".lua");
    std::error_code ec;
    const fs::path dir = fs::weakly_canonical(dir_, ec), file = fs::weakly_canonical(p, ec);
    const auto rel = file.lexically_relative(dir);
    if (ec || rel.empty() || rel.native().rfind("..", 0) == 0 || !fs::is_regular_file(file))
        throw std::runtime_error("no module '" + id + "' in " + dir_);
    return {id, p.string(), chunkname(p.string())};
}

std::vector<std::string> Catalog::test_files() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && ends_with(it->path().string(), "_test.lua")) out.push_back(it->path().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string Catalog::chunkname(const std::string& path) const {
    std::error_code ec;
    const fs::path dir = fs::weakly_canonical(dir_, ec);
    const fs::path file = fs::weakly_canonical(path, ec);
    const auto rel = file.lexically_relative(dir);
    if (ec || rel.empty() || rel.native().rfind("..", 0) == 0) return path;
    return (dir.filename() / rel).generic_string();
}

}  // namespace inkoop
