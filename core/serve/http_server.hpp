// The wire: cpp-httplib (Debian's libcpp-httplib) serving the Service. Connection threads read
// and answer requests; a bounded queue holds accepted connections waiting for a thread, and a
// connection beyond it is answered 503 with Retry-After on a thread kept for that, so nothing
// queues without bound. Slow clients are cut off by the read and write timeouts. stop() closes the
// listening socket, lets the requests in flight finish and returns from run().
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/serve/service.hpp"

namespace inkoop::serve {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;          // 0: any free port (tests)
    size_t threads = 32;      // connections served at once
    size_t max_pending = 64;  // accepted connections waiting for a thread before 503
    std::chrono::milliseconds read_timeout{5000}, write_timeout{5000};
    std::chrono::seconds keep_alive_timeout{5};
    size_t keep_alive_max = 1000;  // requests on one connection
};

// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost): what serve binds to unless
// given a token.
bool is_loopback(const std::string& host);

class HttpServer {
public:
    HttpServer(Service& service, ServerOptions options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds the address; the port bound (the one asked, or a free one for port 0). Throws
    // std::runtime_error naming the address when it cannot.
    int bind();
    // Serves until stop(); returns once the requests in flight have been answered.
    void run();
    // From any thread (a signal's thread): stop accepting, finish what is in flight.
    void stop();
    // The connections answered 503 because every thread was busy and the queue full.
    uint64_t refused_connections() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace inkoop::serve
