#include "core/base/io.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace inkoop {
namespace {

// --- removing temporary outputs on signals --------------------------------------------------------

constexpr int kSlots = 16;
char g_temp_paths[kSlots][4096];
std::atomic<bool> g_temp_used[kSlots];
std::mutex g_slots_mutex;
int g_handlers_installed = 0;
constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM};
struct sigaction g_previous[std::size(kCleanupSignals)];
struct sigaction g_previous_xfsz;

// Async-signal-safe: unlink every registered temporary file, then die of the signal as before.
void remove_temps_and_reraise(int sig) {
    for (int i = 0; i < kSlots; ++i)
        if (g_temp_used[i].load()) ::unlink(g_temp_paths[i]);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

int register_temp(const std::string& path) {
    std::lock_guard lock(g_slots_mutex);
    if (path.size() >= sizeof g_temp_paths[0]) return -1;
    for (int i = 0; i < kSlots; ++i) {
        if (g_temp_used[i].load()) continue;
        std::memcpy(g_temp_paths[i], path.c_str(), path.size() + 1);
        g_temp_used[i].store(true);
        if (g_handlers_installed++ == 0) {
            struct sigaction sa {};
            sa.sa_handler = remove_temps_and_reraise;
            sigemptyset(&sa.sa_mask);
            for (size_t s = 0; s < std::size(kCleanupSignals); ++s) {
                sigaction(kCleanupSignals[s], nullptr, &g_previous[s]);
                // A signal the parent told us to ignore stays ignored.
                if (g_previous[s].sa_handler != SIG_IGN) sigaction(kCleanupSignals[s], &sa, nullptr);
            }
            // A file-size limit makes write() fail with EFBIG instead of killing the process.
            struct sigaction ign {};
            ign.sa_handler = SIG_IGN;
            sigaction(SIGXFSZ, &ign, &g_previous_xfsz);
        }
        return i;
    }
    return -1;
}

void unregister_temp(int slot) {
    if (slot < 0) return;
    std::lock_guard lock(g_slots_mutex);
    g_temp_used[slot].store(false);
    if (--g_handlers_installed == 0) {
        for (size_t s = 0; s < std::size(kCleanupSignals); ++s)
            if (g_previous[s].sa_handler != SIG_IGN) sigaction(kCleanupSignals[s], &g_previous[s], nullptr);
        sigaction(SIGXFSZ, &g_previous_xfsz, nullptr);
    }
}

std::string directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// ".out.jsonl.inkoop-" : the prefix of every temporary file for out.jsonl.
std::string temp_prefix(const std::string& path) { return "." + base_of(path) + ".inkoop-"; }

// Temporary files of earlier runs for the same output: those of processes that no longer exist
// are removed (a run killed with SIGKILL leaves one), those of running processes are named.
std::vector<std::string> clean_stale_temps(const std::string& path) {
    std::vector<std::string> notes;
    const std::string dir = directory_of(path), prefix = temp_prefix(path);
    DIR* d = ::opendir(dir.c_str());
    if (!d) return notes;
    while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.rfind(prefix, 0) != 0 || name.size() < prefix.size() + 5 || name.substr(name.size() - 4) != ".tmp") continue;
        const std::string digits = name.substr(prefix.size(), name.size() - 4 - prefix.size());
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
        const auto pid = static_cast<pid_t>(std::stol(digits));
        const std::string full = dir + "/" + name;
        if (pid == ::getpid()) continue;
        if (::kill(pid, 0) == -1 && errno == ESRCH) {
            if (::unlink(full.c_str()) == 0)
                notes.push_back(
                    fmt::format("{}: removed an unfinished output left by an earlier run (process {}) that was killed", full, pid));
        } else {
            notes.push_back(fmt::format("{}: process {} is writing the same output now", full, pid));
        }
    }
    ::closedir(d);
    return notes;
}

}  // namespace

std::string system_reason(int err) { return std::strerror(err); }

std::string display_name(const std::string& path) { return path == "-" ? "standard input" : path; }

// --- input -------------------------------------------------------------------------------------

FdSource::FdSource(int fd, std::string name, bool owned) : fd_(fd), name_(std::move(name)), owned_(owned) {}

FdSource::~FdSource() {
    if (owned_) ::close(fd_);
}

size_t FdSource::read(char* buf, size_t n) {
    for (;;) {
        const ssize_t got = ::read(fd_, buf, n);
        if (got >= 0) return static_cast<size_t>(got);
        if (errno == EINTR) continue;
        throw FileError(fmt::format("{}: cannot read: {}", display_name(name_), system_reason(errno)));
    }
}

