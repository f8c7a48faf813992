// Fuzzes inkoop serve: each input is a request (a method, a target with its query, a body) sent
// to the service in process and over a loopback socket to the HTTP server serving it. The answer
// must be a well-formed HTTP response with a status the server gives, and a JSON body (each line of
// a JSON Lines body) must parse; nothing may crash, hang or leak (ASan, UBSan).
//   input: byte 0 picks the method, the Host and the Content-Type; the bytes up to the first '\n'
//   are the target, the rest the body.
// Targets that cannot stand in a request line (spaces, control bytes) go to the service only.
#include <arpa/inet.h>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <set>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "bindings/host.hpp"
#include "core/serve/http_server.hpp"
#include "core/serve/service.hpp"

using namespace inkoop;

namespace {

const std::set<int> kStatuses{200, 204, 400, 401, 403, 404, 405, 408, 411, 413, 414, 415, 421, 422, 431, 500, 503};

struct Harness {
    std::unique_ptr<serve::Service> service;
    std::unique_ptr<serve::HttpServer> server;
    std::thread thread;
    int port = 0;
    Harness() {
        const std::vector<std::string> ids{"salland/ggz-2024", "zorg-en-zekerheid/ggz-2024", "zorg-en-zekerheid/ggz-2027"};
        serve::ServiceOptions so;
        so.states = 1;
        so.max_body = 64 << 10;
        so.max_upload = 128 << 10;
        so.max_providers = 50;
        service = std::make_unique<serve::Service>(
            [ids](size_t n, uint64_t gen) {
                host::Host e(INKOOP_POLICY_DIR, Limits{});
                return serve::make_policy_set(e.catalog().shared_schema(), e.evaluators(ids, {}), n, gen);
            },
            ids, so, nullptr);
        serve::ServerOptions o;
        o.port = 0;
        o.threads = 2;
        // Every request the harness sends is whole, so the server's timeouts never end one (they were
        // 200 ms, a bound a loaded machine can reach between two partial sends). A hang is the
        // fuzzer's -timeout to report.
        o.idle_timeout = std::chrono::seconds(60);
        o.head_timeout = std::chrono::seconds(60);  // also the wait for a request's first byte
        o.body_grace = std::chrono::seconds(60);    // no minimum body rate within a fuzz run
        server = std::make_unique<serve::HttpServer>(*service, o);
        port = server->bind();
        thread = std::thread([this] { server->run(); });
        thread.detach();  // lives as long as the fuzzer
    }
};

[[noreturn]] void fail(const std::string& what, const std::string& target, const std::string& got) {
    std::cerr << "fuzz_serve: " << what << "\n  target: " << target << "\n  answer: " << got.substr(0, 400) << '\n';
    std::abort();
}

void check_json_body(const std::string& body, const std::string& target) {
    if (!nlohmann::json::accept(body)) fail("the body is not JSON", target, body);
}

// The request over a socket; the raw answer (empty when the server closed without one).
// libFuzzer's -timeout arms a SIGALRM every (timeout / 2 + 1) seconds, with a handler installed
// without SA_RESTART: a blocking connect, send or recv that it interrupts fails with EINTR. The
// harness used to read that as the end of the answer; when the alarm came while it waited for the
// server (more often the slower the server: ASan on a loaded machine) it reported "no answer to a
// well-formed request" for a request the server was answering. Each call is now resumed.
std::string over_the_wire(int port, const std::string& method, const std::string& target, const std::string& body, const std::string& host,
                          const std::string& type) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{60, 0};  // a bound for a lost answer, beyond the fuzzer's own -timeout
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        // An interrupted connect goes on by itself: wait until the socket is writable and ask.
        pollfd p{fd, POLLOUT, 0};
        int err = errno;
        if (err == EINTR) {
            while (::poll(&p, 1, 60'000) < 0 && errno == EINTR) {
            }
            socklen_t len = sizeof err;
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        }
        if (err != 0) fail(std::string("cannot connect: ") + std::strerror(err), target, "");
    }
    const std::string req = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + type +
                            "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    for (size_t sent = 0; sent < req.size();) {
        const ssize_t n = ::send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
        if (n > 0)
            sent += static_cast<size_t>(n);
        else if (n < 0 && errno == EINTR)
            continue;
        else
            break;  // the server closed early (an answer before the whole body): read what it said
    }
    // The answer ends where its Content-Length says (every answer of this server has one; a HEAD
    // answer has no body), not where the server closes: after a request it cannot read, httplib
    // answers 400 and then holds the connection for its keep-alive time although the client asked
    // to close it (a framing flaw of the library), which is no part of the answer.
    std::string got;
    char buf[65536];
    size_t whole = std::string::npos;
    bool head_read = false;
    while (got.size() < whole) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n > 0) {
            got.append(buf, static_cast<size_t>(n));
            const size_t end = got.find("\r\n\r\n");
            if (!head_read && end != std::string::npos) {
                head_read = true;
                const std::string head = got.substr(0, end);
                const size_t cl = head.find("\r\nContent-Length: ");
                if (method == "HEAD")
                    whole = end + 4;
                else if (cl != std::string::npos)
                    whole = end + 4 + std::strtoul(head.c_str() + cl + 18, nullptr, 10);
                // else: until the server closes
            }
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            if (n < 0 && got.empty()) fail(std::string("no answer: ") + std::strerror(errno), target, "");
            break;
        }
    }
    ::close(fd);
    return got;
}

