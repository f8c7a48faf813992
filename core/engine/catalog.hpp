// Where policies and their tests live: policies/<insurer>/<care>-<year>.lua (the care part may be
// several words), tests beside them as <care>-<year>_test.lua, shared modules beside them under any
// other name (base.lua).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/schema.hpp"

namespace inkoop {

struct PolicyFile {
    std::string id;         // insurer/care-year, or the path when given as a path
    std::string path;       // to open
    std::string chunkname;  // as shown in messages: policies/salland/ggz-2024.lua
};

// A policy tree: its files, and the provider schema they are written against (read from the tree
// once, on construction: <dir>/schema.json and the insurers' extensions).
class Catalog {
public:
    // Throws std::runtime_error when the tree's schema cannot be read.
    explicit Catalog(std::string policy_dir);
    // A tree whose schema is already read (a test's own schema, or one shared between catalogs).
    Catalog(std::string policy_dir, std::shared_ptr<const Schema> schema);
    // The directory when --policies is not given: $INKOOP_POLICIES, else the installed tree next to
    // the binary (<prefix>/share/inkoop/policies), else the source tree's policies/.
    static std::string default_dir();

    const std::string& dir() const { return dir_; }
    const Schema& schema() const { return *schema_; }
    const std::shared_ptr<const Schema>& shared_schema() const { return schema_; }
    // Where the source document `source` of the policy file `policy_path` is: in `sources_dir` when
    // given (--sources), else in $INKOOP_SOURCES when set, else in the `sources/` folder beside the
    // policy file (policies/<insurer>/sources/), inside the policy tree.
    static std::string source_path(const std::string& policy_path, const std::string& source, const std::string& sources_dir);
    // Every policy file (<insurer>/<care>-<year>.lua), sorted by id.
    std::vector<PolicyFile> policies() const;
    // Every other Lua file in an insurer's folder (shared modules such as base.lua, or a file whose
    // name does not end in -<year>), sorted by id: `inkoop policies` names them, so none is missed.
    std::vector<PolicyFile> modules() const;
    // An id (insurer/care-year) or a path to a .lua file; throws std::runtime_error with a
    // suggestion for a near-miss id.
    PolicyFile resolve(const std::string& id_or_path) const;
    // What `import` and `inherit` name: an id (insurer/name, lower-case letters, digits, '-' and
    // '_', no dots) of a file inside the policy directory, never a path. Throws std::runtime_error.
    PolicyFile resolve_module(const std::string& id) const;
    // Every *_test.lua under the directory, sorted.
    std::vector<std::string> test_files() const;
    // The name to show for a file: relative to the directory's parent when inside it.
    std::string chunkname(const std::string& path) const;

private:
    std::vector<PolicyFile> lua_files(bool policies) const;
    std::string dir_;
    std::shared_ptr<const Schema> schema_;
};

}  // namespace inkoop
