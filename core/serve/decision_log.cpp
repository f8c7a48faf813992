#include "core/serve/decision_log.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/io.hpp"

namespace inkoop::serve {

DecisionLog::DecisionLog(const std::string& path, size_t max_pending) : path_(path), max_pending_(max_pending) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw FileError(fmt::format("{}: cannot open the decision log: {}", path, std::strerror(errno)));
    writer_ = std::thread([this] { run(); });
}

DecisionLog::~DecisionLog() { close(); }

void DecisionLog::append(std::string_view lines) {
    {
        std::unique_lock lock(mutex_);
        drained_.wait(lock, [&] { return pending_.size() < max_pending_ || stop_; });
        pending_.append(lines);
    }
    wake_.notify_one();
}

void DecisionLog::close() {
    {
        std::lock_guard lock(mutex_);
        if (stop_ && !writer_.joinable()) return;
        stop_ = true;
    }
    wake_.notify_one();
    if (writer_.joinable()) writer_.join();
    if (fd_ >= 0) {
        if (::fsync(fd_) != 0 && errno != EINVAL)
            std::cerr << fmt::format("inkoop: {}: cannot flush the decision log: {}\n", path_, std::strerror(errno));
        ::close(fd_);
        fd_ = -1;
    }
}

uint64_t DecisionLog::written() const {
    std::lock_guard lock(mutex_);
    return written_;
}

uint64_t DecisionLog::failed() const {
    std::lock_guard lock(mutex_);
    return failed_;
}

void DecisionLog::cut_torn_line(std::string_view written) {
    const size_t torn = written.size() - (written.rfind('\n') + 1);  // npos + 1 is 0: no whole line
    if (torn == 0) return;
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && static_cast<size_t>(st.st_size) >= torn && ::ftruncate(fd_, st.st_size - static_cast<off_t>(torn)) == 0)
        return;
    std::cerr << fmt::format("inkoop: {}: the last line of the decision log is torn and could not be cut off: {}\n", path_,
                             std::strerror(errno));
}

void DecisionLog::run() {
    std::string batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return !pending_.empty() || stop_; });
            if (pending_.empty() && stop_) return;
            batch.swap(pending_);
            pending_.clear();
        }
        drained_.notify_all();
        const auto lines = static_cast<uint64_t>(std::count(batch.begin(), batch.end(), '\n'));
        size_t done = 0;
        int error = 0;
        while (done < batch.size()) {
            const ssize_t n = ::write(fd_, batch.data() + done, batch.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                error = n < 0 ? errno : EIO;
                break;
            }
            done += static_cast<size_t>(n);
        }
        if (error) cut_torn_line(std::string_view(batch).substr(0, done));
        std::lock_guard lock(mutex_);
        if (error) {
            if (!failed_)
                std::cerr << fmt::format("inkoop: {}: cannot write the decision log: {} (lines are counted as failed in /metrics)\n", path_,
                                         std::strerror(error));
            // The lines wholly written before the failure count as written, the rest as failed.
            const auto ok = static_cast<uint64_t>(std::count(batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(done), '\n'));
            written_ += ok;
            failed_ += lines - ok;
        } else {
            written_ += lines;
        }
        batch.clear();
    }
}

}  // namespace inkoop::serve