bool plain_target(const std::string& t) {
    if (t.empty() || t[0] != '/') return false;
    for (unsigned char c : t)
        if (c <= ' ' || c >= 0x7f) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Never destroyed: at exit ~HttpServer would wait for the server thread (detached, still
    // running) and its kept-alive connections, and the fuzzer would not end after its last run.
    static Harness& h = *new Harness;
    if (size == 0) return 0;
    static const char* const methods[] = {"POST", "GET", "PUT", "OPTIONS", "HEAD", "DELETE"};
    const std::string method = methods[data[0] % 6];
    // The head's Host and Content-Type, from the same byte: mostly what a client of this server sends.
    static const char* const hosts[] = {"127.0.0.1", "127.0.0.1", "localhost:8080", "evil.example", "[::1]"};
    static const char* const types[] = {"application/json", "application/json", "text/csv", "text/plain", "application/octet-stream"};
    const std::string host = hosts[(data[0] / 6) % 5], type = types[(data[0] / 30) % 5];
    const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    const size_t nl = rest.find('\n');
    std::string target = nl == std::string::npos ? rest : rest.substr(0, nl);
    const std::string body = nl == std::string::npos ? std::string() : rest.substr(nl + 1);
    if (target.size() > 2000) target.resize(2000);

    // In process: the service's routes, the body through the same readers as batch.
    serve::Request r;
    r.method = method;
    const size_t q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query.emplace_back(target.substr(q + 1), "true");
    r.body = body;
    r.content_type = type;
    const serve::Admission admitted = h.service->admit({method, target, host, type, !body.empty()});
    if (admitted.refusal && !kStatuses.count(admitted.refusal->status))
        fail("a refusal the server does not give", target, admitted.refusal->body);
    serve::Response a = h.service->handle(r);
    serve::collect_stream(a);  // a list's records, streamed: all of them, the summary last
    if (!kStatuses.count(a.status)) fail("a status the server does not give: " + std::to_string(a.status), target, a.body);
    if (a.content_type == "application/json") check_json_body(a.body, target);
    if (a.content_type.starts_with("application/x-ndjson")) {
        size_t start = 0;
        for (size_t end; (end = a.body.find('\n', start)) != std::string::npos; start = end + 1)
            check_json_body(a.body.substr(start, end - start), target);
        if (start != a.body.size()) fail("a JSON Lines body that does not end with a line", target, a.body);
    }

    // Over the wire, when the target can stand in a request line (the request line's own parsing is
    // the library's, not ours).
    if (!plain_target(target)) return 0;
    const std::string got = over_the_wire(h.port, method, target, body, host, type);
    if (got.empty()) fail("no answer to a well-formed request", target, got);
    if (got.size() < 12 || got.compare(0, 9, "HTTP/1.1 ") != 0) fail("not an HTTP response", target, got);
    const int status = std::atoi(got.substr(9, 3).c_str());
    if (!kStatuses.count(status)) fail("a status the server does not give: " + std::to_string(status), target, got);
    const size_t end = got.find("\r\n\r\n");
    if (end == std::string::npos) fail("no end of headers", target, got);
    if (got.substr(0, end).find("Content-Type: application/json") != std::string::npos && method != "HEAD")
        check_json_body(got.substr(end + 4), target);
    return 0;
}
