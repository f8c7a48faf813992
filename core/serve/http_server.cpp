#include "core/serve/http_server.hpp"

// Before Boost 1.74's asio, whose awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <fmt/format.h>
#include <limits>
#include <malloc.h>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/base/text.hpp"

namespace inkoop::serve {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// %XX decoded; '+' as a space where a query is decoded. A bad escape stays as it is.
std::string percent_decode(std::string_view s, bool plus) {
    std::string out;
    out.reserve(s.size());
    const auto hex = [](char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else if (plus && s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

// A request target's path (decoded) and query pairs (decoded).
void split_target(std::string_view target, Request& r) {
    const size_t q = target.find('?');
    r.path = percent_decode(target.substr(0, q), false);
    if (q == std::string_view::npos) return;
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        const size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        if (!pair.empty()) {
            const size_t eq = pair.find('=');
            r.query.emplace_back(percent_decode(pair.substr(0, eq), true),
                                 eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true));
        }
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
}

// Where a streamed body goes (Response::stream): the deciding thread writes here, the
// connection's strand sends what waits as one chunk at a time. The writer waits while more than
// kHigh bytes wait, so that a slow reader slows the run instead of growing memory; once the
// connection is gone, writes are dropped and answer false.
class ChunkPipe final : public BodyWriter {
public:
    static constexpr size_t kFlush = size_t{64} << 10, kHigh = size_t{1} << 20;
    explicit ChunkPipe(std::function<void()> kick) : kick_(std::move(kick)) {}

    bool write(std::string_view bytes) override {
        std::unique_lock lock(mutex_);
        cond_.wait(lock, [&] { return pending_.size() < kHigh || broken_; });
        if (broken_) return false;
        pending_.append(bytes);
        if (pending_.size() >= kFlush && !kicked_) {
            kicked_ = true;
            lock.unlock();
            kick_();
        }
        return true;
    }
    void finish() {
        std::unique_lock lock(mutex_);
        done_ = true;
        if (!kicked_) {
            kicked_ = true;
            lock.unlock();
            kick_();
        }
    }
    // The connection's side: what waits, moved into `out` (empty when nothing does), and whether
    // the body is then whole. With nothing to send, the next write or finish() kicks again.
    bool take(std::string& out) {
        std::lock_guard lock(mutex_);
        out.clear();
        out.swap(pending_);
        if (out.empty()) kicked_ = false;
        cond_.notify_all();
        return done_ && out.empty();
    }
    void broken() {
        std::lock_guard lock(mutex_);
        broken_ = true;
        pending_.clear();
        pending_.shrink_to_fit();
        cond_.notify_all();
    }

private:
    std::function<void()> kick_;
    std::mutex mutex_;
    std::condition_variable cond_;
    std::string pending_;
    bool kicked_ = false, done_ = false, broken_ = false;
};

// The service's view of a request read whole (its body a view of the parser's).
Request request_of(const http::request<http::string_body>& req) {
    Request r;
    r.method = std::string(req.method_string());
    split_target(std::string_view(req.target().data(), req.target().size()), r);
    r.body = req.body();
    const auto field = [&](auto f) {
        const auto v = req[f];
        return std::string(v.data(), v.size());
    };
    r.authorization = field(http::field::authorization);
    r.request_id = field("X-Request-Id");
    r.content_type = field(http::field::content_type);
    r.origin = field(http::field::origin);
    return r;
}

struct Server;

class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket socket, Server& server) : stream_(std::move(socket)), server_(server), buffer_(kBufferLimit) {}
    ~Connection();
    void start();
    void refuse_overloaded();
    // stop(): a connection waiting for a request closes; one being answered closes after it.
    void stop();

private:
    static constexpr size_t kBufferLimit = size_t{1} << 20;
    static constexpr size_t kDrainBytes = size_t{8} << 20;
    static constexpr std::chrono::milliseconds kLinger{1000};

    void read_head();
    void parse_head();
    void on_head(beast::error_code ec);
    void read_body();
    void on_body(beast::error_code ec, size_t n);
    void decide();
    // The answer; a refusal (refuse()) then lingers and closes instead of reading the next request.
    void write(Response r, bool refusal = false);
    void write_stream_head(const Response& r);
    void send_chunks();
    void after_answer(bool keep_alive);
    // A refusal at the connection level: counted, answered, the connection closed after.
    void refuse(Refusal reason, int status, std::string_view message);
    void refuse(Refusal reason, Response r);
    void linger_close();
    void drain();
    void close();

    beast::tcp_stream stream_;
    Server& server_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::optional<http::response<http::string_body>> res_;
    std::optional<http::response<http::empty_body>> stream_head_;
    std::optional<http::response_serializer<http::empty_body>> stream_serializer_;
    std::shared_ptr<ChunkPipe> pipe_;
    std::string chunk_, chunk_head_;
    bool chunk_writing_ = false, keep_alive_ = true;
    bool busy_ = false;  // a request is being read (past its first byte), decided or answered
    size_t body_bytes_ = 0;
    size_t head_bytes_ = 0;  // of the request head, taken by the parser so far
    Clock::time_point body_start_;
    std::array<char, 4096> drain_{};
    size_t drained_ = 0;
};

struct Server {
    Service& service;
    ServerOptions options;
    net::io_context io;
    tcp::acceptor acceptor{io};
    net::thread_pool pool;
    std::atomic<uint64_t> refused{0};
    std::atomic<size_t> open{0};
    std::atomic<bool> stopping{false};
    std::mutex mutex;  // the connections
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;

