// The options verbs share, each declared once here (as OPA's cmd/ does with its flag helpers):
// the provider list and how to read it, scenario parameters, output formats, outputs and jobs.
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "commands.hpp"

namespace inkoop::cli {

// --input (its help says what the verb reads it for) with --input-format, --encoding, --sheet and
// --max-xlsx-mb: the same five for every verb that reads a provider list.
void add_list_options(CLI::App& cmd, ListArgs& list, const std::string& input_help, bool required);
// --set NAME=VALUE (repeatable, takes every value after it).
void add_set_option(CLI::App& cmd, std::vector<std::string>& settings, const std::string& help = "scenario parameter NAME=VALUE");
// --set-a / --set-b: parameters for one side of a diff only.
void add_side_set_options(CLI::App& cmd, BatchArgs& args, const std::string& prefix = "");
// --format, one of `formats`.
void add_format_option(CLI::App& cmd, std::string& format, std::initializer_list<const char*> formats, const std::string& help);
// --jobs N: worker threads.
void add_jobs_option(CLI::App& cmd, int& jobs, const std::string& help = "worker threads (default: the number of cores)");
// --manifest FILE: where a run's manifest goes.
void add_manifest_option(CLI::App& cmd, std::string& manifest);
// --policy, repeatable (`count`: exactly that many, 0 for any).
CLI::Option* add_policy_option(CLI::App& cmd, std::vector<std::string>& policies, const std::string& help, int count = 0);
// The global limits: --max-instructions, --max-ms, --max-memory-mb.
void add_limit_options(CLI::App& app, Limits& limits);

}  // namespace inkoop::cli
