// inkoop serve: decisions over HTTP (core/serve), with SIGHUP reloading the policies and SIGTERM
// draining the requests in flight before the process exits 0.
#include <CLI/CLI.hpp>
#include <csignal>
#include <fmt/format.h>
#include <iostream>
#include <pthread.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "commands.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/serve/http_server.hpp"
#include "options.hpp"

namespace inkoop::cli {

namespace {

struct ServeArgs {
    std::string listen = "127.0.0.1:8080";
    std::vector<std::string> policies, settings;
    int jobs = 0;
    size_t threads = 0, max_body_kb = 1024, max_upload_mb = 32, max_providers = 1000, max_queue = 64, queue_wait_ms = 2000;
    size_t timeout_ms = 5000, head_timeout_ms = 10000, max_connections = 4096;
    std::vector<std::string> allow_hosts;
    std::string token_file, cors, decision_log;
    bool log_input = false;
};

// HOST:PORT, [IPv6]:PORT or :PORT (loopback).
std::pair<std::string, int> parse_listen(const std::string& s) {
    const size_t colon = s.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen " + s + ": expected HOST:PORT, e.g. 127.0.0.1:8080");
    std::string host = s.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) host = "127.0.0.1";
    int port = -1;
    try {
        size_t used = 0;
        port = std::stoi(s.substr(colon + 1), &used);
        if (used != s.size() - colon - 1) port = -1;
    } catch (const std::exception&) {
    }
    if (port < 0 || port > 65535) throw std::runtime_error("--listen " + s + ": the port is a number from 0 to 65535");
    return {host, port};
}

// The bearer token: the file's first line, at least 16 bytes. A file others can read is named.
std::string read_token(const std::string& path) {
    std::string t = read_file(path, 4096);
    if (const size_t nl = t.find_first_of("\r\n"); nl != std::string::npos) t.resize(nl);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    if (t.size() < 16) throw FileError(path + ": the token is shorter than 16 characters");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077))
        std::cerr << "inkoop: warning: " << terminal_safe(path) << " can be read by others than its owner (chmod 600 it)\n";
    return t;
}

// SIGHUP reloads, SIGTERM and SIGINT stop (after the requests in flight), SIGUSR1 ends the wait.
void handle_signals(const sigset_t& set, serve::Service& service, serve::HttpServer& server) {
    for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) continue;
        if (sig == SIGHUP) {
            std::string error;
            if (service.reload(error))
                std::cerr << fmt::format("inkoop: reloaded the policies (generation {})\n", service.current()->generation());
            else
                std::cerr << "inkoop: reload failed, the policies loaded before go on serving: " << terminal_safe(error) << '\n';
            continue;
        }
        if (sig == SIGTERM || sig == SIGINT) {
            std::cerr << "inkoop: stopping: answering the requests in flight\n";
            service.set_draining(true);
            server.stop();
        }
        return;
    }
}

