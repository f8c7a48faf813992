#include "options.hpp"

#include <chrono>

namespace inkoop::cli {
namespace {

// A validator from the core parser of a name, so that the command line accepts what the reader
// accepts, and nothing else.
template <class Parse>
CLI::Validator accepted_by(Parse parse, std::string description) {
    return CLI::Validator(
        [parse](std::string& value) { return parse(value) ? std::string() : "'" + value + "' is not one of the accepted names"; },
        std::move(description));
}

}  // namespace

SourceOptions ListArgs::source_options(const Schema& schema, const std::string& path) const {
    SourceOptions options;
    if (!input_format.empty()) options.format = input_format_from_name(input_format);
    if (!options.format && path != "-") options.format = format_from_extension(path);
    if (!encoding.empty()) options.encoding = *encoding_from_name(encoding);
    options.sheet = sheet;
    if (max_xlsx_mb) options.max_xlsx_unpacked = max_xlsx_mb << 20;
    options.schema = &schema;
    return options;
}

void add_list_options(CLI::App& cmd, ListArgs& list, const std::string& input_help, bool required) {
    auto* input = cmd.add_option("--input", list.input, input_help);
    if (required) input->required();
    cmd.add_option("--input-format", list.input_format,
                   "csv, jsonl (or ndjson), json or xlsx (default: by the first bytes, or the extension)")
        ->check(accepted_by([](const std::string& v) { return input_format_from_name(v).has_value(); }, "FORMAT"));
    cmd.add_option("--encoding", list.encoding, "utf-8 or windows-1252 (default: UTF-8 unless the bytes say otherwise)")
        ->check(accepted_by([](const std::string& v) { return encoding_from_name(v).has_value(); }, "ENCODING"));
    cmd.add_option("--sheet", list.sheet, "the sheet of an .xlsx input (default: the first)");
    cmd.add_option("--max-xlsx-mb", list.max_xlsx_mb, "what an .xlsx input may unpack in all, in MB (default 1024)")
        ->check(CLI::Range(1, 65536));
}

void add_set_option(CLI::App& cmd, std::vector<std::string>& settings, const std::string& help) {
    cmd.add_option("--set", settings, help)->take_all();
}

void add_side_set_options(CLI::App& cmd, BatchArgs& args, const std::string& prefix) {
    cmd.add_option("--set-a", args.settings_a, prefix + "NAME=VALUE for the first policy (before) only")->take_all();
    cmd.add_option("--set-b", args.settings_b, prefix + "NAME=VALUE for the second policy (after) only")->take_all();
}

void add_format_option(CLI::App& cmd, std::string& format, std::initializer_list<const char*> formats, const std::string& help) {
    cmd.add_option("--format", format, help)->check(CLI::IsMember(std::vector<std::string>(formats.begin(), formats.end())));
}

void add_jobs_option(CLI::App& cmd, int& jobs, const std::string& help) { cmd.add_option("--jobs", jobs, help)->check(CLI::Range(1, 256)); }

void add_manifest_option(CLI::App& cmd, std::string& manifest) {
    cmd.add_option("--manifest", manifest, "where to write the run's manifest (default: <output>.manifest.json)");
}

CLI::Option* add_policy_option(CLI::App& cmd, std::vector<std::string>& policies, const std::string& help, int count) {
    auto* o = cmd.add_option("--policy", policies, help);
    if (count > 0) o->expected(count);
    return o;
}

void add_limit_options(CLI::App& app, Limits& limits) {
    app.add_option_function<uint64_t>(
           "--max-instructions", [&](uint64_t n) { limits.instructions = n; }, "instruction budget per evaluation")
        ->group("Limits");
    app.add_option_function<int64_t>(
           "--max-ms", [&](int64_t ms) { limits.deadline = std::chrono::milliseconds(ms); },
           "wall-clock deadline per evaluation, in milliseconds")
        ->group("Limits");
    app.add_option_function<size_t>(
           "--max-memory-mb", [&](size_t mb) { limits.memory_bytes = mb << 20; }, "memory cap per policy state, in MiB")
        ->group("Limits");
}

}  // namespace inkoop::cli
