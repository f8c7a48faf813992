// What every verb shares: the version text, loading a policy, reporting an error.
#include <fmt/format.h>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/run/manifest.hpp"

namespace inkoop::cli {

std::string version_text() { return fmt::format("inkoop {}\n{}, {}", inkoop_version(), host::lua_version(), library_versions()); }

host::LoadedPolicy load_policy(const Globals& g, const std::string& id_or_path) { return make_host(g).load(id_or_path); }

void report_error(const std::exception& e) {
    // Messages may quote input or a policy's own text: escaped, so nothing can forge lines or
    // terminal sequences.
    std::cerr << "inkoop: " << terminal_safe(e.what()) << '\n';
    if (const auto* se = dynamic_cast<const ScriptError*>(&e); se && !se->traceback().empty()) {
        std::istringstream lines(se->traceback());
        int n = 0;
        for (std::string line; std::getline(lines, line) && n < 40; ++n) {
            // Lua indents each frame with a tab: shown as indentation, not as an escaped "\t".
            size_t tabs = 0;
            while (tabs < line.size() && line[tabs] == '\t') ++tabs;
            std::cerr << std::string(4 * tabs, ' ') << terminal_safe(std::string_view(line).substr(tabs), 300) << '\n';
        }
    }
}

}  // namespace inkoop::cli
