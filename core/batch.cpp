#include "batch.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <thread>

namespace inkoop {
namespace {

using Clock = std::chrono::steady_clock;

struct Done {
    std::string out, err;
    size_t rows = 0, rejected = 0, failures = 0;
};

// Shared state of one run: the queue of chunks to decide and the finished ones to write.
class Pipeline {
public:
    Pipeline(size_t max_in_flight) : max_in_flight_(max_in_flight) {}

    // Reader: waits for room, then queues a chunk. False when the run is stopping.
    bool push(RawChunk chunk) {
        std::unique_lock lock(m_);
        room_.wait(lock, [&] { return in_flight_ < max_in_flight_ || stopping_; });
        if (stopping_) return false;
        ++in_flight_;
        todo_.push_back(std::move(chunk));
        work_.notify_one();
        return true;
    }

    void close(size_t total_chunks) {
        std::lock_guard lock(m_);
        total_ = total_chunks;
        closed_ = true;
        work_.notify_all();
        ready_.notify_all();
    }

    // Worker: the next chunk, or nullopt when there is none and will be none.
    // Reader: an empty chunk, reusing the buffers of one already decided.
    RawChunk fresh() {
        std::lock_guard lock(m_);
        if (free_.empty()) return {};
        RawChunk c = std::move(free_.back());
        free_.pop_back();
        c.clear();
        return c;
    }

    void recycle(RawChunk c) {
        std::lock_guard lock(m_);
        if (free_.size() < 2) free_.push_back(std::move(c));  // enough to keep the reader supplied
    }

    // Output buffers go round too: written ones come back to the workers with their capacity.
    std::string spare_buffer() {
        std::lock_guard lock(m_);
        if (spare_out_.empty()) return {};
        std::string s = std::move(spare_out_.back());
        spare_out_.pop_back();
        s.clear();
        return s;
    }

    void return_buffer(std::string s) {
        std::lock_guard lock(m_);
        if (spare_out_.size() < 2) spare_out_.push_back(std::move(s));
    }

    std::optional<RawChunk> pop() {
        std::unique_lock lock(m_);
        work_.wait(lock, [&] { return !todo_.empty() || closed_ || stopping_; });
        if (todo_.empty() || stopping_) return std::nullopt;
        RawChunk c = std::move(todo_.front());
        todo_.pop_front();
        return c;
    }

    void finish(size_t seq, Done d) {
        std::lock_guard lock(m_);
        done_.emplace(seq, std::move(d));
        ready_.notify_all();
    }

    // Writer: the chunk `seq` once decided, or nullopt after the last one.
    std::optional<Done> take(size_t seq) {
        std::unique_lock lock(m_);
        ready_.wait(lock, [&] { return done_.count(seq) || (closed_ && seq >= total_) || stopping_; });
        auto it = done_.find(seq);
        if (it == done_.end()) return std::nullopt;
        Done d = std::move(it->second);
        done_.erase(it);
        --in_flight_;
        room_.notify_one();
        return d;
    }

    void stop(std::exception_ptr e) {
        std::lock_guard lock(m_);
        if (!error_) error_ = e;
        stopping_ = true;
        work_.notify_all();
        ready_.notify_all();
        room_.notify_all();
    }

    std::exception_ptr error() {
        std::lock_guard lock(m_);
        return error_;
    }

private:
    std::mutex m_;
    std::condition_variable work_, ready_, room_;
    std::deque<RawChunk> todo_;
    std::vector<RawChunk> free_;
    std::vector<std::string> spare_out_;
    std::map<size_t, Done> done_;
    size_t max_in_flight_, in_flight_ = 0, total_ = 0;
    bool closed_ = false, stopping_ = false;
    std::exception_ptr error_;
};

// Decides every row of a chunk under every policy.
class Worker {
public:
    Worker(const ColumnMap& columns, InputFormat format, std::unique_ptr<Evaluator> ev, std::unique_ptr<RowSink> sink)
        : columns_(columns), format_(format), ev_(std::move(ev)), sink_(std::move(sink)) {
        result_.decisions.resize(ev_->policy_count());
        result_.failures.resize(ev_->policy_count());
    }

    Done process(RawChunk& chunk, std::string buffer = {}) {
        Done d;
        d.out = std::move(buffer);
        d.out.clear();
        d.out.reserve(out_capacity_);
        const auto row_done = [&](size_t row) { handle_row(row, d); };
        if (format_ == InputFormat::Csv) {
            decode_csv_block(chunk, columns_, schema_, provider_, result_.input_errors, row_done);
        } else {
            for (const auto& rec : chunk.records) {
                result_.input_errors.clear();
                record_to_provider(chunk, rec, format_, columns_, schema_, provider_, result_.input_errors);
                row_done(rec.row);
            }
        }
        out_capacity_ = std::max(out_capacity_, d.out.size());
        return d;
    }

    const RowSink& sink() const { return *sink_; }

private:
    // One record read into provider_ (with its input errors): decide it and hand it to the sink.
    void handle_row(size_t row, Done& d) {
        result_.row = row;
        result_.provider = &provider_;
        if (result_.input_errors.empty()) decide_all(d);
        else ++d.rejected;
        sink_->row(result_, *ev_, d.out, d.err);
        ++d.rows;
    }

