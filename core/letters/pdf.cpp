#include "core/letters/pdf.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "core/base/hash.hpp"
#include "core/base/text.hpp"

extern char** environ;

namespace inkoop {
namespace {

constexpr const char* kFooter =
    R"(<div style="font-family:sans-serif;font-size:8px;color:#555;width:100%;margin:0 19mm 0 20mm;display:flex;justify-content:space-between">)"
    R"(<span>{}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>)";

std::string footer_html(const std::string& footer) { return fmt::format(kFooter, html_escape(footer)); }

// write() to the browser's pipe without SIGPIPE: a browser that went away fails the letter (EPIPE),
// it does not end inkoop. SIGPIPE is blocked in this thread for the write, and one it raised is
// taken off again, so that standard output keeps its usual SIGPIPE.
ssize_t write_without_sigpipe(int fd, const char* data, size_t size) {
    sigset_t pipe_only, old, pending;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigpending(&pending);
    const bool was_pending = sigismember(&pending, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
    const ssize_t n = ::write(fd, data, size);
    const int err = errno;
    if (n < 0 && err == EPIPE && !was_pending) {
        const timespec now{};
        sigtimedwait(&pipe_only, nullptr, &now);
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = err;
    return n;
}

}  // namespace

std::string PdfPrinter::require_browser() {
    const char* env = std::getenv("INKOOP_CHROMIUM");
    std::string exe = env && *env ? env : "/usr/bin/chromium";
    if (access(exe.c_str(), X_OK) != 0)
        throw std::runtime_error(fmt::format("pdf: no browser at {} (install Debian's chromium, or set INKOOP_CHROMIUM)", exe));
    return exe;
}

PdfPrinter::PdfPrinter(std::chrono::seconds timeout) : timeout_(timeout) {
    const std::string exe = require_browser();
    char tmpl[] = "/tmp/inkoop-chromium-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("pdf: cannot make a browser profile folder");
    profile_dir_ = tmpl;
    int in[2], out[2];  // in: we write, the browser reads fd 3; out: the browser writes fd 4
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pdf: cannot make pipes");
    std::vector<std::string> args = {exe,
                                     "--headless",
                                     "--disable-gpu",
                                     "--remote-debugging-pipe",
                                     "--no-first-run",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--disable-extensions",
                                     "--disable-dev-shm-usage",
                                     "--user-data-dir=" + profile_dir_,
                                     "about:blank"};
    if (geteuid() == 0) args.insert(args.begin() + 1, "--no-sandbox");  // Chromium refuses to run its sandbox as root
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 3);
    posix_spawn_file_actions_adddup2(&fa, out[1], 4);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    const int rc = posix_spawn(&pid_, exe.c_str(), &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(out[1]);
    to_browser_ = in[1];
    from_browser_ = out[0];
    if (rc != 0) {
        pid_ = -1;
        close_browser();
        throw std::runtime_error(fmt::format("pdf: cannot start {}: {}", exe, std::strerror(rc)));
    }
    try {
        deadline_ = std::chrono::steady_clock::now() + timeout_;
        browser_ = nlohmann::json::parse(await(send("Browser.getVersion", "{}", false))).value("product", "");
        const auto target = nlohmann::json::parse(await(send("Target.createTarget", R"({"url":"about:blank"})", false)));
        const auto attached = nlohmann::json::parse(
            await(send("Target.attachToTarget",
                       fmt::format(R"({{"targetId":"{}","flatten":true}})", target.at("targetId").get<std::string>()), false)));
        session_ = attached.at("sessionId").get<std::string>();
        await(send("Emulation.setScriptExecutionDisabled", R"({"value":true})", true));
        frame_ =
            nlohmann::json::parse(await(send("Page.getFrameTree", "{}", true))).at("frameTree").at("frame").at("id").get<std::string>();
    } catch (...) {
        close_browser();
        throw;
    }
}

PdfPrinter::~PdfPrinter() { close_browser(); }

void PdfPrinter::close_browser() {
    if (to_browser_ >= 0 && pid_ > 0) {
        const std::string msg = fmt::format(R"({{"id":{},"method":"Browser.close"}})", next_id_++) + '\0';
        [[maybe_unused]] const ssize_t n = write_without_sigpipe(to_browser_, msg.data(), msg.size());
    }
    if (to_browser_ >= 0) close(to_browser_);
    if (from_browser_ >= 0) close(from_browser_);
    to_browser_ = from_browser_ = -1;
    if (pid_ > 0) {
        int status = 0;
        for (int i = 0; i < 50 && waitpid(pid_, &status, WNOHANG) == 0; ++i) usleep(20000);
        if (waitpid(pid_, &status, WNOHANG) == 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
        }
        pid_ = -1;
    }
    if (!profile_dir_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(profile_dir_, ec);
        profile_dir_.clear();
    }
}

int PdfPrinter::send(const std::string& method, const std::string& params_json, bool in_session) {
    const int id = next_id_++;
    std::string msg = in_session
                          ? fmt::format(R"({{"id":{},"sessionId":"{}","method":"{}","params":{}}})", id, session_, method, params_json)
                          : fmt::format(R"({{"id":{},"method":"{}","params":{}}})", id, method, params_json);
    msg += '\0';
    for (size_t done = 0; done < msg.size();) {
        const ssize_t n = write_without_sigpipe(to_browser_, msg.data() + done, msg.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("pdf: the browser closed its pipe");
        done += static_cast<size_t>(n);
    }
    return id;
}

std::string PdfPrinter::read_message() {
    for (;;) {
        if (const size_t nul = buffer_.find('\0'); nul != std::string::npos) {
            std::string msg = buffer_.substr(0, nul);
            buffer_.erase(0, nul + 1);
            return msg;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now()).count();
        if (left <= 0) throw std::runtime_error(fmt::format("pdf: the browser did not answer within {} s", timeout_.count()));
        pollfd p{from_browser_, POLLIN, 0};
        const int r = poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (r < 0 && errno != EINTR) throw std::runtime_error("pdf: cannot wait for the browser");
        if (r <= 0) continue;
        char buf[65536];
        const ssize_t n = ::read(from_browser_, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("pdf: the browser stopped");
        buffer_.append(buf, static_cast<size_t>(n));
    }
}

std::string PdfPrinter::await(int id) {
    for (;;) {
        const auto j = nlohmann::json::parse(read_message(), nullptr, false);
        if (!j.is_object()) throw std::runtime_error("pdf: the browser sent something that is not JSON");
        if (j.contains("method")) continue;  // an event; none is needed
        if (j.value("id", 0) != id) continue;
        if (j.contains("error")) throw std::runtime_error("pdf: the browser answered: " + j["error"].value("message", "an error"));
        return j.value("result", nlohmann::json::object()).dump();
    }
}

std::string PdfPrinter::print(const std::string& html, const std::string& footer) {
    deadline_ = std::chrono::steady_clock::now() + timeout_;
    // The page stays; only its document is replaced (no navigation, no new renderer per letter).
    await(send("Page.setDocumentContent", nlohmann::json{{"frameId", frame_}, {"html", html}}.dump(), true));
    const nlohmann::json params = {{"paperWidth", 8.27},
                                   {"paperHeight", 11.69},
                                   {"marginTop", 0.6},
                                   {"marginBottom", 0.75},
                                   {"marginLeft", 0.8},
                                   {"marginRight", 0.75},
                                   {"printBackground", true},
                                   {"displayHeaderFooter", true},
                                   {"headerTemplate", "<span></span>"},
                                   {"footerTemplate", footer_html(footer)},
                                   {"preferCSSPageSize", false},
                                   {"generateTaggedPDF", true},
                                   {"generateDocumentOutline", false}};
    const auto result = nlohmann::json::parse(await(send("Page.printToPDF", params.dump(), true)));
    std::string pdf = base64_decode(result.at("data").get<std::string>());  // throws for what is not base64
    if (pdf.rfind("%PDF-", 0) != 0) throw std::runtime_error("pdf: the browser's answer is not a PDF");
    return pdf;
}

}  // namespace inkoop