    Server(Service& s, ServerOptions o) : service(s), options(std::move(o)), pool(std::max<size_t>(1, options.threads)) {}

    void accept() {
        acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
            if (!ec) {
                socket.set_option(tcp::no_delay(true), ec);
                auto c = std::make_shared<Connection>(std::move(socket), *this);
                if (open.load() >= options.max_connections) {
                    refused.fetch_add(1, std::memory_order_relaxed);
                    c->refuse_overloaded();
                } else {
                    {
                        std::lock_guard lock(mutex);
                        connections.emplace(c.get(), c);
                    }
                    c->start();
                }
            }
            accept();
        });
    }
};

Connection::~Connection() {
    server_.open.fetch_sub(1);
    std::lock_guard lock(server_.mutex);
    server_.connections.erase(this);
}

void Connection::start() {
    server_.open.fetch_add(1);
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_head(); });
}

void Connection::refuse_overloaded() {
    server_.open.fetch_add(1);
    net::dispatch(stream_.get_executor(),
                  [self = shared_from_this()] { self->refuse(Refusal::Connections, self->server_.service.overloaded()); });
}

void Connection::stop() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
        if (!self->busy_) self->close();
    });
}

void Connection::read_head() {
    if (server_.stopping.load()) return close();
    busy_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());  // the route's limit is set once the head is read
    stream_.expires_after(server_.options.head_timeout);
    head_bytes_ = 0;
    parse_head();
}

// The head is read here and handed to the parser piece by piece, its bytes counted: Beast takes
// header fields as they come, and its header_limit holds per piece, not for the head in all (a
// head over the limit that stopped midway was never refused, and 300,000 fields were all parsed
// and kept before the 431). A head over the limit is refused as soon as that much has come.
void Connection::parse_head() {
    beast::error_code ec;
    if (buffer_.size() != 0) {
        const size_t used = parser_->put(buffer_.data(), ec);
        buffer_.consume(used);
        head_bytes_ += used;
        if (ec == http::error::need_more) ec = {};
        if (ec || parser_->is_header_done()) return on_head(ec);
    }
    if (head_bytes_ + buffer_.size() > server_.options.max_header_bytes) return on_head(http::error::header_limit);
    stream_.async_read_some(buffer_.prepare(16384), [self = shared_from_this()](beast::error_code e, size_t n) {
        if (e == net::error::eof && (self->buffer_.size() != 0 || self->parser_->got_some())) e = http::error::partial_message;
        if (e) return self->on_head(e == net::error::eof ? beast::error_code(http::error::end_of_stream) : e);
        self->buffer_.commit(n);
        self->parse_head();
    });
}

