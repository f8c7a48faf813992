#include "core/run/batch.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <fmt/format.h>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace inkoop {
namespace {

using Clock = std::chrono::steady_clock;

constexpr uint8_t kFailed = 5, kNotDecided = 6;  // after the Category values
constexpr uint32_t kNoAgb = UINT32_MAX;

// One row as the worker left it: where its records and lines end, and what the writer tallies.
struct RowMark {
    size_t row = 0;
    uint32_t agb = kNoAgb;  // the 8-digit AGB as a number
    bool rejected = false;
    uint32_t flags = 0;  // what the sink returned: kRowFlagged and the row's change kinds
    uint32_t failures = 0;
    size_t out_end = 0, err_end = 0;  // each row's text starts where the previous one's ends
};

// A ground cited in the decision of row `slot / policies` under policy `slot % policies`. The
// strings belong to the worker's policy, alive for the whole run.
struct GroundMark {
    size_t slot;
    const std::string* section;
    const std::string* code;
};

// What a worker made of one chunk.
struct Done {
    std::string out, err;
    std::vector<RowMark> rows;
    std::vector<uint8_t> outcomes;  // per row and policy: an Outcome, kFailed or kNotDecided
    std::vector<GroundMark> grounds;
    std::vector<std::string> notes;
};

uint32_t agb_number(std::string_view s) {
    if (s.size() != 8) return kNoAgb;
    uint32_t n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return kNoAgb;
        n = n * 10 + static_cast<uint32_t>(c - '0');
    }
    return n;
}

// Shared state of one run: the queue of chunks to decide and the finished ones to write.
class Pipeline {
public:
    explicit Pipeline(size_t max_in_flight) : max_in_flight_(max_in_flight) {}

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
        if (free_.size() < 2) free_.push_back(std::move(c));
    }

    Done spare() {
        std::lock_guard lock(m_);
        if (spare_.empty()) return {};
        Done d = std::move(spare_.back());
        spare_.pop_back();
        return d;
    }

    void give_back(Done d) {
        std::lock_guard lock(m_);
        if (spare_.size() < 2) spare_.push_back(std::move(d));
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

    std::optional<Done> take(size_t seq) {
        std::unique_lock lock(m_);
        ready_.wait(lock, [&] { return done_.count(seq) || (closed_ && seq >= total_) || stopping_; });
        auto it = done_.find(seq);
        if (it == done_.end() || stopping_) return std::nullopt;
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
    std::vector<Done> spare_;
    std::map<size_t, Done> done_;
    size_t max_in_flight_, in_flight_ = 0, total_ = 0;
    bool closed_ = false, stopping_ = false;
    std::exception_ptr error_;
};

// Decodes and decides every row of a chunk under every policy, and renders it.
class Worker {
public:
    Worker(const ColumnMap& columns, InputFormat format, std::unique_ptr<Evaluator> ev, std::unique_ptr<RowSink> sink)
        : decoder_(format, columns, *columns.schema), ev_(std::move(ev)), sink_(std::move(sink)), provider_(*columns.schema) {
        result_.decisions.resize(ev_->policy_count());
        result_.failures.resize(ev_->policy_count());
        result_.provider = &provider_;
        result_.problems = &problems_;
    }

    void process(RawChunk& chunk, Done& d) {
        d.out.clear();
        d.err.clear();
        d.rows.clear();
        d.outcomes.clear();
        d.grounds.clear();
        d.notes = std::move(chunk.notes);
        const size_t policies = ev_->policy_count();
        for (const auto& rec : chunk.records) {
            if (!decoder_.decode(chunk, rec, provider_, problems_)) continue;  // a blank row
            RowMark m;
            m.row = result_.row = rec.row;
            m.rejected = result_.rejected();
            const size_t slot0 = d.rows.size() * policies;
            if (m.rejected) {
                m.agb = agb_number(problems_.agb);
                d.outcomes.insert(d.outcomes.end(), policies, kNotDecided);
            } else {
                m.agb = agb_number(provider_.agb_view());
                for (size_t i = 0; i < policies; ++i) {
                    EvalFailure failure;
                    if (ev_->decide(i, provider_, result_.decisions[i], failure)) {
                        result_.failures[i].reset();
                        const Decision& dec = result_.decisions[i];
                        d.outcomes.push_back(static_cast<uint8_t>(category_of(dec)));
                        for (const auto& g : dec.grounds) d.grounds.push_back({slot0 + i, &g.section.str(), &g.code.str()});
                    } else {
                        result_.failures[i] = std::move(failure);
                        d.outcomes.push_back(kFailed);
                        ++m.failures;
                    }
                }
            }
            m.flags = sink_->row(result_, *ev_, d.out, d.err);
            m.out_end = d.out.size();
            m.err_end = d.err.size();
            d.rows.push_back(m);
        }
    }

private:
    RecordDecoder decoder_;
    std::unique_ptr<Evaluator> ev_;
    std::unique_ptr<RowSink> sink_;
    Provider provider_;
    RowProblems problems_;
    RowResult result_;
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

// AGB -> the first row that had it: open addressing, 8 bytes a slot.
class AgbRows {
public:
    // The earlier row with `agb`, or 0 after remembering `row` as the first.
    size_t first(uint32_t agb, size_t row) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        size_t i = hash(agb) & (slots_.size() - 1);
        for (;; i = (i + 1) & (slots_.size() - 1)) {
            Slot& s = slots_[i];
            if (s.agb == kNoAgb) {
                s = {agb, static_cast<uint32_t>(std::min<size_t>(row, UINT32_MAX))};
                ++used_;
                return 0;
            }
            if (s.agb == agb) return s.row;
        }
    }

private:
    struct Slot {
        uint32_t agb = kNoAgb, row = 0;
    };
    static size_t hash(uint32_t x) { return (static_cast<uint64_t>(x) * 0x9E3779B97F4A7C15ULL) >> 20; }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 4096 : old.size() * 2, Slot{});
        used_ = 0;
        for (const Slot& s : old)
            if (s.agb != kNoAgb) first(s.agb, s.row);
    }
    std::vector<Slot> slots_;
    size_t used_ = 0;
};

