#include "core/serve/http_server.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <fmt/format.h>
#include <httplib.h>
#include <mutex>
#include <sys/socket.h>
#include <thread>
#include <vector>

namespace inkoop::serve {

namespace {

thread_local bool t_refuse = false;  // this thread answers every request 503: the overflow thread

// Accepted connections wait here for one of `threads` threads. When every thread is busy and `max_pending` wait already,
// the connection goes to the overflow thread instead, which answers its request 503 and closes
// it; when that one is behind too, the accepting thread answers it itself, so that accepting
// slows down (the kernel's backlog holds the rest) rather than a queue growing.
class ConnectionQueue final : public httplib::TaskQueue {
public:
    ConnectionQueue(size_t threads, size_t max_pending, std::atomic<uint64_t>& refused)
        : threads_(threads), max_pending_(max_pending), refused_(refused) {
        for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(jobs_, false); });
        workers_.emplace_back([this] { work(overflow_, true); });
    }

    void enqueue(std::function<void()> fn) override {
        {
            std::unique_lock lock(mutex_);
            if (busy_ + jobs_.size() < threads_ + max_pending_) {  // a thread for it now, or a place in the queue
                jobs_.push_back(std::move(fn));
                lock.unlock();
                cond_.notify_all();
                return;
            }
            refused_.fetch_add(1, std::memory_order_relaxed);
            if (overflow_.size() < max_pending_) {
                overflow_.push_back(std::move(fn));
                lock.unlock();
                cond_.notify_all();
                return;
            }
        }
        t_refuse = true;
        fn();
        t_refuse = false;
    }

    void shutdown() override {
        {
            std::lock_guard lock(mutex_);
            shutdown_ = true;
        }
        cond_.notify_all();
        for (auto& t : workers_) t.join();
    }

private:
    void work(std::deque<std::function<void()>>& queue, bool refuse) {
        t_refuse = refuse;
        for (;;) {
            std::function<void()> fn;
            {
                std::unique_lock lock(mutex_);
                cond_.wait(lock, [&] { return !queue.empty() || shutdown_; });
                if (queue.empty()) return;  // shutting down, nothing left
                fn = std::move(queue.front());
                queue.pop_front();
                if (!refuse) ++busy_;
            }
            fn();
            if (!refuse) {
                std::lock_guard lock(mutex_);
                --busy_;
            }
        }
    }

    size_t threads_;
    size_t max_pending_;
    std::atomic<uint64_t>& refused_;
    std::mutex mutex_;
    std::condition_variable cond_;
    std::deque<std::function<void()>> jobs_, overflow_;
    std::vector<std::thread> workers_;
    size_t busy_ = 0;  // connection threads serving a connection
    bool shutdown_ = false;
};

// httplib::Server with the listening socket's backlog widened: the library listens with a backlog
// of 5 (CPPHTTPLIB_LISTEN_BACKLOG, fixed when Debian built it), so that 16 clients connecting at
// once lose SYNs and wait a second to retry. listen() again on a listening socket sets the new
// backlog (Linux).
class Listener final : public httplib::Server {
public:
    void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

void answer(httplib::Response& res, const Response& r) {
    res.status = r.status;
    for (const auto& [k, v] : r.headers) res.set_header(k, v);
    if (!r.content_type.empty()) res.set_content(r.body, r.content_type.c_str());
}

}  // namespace

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    in_addr a{};
    return ::inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

struct HttpServer::Impl {
    Service& service;
    ServerOptions options;
    Listener server;
    std::atomic<uint64_t> refused{0};

    Impl(Service& s, ServerOptions o) : service(s), options(std::move(o)) {}

    void handle(const httplib::Request& req, httplib::Response& res) {
        if (t_refuse) {
            answer(res, service.overloaded());
            res.set_header("Connection", "close");
            service.metrics().request(Route::Other, 503, 0);
            return;
        }
        Request r;
        r.method = req.method;
        r.path = req.path;
        // The query of the target only: httplib also puts a form body's fields in req.params,
        // and a provider sent with curl -d is such a body.
        if (const size_t q = req.target.find('?'); q != std::string::npos) {
            httplib::Params params;
            httplib::detail::parse_query_text(req.target.substr(q + 1), params);
            for (auto& [k, v] : params) r.query.emplace_back(k, v);
        }
        r.body = req.body;
        r.authorization = req.get_header_value("Authorization");
        r.request_id = req.get_header_value("X-Request-Id");
        r.content_type = req.get_header_value("Content-Type");
        r.origin = req.get_header_value("Origin");
        const Response out = service.handle(std::move(r));
        answer(res, out);
        if (req.method == "HEAD") res.body.clear();
    }
};

HttpServer::HttpServer(Service& service, ServerOptions options) : impl_(std::make_unique<Impl>(service, std::move(options))) {
    auto& s = impl_->server;
    const ServerOptions& o = impl_->options;
    const auto h = [this](const httplib::Request& req, httplib::Response& res) { impl_->handle(req, res); };
    s.Get(".*", h).Post(".*", h).Put(".*", h).Delete(".*", h).Patch(".*", h).Options(".*", h);
    s.set_payload_max_length(std::max(service.options().max_body, service.options().max_upload));
    s.set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(o.read_timeout));
    s.set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(o.write_timeout));
    s.set_keep_alive_timeout(o.keep_alive_timeout.count());
    s.set_keep_alive_max_count(o.keep_alive_max);
    s.set_tcp_nodelay(true);
    // What httplib answers itself (a body over the limit: 413; a request it cannot read: 400),
    // in the service's error shape.
    s.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        const auto& so = impl_->service.options();
        std::string message = fmt::format("the request could not be read ({})", res.status);
        if (res.status == 413 && req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded"))
            message =
                "a body sent as a form (application/x-www-form-urlencoded, what curl -d sends) is read up to 8192 bytes only: "
                "send it with Content-Type: application/json (a list: text/csv or application/octet-stream)";
        else if (res.status == 413)
            message = fmt::format("the body is over {} bytes", std::max(so.max_body, so.max_upload));
        else if (res.status == 414)
            message = "the request line is too long";
        answer(res, error_response(res.status, message));
        impl_->service.metrics().request(Route::Other, res.status, 0);
    });
    s.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) { answer(res, error_response(500, "internal error")); });
    s.new_task_queue = [this] { return new ConnectionQueue(impl_->options.threads, impl_->options.max_pending, impl_->refused); };
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
    const ServerOptions& o = impl_->options;
    const std::string host = o.host == "[::1]" ? "::1" : o.host;
    if (o.port == 0) {
        const int port = impl_->server.bind_to_any_port(host);
        if (port < 0) throw std::runtime_error(fmt::format("cannot listen on {}: no free port", o.host));
        impl_->server.widen_backlog();
        return port;
    }
    if (!impl_->server.bind_to_port(host, o.port))
        throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", o.host, o.port));
    impl_->server.widen_backlog();
    return o.port;
}

void HttpServer::run() { impl_->server.listen_after_bind(); }

void HttpServer::stop() { impl_->server.stop(); }

uint64_t HttpServer::refused_connections() const { return impl_->refused.load(); }

}  // namespace inkoop::serve