void Connection::on_head(beast::error_code ec) {
    busy_ = true;
    if (ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
        ec == net::error::operation_aborted)
        return close();
    if (ec == beast::error::timeout) {
        // The deadline has closed the socket (tcp_stream): no answer can go out. An idle keep-alive
        // connection is no refusal; a head begun and not finished is.
        if (buffer_.size() != 0 || parser_->got_some()) server_.service.metrics().refused(Refusal::HeadTimeout);
        return close();
    }
    if (ec == http::error::header_limit)
        return refuse(Refusal::HeaderTooLarge, 431, fmt::format("the request head is over {} bytes", server_.options.max_header_bytes));
    if (ec == http::error::bad_content_length || ec == http::error::bad_transfer_encoding)
        return refuse(Refusal::BadFraming, 400, fmt::format("the request's framing is not valid: {}", ec.message()));
    if (ec) return refuse(Refusal::BadRequest, 400, fmt::format("the request could not be read: {}", ec.message()));
    const auto& req = parser_->get();
    size_t fields = 0, lengths = 0, encodings = 0;
    for (const auto& f : req) {
        ++fields;
        if (f.name() == http::field::content_length) ++lengths;
        if (f.name() == http::field::transfer_encoding) ++encodings;
    }
    if (fields > server_.options.max_header_fields)
        return refuse(Refusal::HeaderTooLarge, 431,
                      fmt::format("the request has {} header fields; at most {}", fields, server_.options.max_header_fields));
    if (lengths > 1 || (lengths && encodings))
        return refuse(
            Refusal::BadFraming, 400,
            lengths > 1 ? "the request has more than one Content-Length" : "the request has both Content-Length and Transfer-Encoding");
    if (encodings && !parser_->chunked()) return refuse(Refusal::BadFraming, 400, "the only Transfer-Encoding read here is chunked");
    const auto length = parser_->content_length();
    const bool has_body = parser_->chunked() || (length && *length > 0);
    const auto method = req.method_string();
    if ((method == "POST" || method == "PUT" || method == "PATCH") && !length && !parser_->chunked())
        return refuse(Refusal::LengthRequired, 411,
                      "a POST needs a Content-Length (or Transfer-Encoding: chunked); for no body send Content-Length: 0");
    const auto sv = [](beast::string_view s) { return std::string_view(s.data(), s.size()); };
    RequestHead head{sv(method), sv(req.target()), sv(req[http::field::host]), sv(req[http::field::content_type]), has_body};
    Admission a = server_.service.admit(head);
    if (a.refusal) return refuse(a.reason, std::move(*a.refusal));
    if (!has_body) return decide();
    if (length && *length > a.body_limit)
        return refuse(Refusal::BodyTooLarge, 413, fmt::format("the body is {} bytes; this route takes at most {}", *length, a.body_limit));
    parser_->body_limit(a.body_limit);
    if (ascii_iequals(sv(req[http::field::expect]), "100-continue")) {
        static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        stream_.expires_after(server_.options.idle_timeout);
        return net::async_write(stream_, net::buffer(kContinue), [self = shared_from_this()](beast::error_code e, size_t) {
            if (e) return self->close();
            self->read_body();
        });
    }
    read_body();
}

void Connection::read_body() {
    body_start_ = Clock::now();
    body_bytes_ = 0;
    if (parser_->is_done()) return decide();
    stream_.expires_after(server_.options.idle_timeout);
    http::async_read_some(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, size_t n) { self->on_body(ec, n); });
}