size_t StringSource::read(char* buf, size_t n) {
    const size_t k = std::min<size_t>({n, step_, text_.size() - pos_});
    std::memcpy(buf, text_.data() + pos_, k);
    pos_ += k;
    return k;
}

size_t ViewSource::read(char* buf, size_t n) {
    const size_t k = std::min(n, text_.size() - pos_);
    std::memcpy(buf, text_.data() + pos_, k);
    pos_ += k;
    return k;
}

OpenedInput open_input(const std::string& path) {
    OpenedInput in;
    struct stat st {};
    if (path == "-") {
        if (::fstat(STDIN_FILENO, &st) != 0) throw FileError(fmt::format("standard input: cannot read: {}", system_reason(errno)));
        in.source = std::make_unique<FdSource>(STDIN_FILENO, path, false);
    } else {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw FileError(fmt::format("{}: cannot open: {}", path, system_reason(errno)));
        if (::fstat(fd, &st) != 0) {
            const int err = errno;
            ::close(fd);
            throw FileError(fmt::format("{}: cannot open: {}", path, system_reason(err)));
        }
        in.source = std::make_unique<FdSource>(fd, path, true);
    }
    if (S_ISDIR(st.st_mode)) throw FileError(fmt::format("{}: is a directory, not a file", display_name(path)));
    if (S_ISREG(st.st_mode)) in.size = static_cast<uint64_t>(st.st_size);
    return in;
}

std::string read_file(const std::string& path, size_t max) {
    OpenedInput in = open_input(path);
    std::string text;
    char buf[65536];
    for (size_t n; (n = in.source->read(buf, sizeof buf)) > 0;) {
        if (text.size() + n > max) throw FileError(fmt::format("{}: larger than {} bytes", display_name(path), max));
        text.append(buf, n);
    }
    return text;
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {
    }, sb{};
    if (a == "-" || b == "-") return false;
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

// --- output ------------------------------------------------------------------------------------

namespace {

void write_all(int fd, std::string_view bytes, const std::string& name) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EPIPE) throw BrokenPipe();
            throw FileError(fmt::format("{}: cannot write: {}", name, system_reason(errno)));
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

}  // namespace

void FdWriter::write(std::string_view bytes) { write_all(fd_, bytes, name_); }

bool FdStreamBuf::drain() {
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    setp(buf_, buf_ + sizeof buf_);
    if (error_) return false;
    while (left > 0) {
        const ssize_t n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            error_ = n < 0 ? errno : EIO;
            return false;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return true;
}

FdStreamBuf::int_type FdStreamBuf::overflow(int_type c) {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

int FdStreamBuf::sync() { return drain() ? 0 : -1; }

namespace {
constexpr uint64_t kSyncStep = uint64_t{32} << 20;
}  // namespace

// The output flushed to disk while it is written: fdatasync on a thread of its own after every
// kSyncStep bytes. Without it a machine with memory to spare keeps the whole output in the page
// cache until commit()'s fsync, which then stalls the run's end for as long as the disk takes to
// write all of it (0.3 s for 160 MB here, varying from run to run with what else the disk does).
// With it the disk writes while the run decides, and commit()'s fsync finds little left. That
// fsync stays what makes the output complete; a failed flush here fails commit().
struct OutputFile::Syncer {
    explicit Syncer(int fd) : fd_(fd), thread_([this] { run(); }) {}
    ~Syncer() { finish(); }
    Syncer(const Syncer&) = delete;
    Syncer& operator=(const Syncer&) = delete;
    void request() {
        {
            std::lock_guard lock(mutex_);
            ++requested_;
        }
        wake_.notify_one();
    }
    // Stops the thread (a flush under way ends first); the errno of the first flush that failed, or 0.
    int finish() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_one();
        if (thread_.joinable()) thread_.join();
        return error_;
    }

private:
    void run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [this] { return stop_ || requested_ != done_; });
            if (stop_) return;  // what is left is commit()'s fsync's
            const uint64_t now = requested_;
            lock.unlock();
            const int rc = ::fdatasync(fd_);
            const int err = errno;
            lock.lock();
            if (rc != 0 && error_ == 0) error_ = err;
            done_ = now;
        }
    }
    int fd_;
    std::mutex mutex_;
    std::condition_variable wake_;
    uint64_t requested_ = 0, done_ = 0;
    bool stop_ = false;
    int error_ = 0;
    std::thread thread_;  // last: it starts once the members above are made
};

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) throw FileError(fmt::format("{}: is a directory, not a file", path_));
        if (!S_ISREG(st.st_mode)) direct_ = true;  // a FIFO or a device: written as it is
    }
    if (direct_) {
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd_ < 0) throw FileError(fmt::format("{}: cannot write: {}", path_, system_reason(errno)));
        return;
    }
    notes_ = clean_stale_temps(path_);
    temp_ = fmt::format("{}/{}{}.tmp", directory_of(path_), temp_prefix(path_), ::getpid());
    slot_ = register_temp(temp_);
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) {
        const int err = errno;
        unregister_temp(slot_);
        slot_ = -1;
        throw FileError(fmt::format("{}: cannot write: {}", path_, system_reason(err)));
    }
}

