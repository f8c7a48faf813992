// The decision log (serve --decision-log FILE), as Open Policy Agent keeps one: a JSON line per
// decision. Requests hand their lines to a writer thread and go on; the writer appends them to
// the file in batches and flushes. A clean shutdown (close()) writes every line handed in before
// it returns. When more than `max_pending` bytes wait (a disk far slower than the requests), a
// request waits for the writer rather than a line being dropped. A line the file refuses is
// counted as failed and reported once on standard error; the server says it is not ready then.
// A write that fails part-way leaves no torn line: what it wrote of its last line is cut off.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace inkoop::serve {

class DecisionLog {
public:
    // Opens `path` for appending (created when missing). Throws FileError.
    explicit DecisionLog(const std::string& path, size_t max_pending = size_t{64} << 20);
    ~DecisionLog();
    DecisionLog(const DecisionLog&) = delete;
    DecisionLog& operator=(const DecisionLog&) = delete;

    // Hands in lines (each ending in '\n').
    void append(std::string_view lines);
    // Writes every line handed in, then stops the writer and closes the file. Idempotent.
    void close();
    uint64_t written() const;
    uint64_t failed() const;
    bool healthy() const { return failed() == 0; }

private:
    void run();
    // After a write that failed part-way (`written` of a batch reached the file): cuts the torn
    // last line off the file, so that it holds whole lines only and later lines stay readable.
    void cut_torn_line(std::string_view written);
    std::string path_;
    int fd_ = -1;
    size_t max_pending_;
    mutable std::mutex mutex_;
    std::condition_variable wake_, drained_;
    std::string pending_;
    bool stop_ = false;
    uint64_t written_ = 0, failed_ = 0;  // lines
    std::thread writer_;
};

}  // namespace inkoop::serve