void Connection::on_body(beast::error_code ec, size_t n) {
    if (ec == http::error::body_limit)
        return refuse(Refusal::BodyTooLarge, 413,
                      fmt::format("the body is over {} bytes, the most this route takes", parser_->get().body().size()));
    if (ec == beast::error::timeout) {  // the body stopped: the deadline has closed the socket
        server_.service.metrics().refused(Refusal::SlowBody);
        return close();
    }
    if (ec == net::error::eof || ec == http::error::partial_message || ec == net::error::connection_reset ||
        ec == net::error::operation_aborted)
        return close();
    if (ec) return refuse(Refusal::BadRequest, 400, fmt::format("the body could not be read: {}", ec.message()));
    body_bytes_ += n;
    if (parser_->is_done()) return decide();
    const double seconds = std::chrono::duration<double>(Clock::now() - body_start_).count();
    if (Clock::now() - body_start_ > server_.options.body_grace &&
        static_cast<double>(body_bytes_) < static_cast<double>(server_.options.min_body_rate) * seconds)
        return refuse(Refusal::SlowBody, 408, fmt::format("the body came slower than {} bytes a second", server_.options.min_body_rate));
    stream_.expires_after(server_.options.idle_timeout);
    http::async_read_some(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code e, size_t k) { self->on_body(e, k); });
}

// The request read whole goes to a decision thread; the connection reads nothing meanwhile (the
// next pipelined request waits in the buffer). Deciding on the I/O threads instead measured no
// faster (wrk, 16 connections) and would let one slow decision hold every connection's I/O.
void Connection::decide() {
    stream_.expires_never();
    keep_alive_ = parser_->get().keep_alive();
    auto request = std::make_shared<Request>(request_of(parser_->get()));
    auto guard = net::make_work_guard(server_.io);  // run() waits for this answer
    net::post(server_.pool, [self = shared_from_this(), request, guard = std::move(guard)]() mutable {
        Response out = self->server_.service.handle(std::move(*request));
        const bool big = self->parser_->get().body().size() > (size_t{1} << 20);
        if (!out.stream) {
            net::post(self->stream_.get_executor(), [self, out = std::move(out)]() mutable { self->write(std::move(out)); });
        } else {
            auto pipe = std::make_shared<ChunkPipe>([weak = std::weak_ptr<Connection>(self)] {
                if (auto c = weak.lock()) net::post(c->stream_.get_executor(), [c] { c->send_chunks(); });
            });
            auto stream = std::move(out.stream);
            net::post(self->stream_.get_executor(), [self, pipe, out = std::move(out)] {
                self->pipe_ = pipe;
                self->write_stream_head(out);
            });
            stream(*pipe);
            stream = nullptr;  // what it holds (a policy state) goes back now
            pipe->finish();
        }
        if (big) ::malloc_trim(0);  // a large upload's memory goes back to the system
        guard.reset();
    });
}

void Connection::write(Response r, bool refusal) {
    res_.emplace();
    auto& res = *res_;
    res.version(parser_ ? parser_->get().version() : 11);
    res.result(static_cast<unsigned>(r.status));
    for (const auto& [k, v] : r.headers) res.insert(k, v);
    if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
    const bool head = parser_ && parser_->get().method() == http::verb::head;
    const size_t length = r.body.size();
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive_ && !server_.stopping.load());
    res.prepare_payload();
    if (head) {
        res.body().clear();
        res.content_length(length);
    }
    stream_.expires_after(server_.options.idle_timeout);
    http::async_write(stream_, res, [self = shared_from_this(), refusal](beast::error_code ec, size_t) {
        const bool keep = self->res_->keep_alive();
        self->res_.reset();
        if (ec) return self->close();
        if (refusal) return self->linger_close();
        self->after_answer(keep);
    });
}

void Connection::write_stream_head(const Response& r) {
    stream_head_.emplace();
    auto& res = *stream_head_;
    res.version(parser_->get().version());
    res.result(static_cast<unsigned>(r.status));
    for (const auto& [k, v] : r.headers) res.insert(k, v);
    if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
    res.keep_alive(keep_alive_ && !server_.stopping.load());
    res.chunked(true);
    stream_serializer_.emplace(res);
    chunk_writing_ = true;
    stream_.expires_after(server_.options.idle_timeout);
    http::async_write_header(stream_, *stream_serializer_, [self = shared_from_this()](beast::error_code ec, size_t) {
        self->chunk_writing_ = false;
        if (ec) {
            self->pipe_->broken();
            return self->close();
        }
        self->send_chunks();
    });
}

