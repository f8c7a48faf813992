#include "list_input.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <thread>
#include <unistd.h>

#include "core/base/io.hpp"

namespace inkoop::cli {

std::string BatchArgs::side_label(size_t i, const std::string& id) const {
    const auto side = side_settings(i);
    return side.empty() ? id : fmt::format("{} ({})", id, fmt::join(side, ", "));
}

std::set<std::string> BatchArgs::set_names(size_t i) const {
    std::set<std::string> out;
    for (const auto* list : {&settings, i == 0 ? &settings_a : &settings_b})
        for (const auto& s : *list) out.insert(s.substr(0, s.find('=')));
    return out;
}

ListInput open_input(const Schema& schema, const BatchArgs& a) { return open_list(a.input, a.source_options(schema, a.input), schema); }

BatchOptions batch_options(const BatchArgs& a, const ListInput& in, bool progress) {
    BatchOptions o;
    o.jobs = a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    o.input_name = a.input;
    o.progress = progress && ::isatty(STDERR_FILENO);
    o.input_bytes = in.size.value_or(0);
    o.strict = a.strict;
    return o;
}

void refuse_overwriting_input(const BatchArgs& a) {
    if (!a.output.empty() && (a.output == a.input || same_file(a.input, a.output)))
        throw FileError(fmt::format("{}: --output names the input file; write the decisions somewhere else", a.output));
}

RunIdentity run_identity(const Globals& g, const BatchArgs& a, const std::string& started) {
    return {g.command_line, host::lua_version() + ", " + library_versions(), started, a.settings};
}

std::string manifest_for(const BatchArgs& a, bool output_is_file) {
    return !a.manifest.empty() ? a.manifest : output_is_file ? manifest_path(a.output) : "";
}

LoadedList read_list(const Schema& schema, const ListArgs& list, const std::string& path) {
    OpenedInput in = ::inkoop::open_input(path);
    auto hashing = std::make_unique<HashingSource>(std::move(in.source));
    HashingSource* hashed = hashing.get();
    auto source = open_records(*hashing, list.source_options(schema, path));
    LoadedList out;
    for_each_row(*source, schema, path, [&](size_t row, const Provider& p, const RowProblems& problems) {
        if (!problems.errors.empty()) {
            ++out.rejected;
            return;
        }
        out.providers.push_back(p);
        out.rows.push_back(row);
    });
    out.notes = source->take_notes();
    out.sha256 = hashed->hex();
    return out;
}

}  // namespace inkoop::cli
