// inkoop serve under load, on loopback only and bounded in time: single-provider decide requests
// over 16 keep-alive connections, next to the floor (a minimal cpp-httplib server answering a
// fixed JSON, same library, same run), best of three; then the checks that are not figures: a
// reload every 20 ms under load loses no request (every answer 200, carrying one of the two
// versions); clients killed mid-request (counted: the requests of others that failed meanwhile)
// harm no other request, and the server answers every request after; memory before and after.
//
//   inkoop-bench-serve [--requests N] [--connections C] [--rounds R] [--check]
// --check: only the reload-under-load and client-kill checks, small; exit 1 when a request fails
// under reloads, while clients are killed, or after (ctest).
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <httplib.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "bindings/host.hpp"
#include "core/base/io.hpp"
#include "core/serve/http_server.hpp"
#include "core/serve/service.hpp"

namespace fs = std::filesystem;
using namespace inkoop;
using Clock = std::chrono::steady_clock;

namespace {

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long rss_kb() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
    return 0;
}

struct Figures {
    double seconds = 0, cpu = 0;
    size_t requests = 0, failed = 0;
    std::vector<double> latency_us;
    double rate() const { return static_cast<double>(requests) / seconds; }
    double pct(double p) const {
        if (latency_us.empty()) return 0;
        const auto i = static_cast<size_t>(p * static_cast<double>(latency_us.size() - 1));
        return latency_us[i];
    }
};

// `requests` POSTs of `body` to `path` over `connections` keep-alive connections; `check` sees
// every answer (status, body) and returns false for a failed one.
template <class Check>
Figures drive(int port, const std::string& path, const std::string& body, size_t requests, size_t connections, Check&& check) {
    Figures f;
    std::vector<std::vector<double>> lat(connections);
    std::atomic<size_t> failed{0};
    const double c0 = cpu_seconds();
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (size_t c = 0; c < connections; ++c)
        threads.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            client.set_read_timeout(120, 0);  // a bound for a lost answer, not a speed
            const size_t n = requests / connections + (c < requests % connections ? 1 : 0);
            lat[c].reserve(n);
            for (size_t i = 0; i < n; ++i) {
                const auto s = Clock::now();
                auto r = client.Post(path, body, "application/json");
                lat[c].push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
                if (!r || !check(r->status, r->body)) {
                    if (failed.fetch_add(1) < 3)
                        std::cerr << (r ? fmt::format("failed: {} {}\n", r->status, r->body.substr(0, 200))
                                        : fmt::format("failed: no answer ({})\n", httplib::to_string(r.error())));
                }
            }
        });
    for (auto& t : threads) t.join();
    f.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    f.cpu = cpu_seconds() - c0;
    f.requests = requests;
    f.failed = failed;
    for (auto& l : lat) f.latency_us.insert(f.latency_us.end(), l.begin(), l.end());
    std::sort(f.latency_us.begin(), f.latency_us.end());
    return f;
}

void print(const char* what, const Figures& f) {
    std::cout << fmt::format("{:<34} {:>9.0f} req/s  p50 {:>6.0f} us  p99 {:>6.0f} us  max {:>7.0f} us  cpu {:>6.1f} us/req  failed {}\n",
                             what, f.rate(), f.pct(0.5), f.pct(0.99), f.latency_us.empty() ? 0 : f.latency_us.back(),
                             f.cpu / static_cast<double>(f.requests) * 1e6, f.failed);
}

struct Served {
    std::unique_ptr<serve::Service> service;
    std::unique_ptr<serve::HttpServer> server;
    std::thread thread;
    int port = 0;
    Served(const std::string& dir, size_t states) {
        const std::vector<std::string> ids{"salland/ggz-2024"};
        serve::ServiceOptions so;
        so.states = states;
        // A request never gives up waiting for a state here (the default 2 s could pass on a slow
        // machine under a sanitizer): a failure in the checks is then the server's, not the clock's.
        so.queue_wait = std::chrono::minutes(10);
        service = std::make_unique<serve::Service>(
            [dir, ids](size_t n, uint64_t gen) {
                host::Host e(dir, Limits{});
                return serve::make_policy_set(e.catalog().shared_schema(), e.evaluators(ids, {}), n, gen);
            },
            ids, so, nullptr);
        serve::ServerOptions o;
        o.port = 0;
        server = std::make_unique<serve::HttpServer>(*service, o);
        port = server->bind();
        thread = std::thread([this] { server->run(); });
    }
    ~Served() {
        server->stop();
        thread.join();
    }
};

