// The wire: Boost.Beast (Debian's Boost) serving the Service over HTTP/1.1. The server owns its
// connections: they are read and written asynchronously by a few I/O threads, each request head
// within a total deadline and each body at a minimum rate, with limits on the head (431) and on
// every route's body while it is read, chunked included (413). Only a request read whole goes to a
// decision thread, so a slow client holds no thread; pipelined requests are answered in order.
// stop() closes the listening socket, lets the requests in flight finish and returns from run().
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/serve/service.hpp"

namespace inkoop::serve {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;                                // 0: any free port (tests)
    size_t threads = 32;                            // decision threads: requests handled at once (each read whole first)
    size_t io_threads = 2;                          // threads that read and write the connections
    size_t max_connections = 4096;                  // open connections; one beyond is answered 503 and closed
    size_t max_header_bytes = 16384;                // request line and header fields together (431 above)
    size_t max_header_fields = 100;                 // header fields (431 above)
    std::chrono::milliseconds head_timeout{10000};  // from the end of the last answer to the whole next head
    std::chrono::milliseconds idle_timeout{5000};   // the longest silence within a body, and a write's bound
    size_t min_body_rate = 16384;                   // bytes per second a body must keep up after its first...
    std::chrono::milliseconds body_grace{2000};     // ...two seconds (408 below it)
};

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
    // The connections answered 503 because every connection place was taken.
    uint64_t refused_connections() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace inkoop::serve