// The writer's side: puts finished chunks out in input order and accounts for every row.
class Accountant {
public:
    Accountant(RowSink& sink, Writer& out, std::ostream& err, const BatchOptions& o, size_t policies, Progress& progress)
        : sink_(sink), out_(out), err_(err), o_(o), policies_(policies), progress_(progress) {
        stats_.policies.resize(policies);
    }

    void begin() {
        std::string header;
        sink_.begin(header);
        if (!header.empty()) out_.write(header);
    }

    void take(const Done& d) {
        for (const auto& note : d.notes) say(fmt::format("inkoop: {}\n", note));
        size_t out_from = 0, out_begin = 0, err_begin = 0, g = 0;
        for (size_t r = 0; r < d.rows.size(); ++r) {
            const RowMark& m = d.rows[r];
            ++stats_.rows;
            bool replaced = false;
            if (m.agb != kNoAgb) {
                if (const size_t first = agbs_.first(m.agb, m.row)) {
                    ++stats_.duplicates;
                    replaced = o_.strict && !m.rejected;
                    const Lang L = sink_.lang();
                    capped(duplicates_,
                           fmt::format(fmt::runtime(tr(L, "inkoop: {}: row {}: AGB {:08} is also on row {}{}")),
                                       display_name(o_.input_name), m.row, m.agb, first, replaced ? tr(L, ": rejected (--strict)") : "") +
                               "\n");
                    if (replaced) {
                        if (out_begin > out_from) out_.write(std::string_view(d.out).substr(out_from, out_begin - out_from));
                        std::string record;
                        sink_.duplicate_record(fmt::format("{:08}", m.agb), m.row, first, record);
                        out_.write(record);
                        out_from = m.out_end;
                    }
                }
            }
            const size_t slot_end = (r + 1) * policies_;
            if (replaced || m.rejected) {
                ++stats_.rejected;
                if (!replaced) capped(rejected_, d.err.substr(err_begin, m.err_end - err_begin));
            } else {
                ++stats_.decided;
                stats_.failures += m.failures;
                if (m.flags & kRowFlagged) ++stats_.flagged;
                for (size_t p = 0; p < policies_; ++p) {
                    const uint8_t o = d.outcomes[r * policies_ + p];
                    if (o == kFailed) {
                        ++stats_.policies[p].failed;
                    } else if (o == static_cast<uint8_t>(Category::OutOfScope)) {  // a refusal, counted apart
                        ++stats_.policies[p].outcomes[static_cast<size_t>(Outcome::Refuse)];
                        ++stats_.policies[p].out_of_scope;
                    } else if (o < kCategories) {
                        ++stats_.policies[p].outcomes[o];
                    }
                }
                if (policies_ >= 2 && d.outcomes[r * policies_] < kCategories && d.outcomes[r * policies_ + 1] < kCategories)
                    sink_.count_pair(static_cast<Category>(d.outcomes[r * policies_]), static_cast<Category>(d.outcomes[r * policies_ + 1]),
                                     m.flags & ~kRowFlagged);
                if (m.err_end > err_begin) capped(failures_, d.err.substr(err_begin, m.err_end - err_begin));
                for (; g < d.grounds.size() && d.grounds[g].slot < slot_end; ++g) {
                    const GroundMark& gm = d.grounds[g];
                    ++grounds_[Key{gm.slot % policies_, gm.section, gm.code}];
                }
            }
            while (g < d.grounds.size() && d.grounds[g].slot < slot_end) ++g;
            out_begin = m.out_end;
            err_begin = m.err_end;
        }
        if (d.out.size() > out_from) out_.write(std::string_view(d.out).substr(out_from));
        progress_.update(stats_.rows, bytes_);
    }

    void set_bytes(uint64_t b) { bytes_ = b; }

