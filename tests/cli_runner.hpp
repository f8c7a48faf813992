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

// `args` is appended to the binary as shell words; `input` is fed to standard input.
inline RunResult run_inkoop(const std::string& args, const std::string& input = "") {
    char in_path[] = "/tmp/inkoop-test-in-XXXXXX";
    char err_path[] = "/tmp/inkoop-test-err-XXXXXX";
    ::close(::mkstemp(in_path));
    ::close(::mkstemp(err_path));
    std::ofstream(in_path) << input;
    const std::string cmd = std::string("cd '" INKOOP_SOURCE_DIR "' && '" INKOOP_BIN "' ") + args + " <" + in_path + " 2>" + err_path;
    RunResult r;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = slurp(err_path);
    std::remove(in_path);
    std::remove(err_path);
    return r;
}

// Runs a bash script with $INKOOP naming the binary, in the source directory.
inline RunResult run_shell(const std::string& script) {
    char script_path[] = "/tmp/inkoop-test-sh-XXXXXX";
    char err_path[] = "/tmp/inkoop-test-err-XXXXXX";
    ::close(::mkstemp(script_path));
    ::close(::mkstemp(err_path));
    std::ofstream(script_path) << script;
    const std::string cmd = std::string("cd '" INKOOP_SOURCE_DIR "' && INKOOP='" INKOOP_BIN "' bash ") + script_path + " 2>" + err_path;
    RunResult r;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = slurp(err_path);
    std::remove(script_path);
    std::remove(err_path);
    return r;
}

}  // namespace inkoop::testing
