// Runs the inkoop binary as a user would, capturing stdout, stderr and the exit status.
#pragma once

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace inkoop::testing {

struct RunResult {
    std::string out, err;
    int status = -1;
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs `command` through the shell in the source directory with `file_text` written to a temporary
// file whose path is appended to the command after `file_prefix` (" <" for standard input, " "
// for a script); standard error is captured apart.
inline RunResult run_with_file(const std::string& command, const std::string& file_prefix, const std::string& file_text) {
    char file_path[] = "/tmp/inkoop-test-in-XXXXXX";
    char err_path[] = "/tmp/inkoop-test-err-XXXXXX";
    ::close(::mkstemp(file_path));
    ::close(::mkstemp(err_path));
    std::ofstream(file_path) << file_text;
    const std::string cmd = "cd '" INKOOP_SOURCE_DIR "' && " + command + file_prefix + file_path + " 2>" + err_path;
    RunResult r;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = slurp(err_path);
    std::remove(file_path);
    std::remove(err_path);
    return r;
}

// `args` is appended to the binary as shell words; `input` is fed to standard input.
inline RunResult run_inkoop(const std::string& args, const std::string& input = "") {
    return run_with_file("'" INKOOP_BIN "' " + args, " <", input);
}

// Runs a bash script with $INKOOP naming the binary, in the source directory.
inline RunResult run_shell(const std::string& script) { return run_with_file("INKOOP='" INKOOP_BIN "' bash", " ", script); }

}  // namespace inkoop::testing