    // The counts of what was not shown; the ground tallies as text (while the policies live).
    BatchStats finish() {
        progress_.clear();
        const std::string file = display_name(o_.input_name);
        if (rejected_.hidden)
            err_ << fmt::format("inkoop: {}: {} more rejected rows not shown here (each is an error record in the output)\n", file,
                                rejected_.hidden);
        if (failures_.hidden) err_ << fmt::format("inkoop: {}: {} more rows a policy failed on not shown here\n", file, failures_.hidden);
        if (duplicates_.hidden) err_ << fmt::format("inkoop: {}: {} more duplicate AGB codes not shown here\n", file, duplicates_.hidden);
        for (const auto& [k, n] : grounds_) stats_.policies[k.policy].grounds[*k.section + " " + *k.code] += n;
        return stats_;
    }

private:
    struct Key {
        size_t policy;
        const std::string* section;
        const std::string* code;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const {
            return std::hash<const void*>()(k.code) ^ (std::hash<const void*>()(k.section) * 31) ^ k.policy;
        }
    };

    void say(std::string_view text) {
        progress_.clear();
        err_ << text;
    }

    // Shows `text` while fewer than the allowed lines of its kind were shown; counts it otherwise.
    // Messages of one kind on standard error: the first o_.shown_errors shown, the rest counted.
    struct Capped {
        size_t shown = 0, hidden = 0;
    };
    void capped(Capped& kind, std::string_view text) {
        if (text.empty()) return;
        if (kind.shown < o_.shown_errors) {
            ++kind.shown;
            say(text);
        } else {
            ++kind.hidden;
        }
    }

    RowSink& sink_;
    Writer& out_;
    std::ostream& err_;
    const BatchOptions& o_;
    size_t policies_;
    Progress& progress_;
    BatchStats stats_;
    AgbRows agbs_;
    std::unordered_map<Key, size_t, KeyHash> grounds_;
    Capped rejected_, failures_, duplicates_;
    uint64_t bytes_ = 0;
};

void read_chunk_notes(RecordSource& source, RawChunk& chunk) {
    auto notes = source.take_notes();
    chunk.notes.insert(chunk.notes.end(), std::make_move_iterator(notes.begin()), std::make_move_iterator(notes.end()));
}

// One job: read, decide and write in this thread, one chunk at a time.
BatchStats run_inline(RecordSource& source, const ColumnMap& columns, const EvaluatorFactory& make_evaluator, RowSink& sink, Writer& out,
                      std::ostream& err, const BatchOptions& options) {
    auto ev = make_evaluator();
    const size_t policies = ev->policy_count();
    Worker worker(columns, source.format(), std::move(ev), sink.clone());
    Progress progress(err, options.progress, options.input_bytes);
    Accountant acc(sink, out, err, options, policies, progress);
    acc.begin();
    RawChunk chunk;
    Done d;
    read_chunk_notes(source, chunk);
    while (source.read(chunk, options.chunk_rows)) {
        read_chunk_notes(source, chunk);
        worker.process(chunk, d);
        acc.set_bytes(source.bytes_read());
        acc.take(d);
        chunk.clear();
    }
    return acc.finish();
}

}  // namespace

BatchStats run_batch(RecordSource& source, const ColumnMap& columns, const EvaluatorFactory& make_evaluator, RowSink& sink, Writer& out,
                     std::ostream& err, const BatchOptions& options) {
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
    size_t policies = 0;
    for (int i = 0; i < jobs; ++i) {
        auto ev = make_evaluator();
        policies = ev->policy_count();
        workers.push_back(std::make_unique<Worker>(columns, source.format(), std::move(ev), sink.clone()));
    }

    std::vector<std::thread> threads;
    for (auto& w : workers)
        threads.emplace_back([&pipe, &w] {
            try {
                while (auto chunk = pipe.pop()) {
                    Done d = pipe.spare();
                    w->process(*chunk, d);
                    pipe.finish(chunk->seq, std::move(d));
                    pipe.recycle(std::move(*chunk));
                }
            } catch (...) {
                pipe.stop(std::current_exception());
            }
        });

    Progress progress(err, options.progress, options.input_bytes);
    Accountant acc(sink, out, err, options, policies, progress);
    std::thread writer([&] {
        try {
            acc.begin();
            for (size_t seq = 0;; ++seq) {
                auto d = pipe.take(seq);
                if (!d) break;
                acc.set_bytes(bytes.load());
                acc.take(*d);
                pipe.give_back(std::move(*d));
            }
        } catch (...) {
            pipe.stop(std::current_exception());
        }
    });

    size_t seq = 0;
    try {
        RawChunk first_notes;
        read_chunk_notes(source, first_notes);
        for (;;) {
            RawChunk chunk = pipe.fresh();
            chunk.seq = seq;
            chunk.notes = std::move(first_notes.notes);
            first_notes.notes.clear();
            if (!source.read(chunk, options.chunk_rows)) break;
            read_chunk_notes(source, chunk);
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
    BatchStats stats = acc.finish();
    stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return stats;
}

}  // namespace inkoop
