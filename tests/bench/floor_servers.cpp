// The floors of the serve benchmark: the least an HTTP server of each library does for a request,
// answering every request with the same small JSON. `beast` is Boost.Beast as inkoop serve uses it
// (asynchronous, the same number of I/O threads, keep-alive, no limits or routes); `httplib` is
// cpp-httplib 0.11 (Debian's), the library inkoop serve used before. Loopback only, any free port,
// printed on standard output; SIGTERM ends it.
//
//   inkoop-serve-floor beast|httplib [--threads N]
// Before Boost 1.74's asio, whose awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <cstring>
#include <httplib.h>
#include <iostream>
#include <memory>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

const std::string kBody = R"({"policy":"floor","outcome":"offer"})";

class Session : public std::enable_shared_from_this<Session> {
public:
    explicit Session(tcp::socket s) : stream_(std::move(s)) {}
    void read() {
        req_ = {};
        http::async_read(stream_, buffer_, req_, [self = shared_from_this()](beast::error_code ec, size_t) {
            if (ec) return self->stream_.close();
            self->answer();
        });
    }

private:
    void answer() {
        res_ = {};
        res_.version(req_.version());
        res_.result(http::status::ok);
        res_.set(http::field::content_type, "application/json");
        res_.body() = kBody;
        res_.keep_alive(req_.keep_alive());
        res_.prepare_payload();
        http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, size_t) {
            if (ec || !self->res_.keep_alive()) return self->stream_.close();
            self->read();
        });
    }
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> req_;
    http::response<http::string_body> res_;
};

void accept(tcp::acceptor& a, net::io_context& io) {
    a.async_accept(net::make_strand(io), [&](beast::error_code ec, tcp::socket s) {
        if (!ec) {
            s.set_option(tcp::no_delay(true), ec);
            std::make_shared<Session>(std::move(s))->read();
        }
        accept(a, io);
    });
}

int beast_floor(size_t threads) {
    net::io_context io;
    tcp::acceptor a(io, {net::ip::make_address("127.0.0.1"), 0});
    std::cout << a.local_endpoint().port() << std::endl;
    net::signal_set signals(io, SIGTERM, SIGINT);
    signals.async_wait([&](beast::error_code, int) { io.stop(); });
    accept(a, io);
    std::vector<std::thread> pool;
    for (size_t i = 1; i < threads; ++i) pool.emplace_back([&] { io.run(); });
    io.run();
    for (auto& t : pool) t.join();
    return 0;
}

// httplib::Server with its listening socket at hand (to widen the backlog).
class Listener final : public httplib::Server {
public:
    void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

int httplib_floor() {
    Listener s;
    const auto h = [](const httplib::Request&, httplib::Response& res) { res.set_content(kBody, "application/json"); };
    s.Get(".*", h).Post(".*", h);
    // As inkoop serve configured it: no Nagle delay, and a listen backlog beyond the library's 5
    // (CPPHTTPLIB_LISTEN_BACKLOG, fixed when Debian built it; listen() again widens it on Linux).
    s.set_tcp_nodelay(true);
    const int port = s.bind_to_any_port("127.0.0.1");
    s.widen_backlog();
    std::cout << port << std::endl;
    s.listen_after_bind();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || (std::strcmp(argv[1], "beast") != 0 && std::strcmp(argv[1], "httplib") != 0)) {
        std::cerr << "usage: inkoop-serve-floor beast|httplib [--threads N]\n";
        return 2;
    }
    size_t threads = 2;
    for (int i = 2; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], "--threads")) threads = std::stoul(argv[i + 1]);
    return std::strcmp(argv[1], "beast") == 0 ? beast_floor(threads) : httplib_floor();
}