int run_serve(const Globals& g, const ServeArgs& a) {
    // Signals are taken by one thread with sigwait: blocked here, before any thread starts, so
    // that every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGHUP, SIGTERM, SIGINT, SIGUSR1}) sigaddset(&signals, s);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    const auto [host, port] = parse_listen(a.listen);
    serve::ServiceOptions so;
    if (!a.token_file.empty()) so.token = read_token(a.token_file);
    if (!serve::is_loopback(host) && so.token.empty())
        throw std::runtime_error(
            fmt::format("--listen {}: serving beyond this machine needs --token-file (requests then bring "
                        "Authorization: Bearer <token>)",
                        a.listen));
    const size_t jobs = a.jobs > 0 ? static_cast<size_t>(a.jobs) : std::max(1u, std::thread::hardware_concurrency());
    so.states = jobs;
    so.max_body = a.max_body_kb << 10;
    so.max_upload = a.max_upload_mb << 20;
    so.max_providers = a.max_providers;
    so.max_waiting = a.max_queue;
    so.queue_wait = std::chrono::milliseconds(a.queue_wait_ms);
    so.cors_origin = a.cors;
    so.log_input = a.log_input;
    so.allowed_hosts = a.allow_hosts;
    so.allowed_hosts.push_back(host);
    std::vector<std::string> ids = a.policies;
    if (ids.empty())
        for (const auto& p : Catalog(g.policy_dir, g.schema).policies()) ids.push_back(p.id);
    // Every load (the first and each reload) reads the policy tree afresh, schema included.
    serve::PolicyLoader loader = [dir = g.policy_dir, limits = g.limits, ids](size_t states, uint64_t generation) {
        host::Host host(dir, limits);
        return serve::make_policy_set(host.catalog().shared_schema(), host.evaluators(ids, {}), states, generation);
    };
    std::unique_ptr<serve::DecisionLog> log;
    if (!a.decision_log.empty()) log = std::make_unique<serve::DecisionLog>(a.decision_log);
    serve::Service service(loader, ids, so, log.get());
    serve::ServerOptions o;
    o.host = host;
    o.port = port;
    o.threads = a.threads ? a.threads : std::max<size_t>(32, 2 * jobs);
    o.max_connections = a.max_connections;
    o.idle_timeout = std::chrono::milliseconds(a.timeout_ms);
    o.head_timeout = std::chrono::milliseconds(a.head_timeout_ms);
    serve::HttpServer server(service, o);
    const int bound = server.bind();
    const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    std::cerr << fmt::format("inkoop: serving {} polic{} on http://{}:{}/ with {} policy state{}; SIGHUP reloads, SIGTERM stops\n",
                             ids.size(), ids.size() == 1 ? "y" : "ies", shown, bound, jobs, jobs == 1 ? "" : "s");
    std::thread signal_thread([&] { handle_signals(signals, service, server); });
    server.run();
    ::kill(::getpid(), SIGUSR1);  // ends the signal thread's wait if the server stopped otherwise
    signal_thread.join();
    if (log) {
        log->close();
        std::cerr << fmt::format("inkoop: stopped; the decision log holds {} new lines{}\n", log->written(),
                                 log->failed() ? fmt::format(" ({} could not be written)", log->failed()) : "");
        return log->failed() ? kError : kOk;
    }
    std::cerr << "inkoop: stopped\n";
    return kOk;
}

}  // namespace

Verb verb_serve(CLI::App& app) {
    auto a = std::make_shared<ServeArgs>();
    auto* cmd = app.add_subcommand("serve", "serve decisions over HTTP: a JSON API and a page for people (loopback unless given a token)");
    cmd->add_option("--listen", a->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free port)");
    add_policy_option(*cmd, a->policies, "a policy to serve (repeat; default: every policy of the tree)");
    add_jobs_option(*cmd, a->jobs, "policy states: decisions made at once (default: the number of cores)");
    cmd->add_option("--threads", a->threads, "requests handled at once, each read whole first (default: 32, at least 2 x --jobs)");
    cmd->add_option("--max-connections", a->max_connections, "open connections; one beyond is answered 503 (default 4096)");
    cmd->add_option("--allow-host", a->allow_hosts,
                    "a host name requests may name besides loopback and the --listen address (repeat; others get 421)");
    cmd->add_option("--token-file", a->token_file, "a file holding the bearer token every request must bring (required off loopback)");
    cmd->add_option("--cors", a->cors, "allow this origin to call the API from a browser (Access-Control-Allow-Origin)");
    cmd->add_option("--decision-log", a->decision_log, "append a JSON line per decision to this file");
    cmd->add_flag("--log-input", a->log_input, "the decision log holds each provider itself, not its SHA-256");
    cmd->add_option("--max-body-kb", a->max_body_kb, "largest decide or diff body, KiB (default 1024; 413 above)");
    cmd->add_option("--max-upload-mb", a->max_upload_mb, "largest list uploaded to the batch route, MiB (default 32; 413 above)");
    cmd->add_option("--max-providers", a->max_providers, "most providers in one decide request (default 1000; 413 above)");
    cmd->add_option("--max-queue", a->max_queue, "requests waiting for a policy state before 503 (default 64)");
    cmd->add_option("--queue-wait-ms", a->queue_wait_ms, "how long a request waits for a policy state before 503 (default 2000)");
    cmd->add_option("--timeout-ms", a->timeout_ms,
                    "the longest silence within a body or a write before the connection is cut (default 5000)");
    cmd->add_option("--head-timeout-ms", a->head_timeout_ms,
                    "the time a whole request head may take, and a keep-alive wait (default 10000)");
    return {cmd, [a](const Globals& g) { return run_serve(g, *a); }};
}

}  // namespace inkoop::cli