OutputFile::~OutputFile() {
    syncer_.reset();  // before the file it flushes is closed
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !direct_ && !temp_.empty()) ::unlink(temp_.c_str());
    unregister_temp(slot_);
}

const std::string& OutputFile::external_path() {
    if (direct_) throw FileError(fmt::format("{}: this format must be written to a regular file", path_));
    external_ = true;
    return temp_;
}

void OutputFile::fail(const char* what, int err) { throw FileError(fmt::format("{}: {}: {}", path_, what, system_reason(err))); }

void OutputFile::write(std::string_view bytes) {
    if (fd_ < 0) throw FileError(fmt::format("{}: already closed", path_));
    write_all(fd_, bytes, path_);
    written_ += bytes.size();
    if (direct_ || written_ / kSyncStep == synced_step_) return;
    synced_step_ = written_ / kSyncStep;
    if (!syncer_) syncer_ = std::make_unique<Syncer>(fd_);
    syncer_->request();
}

void OutputFile::commit() {
    if (direct_) {
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) fail("cannot write", errno);
        committed_ = true;
        return;
    }
    if (syncer_) {
        const int err = syncer_->finish();
        syncer_.reset();
        if (err != 0) fail("cannot write", err);
    }
    if (external_) {  // written by a library through the path: sync what is at the path now
        ::close(fd_);
        fd_ = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) fail("cannot write", errno);
    }
    if (::fsync(fd_) != 0) fail("cannot write", errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("cannot write", errno);
    if (::rename(temp_.c_str(), path_.c_str()) != 0) fail("cannot put the finished output in place", errno);
    committed_ = true;
    const int dir = ::open(directory_of(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        const int rc = ::fsync(dir);
        const int err = errno;
        ::close(dir);
        if (rc != 0 && err != EINVAL) fail("cannot write its directory", err);
    }
}

void write_file_atomically(const std::string& path, std::string_view text) {
    OutputFile f(path);
    f.write(text);
    f.commit();
}

StagedFolder::StagedFolder(const std::string& final_dir, std::string what) : what_(std::move(what)) {
    namespace fs = std::filesystem;
    const fs::path f = fs::absolute(final_dir).lexically_normal();
    if (fs::exists(f) && (!fs::is_directory(f) || !fs::is_empty(f)))
        throw FileError(fmt::format("{}: exists and is not an empty folder; {} go to a new (or empty) folder", final_dir, what_));
    final_ = f.string();
    path_ = (f.parent_path() / fmt::format(".{}.part-{}", f.filename().string(), ::getpid())).string();
    std::error_code ec;
    fs::create_directory(path_, ec);
    if (ec) throw FileError(fmt::format("{}: cannot create: {}", path_, ec.message()));
}

StagedFolder::~StagedFolder() {
    if (!kept_) {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
}

void StagedFolder::commit() {
    const int fd = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::syncfs(fd) != 0) {
        const int err = errno;
        if (fd >= 0) ::close(fd);
        throw FileError(fmt::format("{}: cannot sync the {}: {}", path_, what_, system_reason(err)));
    }
    ::close(fd);
    if (::rename(path_.c_str(), final_.c_str()) != 0)
        throw FileError(fmt::format("{}: cannot move the {} into place: {}", final_, what_, system_reason(errno)));
    kept_ = true;
}

void LineWriter::write(std::string_view bytes) {
    size_t start = 0;
    for (size_t nl; (nl = bytes.find('\n', start)) != std::string_view::npos; start = nl + 1) {
        if (pending_.empty()) {
            on_line_(bytes.substr(start, nl - start));
        } else {
            pending_.append(bytes.substr(start, nl - start));
            on_line_(pending_);
            pending_.clear();
        }
    }
    pending_.append(bytes.substr(start));
}

void LineWriter::finish() {
    if (pending_.empty()) return;
    on_line_(pending_);
    pending_.clear();
}

}  // namespace inkoop
