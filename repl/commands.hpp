// The inkoop command line verbs (spec §3). Each returns the process exit status:
// 0 all well, 1 the run completed but some input was rejected, 2 usage, policy or file errors.
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "core/limits.hpp"

namespace inkoop::cli {

enum Exit { kOk = 0, kRejected = 1, kError = 2 };

struct Globals {
    std::string policy_dir;
    std::string sources_dir;  // the source documents (seeds); "" = next to the project
    Limits limits;
};

int cmd_policies(const Globals& g);
int cmd_schema(const Globals& g, const std::string& format);
int cmd_eval(const Globals& g, const std::string& policy, const std::string& input, bool explain, const std::vector<std::string>& settings,
             bool flip = false);
int cmd_repl(const Globals& g, const std::vector<std::string>& policies, const std::string& input);
int cmd_check(const Globals& g, const std::string& policy);
int cmd_check_diff(const Globals& g, const std::string& before, const std::string& after);
int cmd_test(const Globals& g, const std::vector<std::string>& paths, bool coverage);

struct BatchArgs {
    std::vector<std::string> policies;
    std::string input, output, input_format, format, encoding;
    std::vector<std::string> settings;
    int jobs = 0;  // 0: the number of cores
    bool quiet = false, summary_only = false, strict = false;
};
int cmd_batch(const Globals& g, const BatchArgs& args);
int cmd_diff(const Globals& g, const BatchArgs& args);

// Prints "inkoop: <message>" (and a script traceback, indented) on stderr.
void report_error(const std::exception& e);

}  // namespace inkoop::cli