// The floor listens as the server does: its backlog widened after bind (see core/serve/http_server.cpp).
struct FloorServer final : httplib::Server {
    void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

struct Floor {
    FloorServer server;
    std::thread thread;
    int port = 0;
    explicit Floor(std::string answer) {
        server.Post("/floor", [answer](const httplib::Request&, httplib::Response& res) { res.set_content(answer, "application/json"); });
        server.set_tcp_nodelay(true);
        port = server.bind_to_any_port("127.0.0.1");
        server.widen_backlog();
        thread = std::thread([this] { server.listen_after_bind(); });
    }
    ~Floor() {
        server.stop();
        thread.join();
    }
};

// Clients that go away mid-request: half a header, half a body, a request whose answer is never read.
void kill_clients(int port, size_t n) {
    const std::string head = "POST /v1/policies/salland/ggz-2024/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 400\r\n\r\n";
    for (size_t i = 0; i < n; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
            const size_t k = i % 3;
            const std::string part = k == 0 ? head.substr(0, 30) : k == 1 ? head + "{\"agb\":\"123" : head + std::string(400, ' ');
            (void)!::send(fd, part.data(), part.size(), MSG_NOSIGNAL);
        }
        ::close(fd);
    }
}

}  // namespace

int main(int argc, char** argv) {
    size_t requests = 50000, connections = 16, rounds = 3;
    bool check_only = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--requests" && i + 1 < argc)
            requests = std::stoul(argv[++i]);
        else if (a == "--connections" && i + 1 < argc)
            connections = std::stoul(argv[++i]);
        else if (a == "--rounds" && i + 1 < argc)
            rounds = std::stoul(argv[++i]);
        else if (a == "--check")
            check_only = true;
        else {
            std::cerr << "usage: inkoop-bench-serve [--requests N] [--connections C] [--rounds R] [--check]\n";
            return 2;
        }
    }
    const std::string body = read_file(INKOOP_SOURCE_DIR "/scripts/samples/practice-ok.json");
    const std::string path = "/v1/policies/salland/ggz-2024/decide";
    const size_t states = std::max(2u, std::thread::hardware_concurrency());
    int status = 0;

    if (!check_only) {
        Served s(INKOOP_SOURCE_DIR "/policies", states);
        httplib::Client probe("127.0.0.1", s.port);
        const std::string answer = probe.Post(path, body, "application/json")->body;
        Floor floor(answer);  // the same answer, fixed: what the library costs without inkoop
        std::cout << fmt::format("{} single-provider requests over {} connections, {} policy states, {} cores; best of {}\n", requests,
                                 connections, states, std::thread::hardware_concurrency(), rounds);
        const auto ok = [](int st, const std::string&) { return st == 200; };
        drive(s.port, path, body, 2000, connections, ok);  // warm up
        drive(floor.port, "/floor", body, 2000, connections, ok);
        const long rss0 = rss_kb();
        Figures best_serve, best_floor;
        for (size_t r = 0; r < rounds; ++r) {
            Figures a = drive(s.port, path, body, requests, connections, ok);
            Figures b = drive(floor.port, "/floor", body, requests, connections, ok);
            if (r == 0 || a.rate() > best_serve.rate()) best_serve = std::move(a);
            if (r == 0 || b.rate() > best_floor.rate()) best_floor = std::move(b);
            std::cout << fmt::format("  round {}: rss {} kB\n", r + 1, rss_kb());
        }
        print("inkoop serve decide", best_serve);
        print("floor (cpp-httplib, fixed JSON)", best_floor);
        std::cout << fmt::format(
            "floor / serve: throughput {:.2f}x, p99 {:.2f}x, cpu per request {:.2f}x (goal: within 1.5x, p99 < 5 ms)\n",
            best_floor.rate() / best_serve.rate(), best_serve.pct(0.99) / best_floor.pct(0.99), best_serve.cpu / best_floor.cpu);
        std::cout << fmt::format("memory: rss {} kB after warm-up, {} kB after {} rounds ({:+.1f}%)\n", rss0, rss_kb(), rounds,
                                 100.0 * static_cast<double>(rss_kb() - rss0) / static_cast<double>(rss0));
        if (best_serve.failed || best_floor.failed) status = 1;
    }

    // Reload under load: the policy file changes between two contents, a reload every 20 ms.
    const std::string tree = "/tmp/inkoop-bench-serve-tree";
    fs::remove_all(tree);
    fs::copy(INKOOP_SOURCE_DIR "/policies", tree, fs::copy_options::recursive);
    const std::string file = tree + "/salland/ggz-2024.lua";
    const std::string original = read_file(file);
    Served s(tree, states);
    const std::string v1 = s.service->current()->policy(0).version.str();
    std::ofstream(file) << original << "\n-- version two\n";
    std::string error;
    if (!s.service->reload(error)) throw std::runtime_error(error);
    const std::string v2 = s.service->current()->policy(0).version.str();
    std::atomic<bool> done{false};
    std::atomic<size_t> reloads{0};
    std::thread reloader([&] {
        for (bool two = false; !done; two = !two) {
            std::ofstream(file) << original << (two ? "\n-- version two\n" : "");
            std::string e;
            if (s.service->reload(e)) reloads.fetch_add(1);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    std::atomic<size_t> by_version[2] = {0, 0};
    const long rss0 = rss_kb();
    const size_t n = check_only ? 4000 : requests;
    const auto one_of_the_two = [&](int st, const std::string& b) {
        if (st != 200) return false;
        const auto v = nlohmann::json::parse(b).at("policy_version").get<std::string>();
        if (v == v1) return by_version[0].fetch_add(1), true;
        if (v == v2) return by_version[1].fetch_add(1), true;
        return false;
    };
    // The requests go on until the reloader has swapped the policies in at least three times while
    // they were answered, however fast this machine answers them (a fast one answers 4,000 before a
    // reload has finished): a count of reloads, never a time.
    const size_t reloads_before = reloads.load();
    Figures f = drive(s.port, path, body, n, connections, one_of_the_two);
    for (size_t round = 0; reloads.load() < reloads_before + 3 && round < 100'000; ++round) {
        const Figures more = drive(s.port, path, body, connections * 4, connections, one_of_the_two);
        f.requests += more.requests;
        f.failed += more.failed;
        f.seconds += more.seconds;
        f.cpu += more.cpu;
        f.latency_us.insert(f.latency_us.end(), more.latency_us.begin(), more.latency_us.end());
    }
    std::sort(f.latency_us.begin(), f.latency_us.end());
    done = true;
    reloader.join();
    print("decide while reloading", f);
    std::cout << fmt::format(
        "reload under load: {} requests, {} failed, {} answered by version one, {} by version two; {} reloads; "
        "rss {} kB -> {} kB\n",
        f.requests, f.failed, by_version[0].load(), by_version[1].load(), reloads.load(), rss0, rss_kb());
    if (f.failed || reloads < reloads_before + 3) status = 1;

    // Clients killed mid-request (half a header, half a body, an answer never read) while others
    // decide; then the server must answer every request as before.
    done = false;
    std::atomic<size_t> kills{0};
    std::thread killer([&] {
        while (!done) {
            kill_clients(s.port, 3);
            kills.fetch_add(3);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    const auto ok = [](int st, const std::string&) { return st == 200; };
    // As above: the requests go on until at least 300 clients have been killed among them.
    Figures during = drive(s.port, path, body, n, connections, ok);
    for (size_t round = 0; kills.load() < 300 && round < 100'000; ++round) {
        const Figures more = drive(s.port, path, body, connections * 4, connections, ok);
        during.requests += more.requests;
        during.failed += more.failed;
    }
    done = true;
    killer.join();
    const Figures after = drive(s.port, path, body, n / 4, connections, ok);
    std::cout << fmt::format(
        "clients killed mid-request: {}; meanwhile {} of {} requests failed; afterwards {} of {} failed; "
        "connections refused for a full queue: {}; rss {} kB\n",
        kills.load(), during.failed, during.requests, after.failed, after.requests, s.server->refused_connections(), rss_kb());
    if (during.failed || after.failed || kills.load() < 300) status = 1;
    return status;
}