// What the pipe holds, as one chunk; after the last, the empty chunk that ends the body.
void Connection::send_chunks() {
    if (chunk_writing_ || !pipe_ || !stream_serializer_) return;
    const bool done = pipe_->take(chunk_);
    if (chunk_.empty() && !done) return;  // the next write kicks
    chunk_writing_ = true;
    chunk_head_ = done ? std::string("0\r\n\r\n") : fmt::format("{:x}\r\n", chunk_.size());
    static constexpr std::string_view kEnd = "\r\n";
    stream_.expires_after(server_.options.idle_timeout);
    std::array<net::const_buffer, 3> parts{net::buffer(chunk_head_), net::buffer(chunk_), net::buffer(done ? std::string_view() : kEnd)};
    net::async_write(stream_, parts, [self = shared_from_this(), done](beast::error_code ec, size_t) {
        self->chunk_writing_ = false;
        if (ec) {
            self->pipe_->broken();
            return self->close();
        }
        if (!done) return self->send_chunks();
        const bool keep = self->stream_head_->keep_alive();
        self->pipe_.reset();
        self->stream_serializer_.reset();
        self->stream_head_.reset();
        self->chunk_.clear();
        self->chunk_.shrink_to_fit();
        self->after_answer(keep);
    });
}

void Connection::after_answer(bool keep_alive) {
    if (!keep_alive || server_.stopping.load()) return close();
    read_head();
}

void Connection::refuse(Refusal reason, int status, std::string_view message) { refuse(reason, error_response(status, message)); }

void Connection::refuse(Refusal reason, Response r) {
    server_.service.metrics().refused(reason);
    server_.service.metrics().request(r.route, r.status, 0);
    keep_alive_ = false;
    write(std::move(r), true);
}

// After a refusal the client may still be sending: what it sends is read and dropped, so that the
// close does not reset the connection before the client has read the answer (a reset drops what
// the client has not read yet). One deadline for the whole drain (a trickle does not extend it),
// and at most kDrainBytes.
void Connection::linger_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLinger);
    drain();
}

void Connection::drain() {
    stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](beast::error_code e, size_t n) {
        self->drained_ += n;
        if (e || self->drained_ > kDrainBytes) return self->close();
        self->drain();
    });
}

void Connection::close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
}

}  // namespace

struct HttpServer::Impl : Server {
    using Server::Server;
};

HttpServer::HttpServer(Service& service, ServerOptions options) : impl_(std::make_unique<Impl>(service, std::move(options))) {}

HttpServer::~HttpServer() { impl_->pool.join(); }

int HttpServer::bind() {
    const ServerOptions& o = impl_->options;
    const std::string host = o.host == "[::1]" ? "::1" : o.host;
    beast::error_code ec;
    const auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot listen on {}: not an address of this machine", o.host));
    auto& a = impl_->acceptor;
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(o.port));
    a.open(endpoint.protocol(), ec);
    if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) a.bind(endpoint, ec);
    if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        if (o.port == 0) throw std::runtime_error(fmt::format("cannot listen on {}: no free port", o.host));
        throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", o.host, o.port));
    }
    return a.local_endpoint().port();
}

void HttpServer::run() {
    impl_->accept();
    std::vector<std::thread> threads;
    for (size_t i = 1; i < impl_->options.io_threads; ++i) threads.emplace_back([this] { impl_->io.run(); });
    impl_->io.run();
    for (auto& t : threads) t.join();
}

void HttpServer::stop() {
    net::post(impl_->io, [this] {
        impl_->stopping = true;
        beast::error_code ec;
        impl_->acceptor.close(ec);
        std::vector<std::shared_ptr<Connection>> all;
        {
            std::lock_guard lock(impl_->mutex);
            for (auto& [p, weak] : impl_->connections)
                if (auto c = weak.lock()) all.push_back(std::move(c));
        }
        for (auto& c : all) c->stop();
    });
}

uint64_t HttpServer::refused_connections() const { return impl_->refused.load(); }

}  // namespace inkoop::serve