    void decide_all(Done& d) {
        for (size_t i = 0; i < ev_->policy_count(); ++i) {
            EvalFailure failure;
            if (ev_->decide(i, provider_, result_.decisions[i], failure)) {
                result_.failures[i].reset();
            } else {
                result_.failures[i] = std::move(failure);
                ++d.failures;
            }
        }
    }

    const ColumnMap& columns_;
    InputFormat format_;
    const Schema& schema_ = Schema::builtin();
    std::unique_ptr<Evaluator> ev_;
    std::unique_ptr<RowSink> sink_;
    Provider provider_;
    RowResult result_;
    size_t out_capacity_ = 0;
};

// Keeps a one-line progress report on standard error up to date.
class Progress {
public:
    Progress(std::ostream& err, bool enabled, uint64_t total_bytes)
        : err_(err), enabled_(enabled), total_(total_bytes), start_(Clock::now()) {}

    void update(size_t rows, uint64_t bytes) {
        if (!enabled_) return;
        const auto now = Clock::now();
        if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(250)) return;
        last_ = now;
        const double secs = std::chrono::duration<double>(now - start_).count();
        std::string line = fmt::format("\r{} rows  {:.0f} rows/s", rows, rows / secs);
        if (total_) line += fmt::format("  {:.0f}% of input", 100.0 * static_cast<double>(bytes) / static_cast<double>(total_));
        err_ << line << "   " << std::flush;
        shown_ = true;
    }

    void clear() {
        if (shown_) err_ << "\r\033[K" << std::flush;
        shown_ = false;
    }

private:
    std::ostream& err_;
    bool enabled_;
    uint64_t total_;
    Clock::time_point start_, last_{};
    bool shown_ = false;
};

}  // namespace

namespace {

// One job: read, decide and write in this thread, one chunk at a time.
BatchStats run_inline(RecordSource& source, const ColumnMap& columns, const EvaluatorFactory& make_evaluator,
                      RowSink& sink, std::ostream& out, std::ostream& err, const BatchOptions& options) {
    Worker worker(columns, source.format(), make_evaluator(), sink.clone());
    Progress progress(err, options.progress, options.input_bytes);
    BatchStats stats;
    std::string header;
    sink.begin(header);
    out << header;
    RawChunk chunk;
    while (source.read(chunk, options.chunk_rows)) {
        const Done d = worker.process(chunk);
        out << d.out;
        if (!d.err.empty()) progress.clear();
        err << d.err;
        stats.rows += d.rows;
        stats.rejected += d.rejected;
        stats.failures += d.failures;
        progress.update(stats.rows, source.bytes_read());
        chunk.clear();
    }
    progress.clear();
    out.flush();
    sink.merge(worker.sink());
    return stats;
}

}  // namespace

BatchStats run_batch(RecordSource& source, const ColumnMap& columns, const EvaluatorFactory& make_evaluator,
                     RowSink& sink, std::ostream& out, std::ostream& err, const BatchOptions& options) {
    const auto start = Clock::now();
    const int jobs = std::max(1, options.jobs);
    if (jobs == 1) {
        BatchStats stats = run_inline(source, columns, make_evaluator, sink, out, err, options);
        stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        return stats;
    }
    Pipeline pipe(static_cast<size_t>(jobs) * 3);
    std::atomic<uint64_t> bytes{0};

    // Workers are built up front so that a policy that fails to load stops the run before it starts.
    std::vector<std::unique_ptr<Worker>> workers;
    for (int i = 0; i < jobs; ++i)
        workers.push_back(std::make_unique<Worker>(columns, source.format(), make_evaluator(), sink.clone()));

    std::vector<std::thread> threads;
    for (auto& w : workers)
        threads.emplace_back([&pipe, &w] {
            try {
                while (auto chunk = pipe.pop()) {
                    Done d = w->process(*chunk, pipe.spare_buffer());
                    pipe.finish(chunk->seq, std::move(d));
                    pipe.recycle(std::move(*chunk));
                }
            } catch (...) {
                pipe.stop(std::current_exception());
            }
        });

    BatchStats stats;
    std::thread writer([&] {
        try {
            Progress progress(err, options.progress, options.input_bytes);
            std::string header;
            sink.begin(header);
            out << header;
            for (size_t seq = 0;; ++seq) {
                auto d = pipe.take(seq);
                if (!d) break;
                out << d->out;
                if (!d->err.empty()) progress.clear();  // error lines go above the progress line
                err << d->err;
                pipe.return_buffer(std::move(d->out));
                stats.rows += d->rows;
                stats.rejected += d->rejected;
                stats.failures += d->failures;
                progress.update(stats.rows, bytes.load());
            }
            progress.clear();
            out.flush();
        } catch (...) {
            pipe.stop(std::current_exception());
        }
    });

    size_t seq = 0;
    try {
        for (;;) {
            RawChunk chunk = pipe.fresh();
            chunk.seq = seq;
            if (!source.read(chunk, options.chunk_rows)) break;
            bytes.store(source.bytes_read());
            if (!pipe.push(std::move(chunk))) break;
            ++seq;
        }
    } catch (...) {
        pipe.stop(std::current_exception());
    }
    pipe.close(seq);
    for (auto& t : threads) t.join();
    writer.join();
    if (auto e = pipe.error()) std::rethrow_exception(e);
    for (auto& w : workers) sink.merge(w->sink());
    stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return stats;
}

}  // namespace inkoop
