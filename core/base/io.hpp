// Files in and out, with every system call checked. An output is complete or it is not there:
// OutputFile writes under a temporary name in the target's directory, fsyncs, renames into place
// and fsyncs the directory; on any failure, and on every signal that can be caught, the temporary
// file is removed. Inputs are read with read(2) from any kind of file (regular, FIFO, terminal,
// standard input), never seeked.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace inkoop {

// A problem with a whole file: the run stops (exit status 2). The message names the file and,
// where there is one, the system's reason.
struct FileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Writing to a pipe whose reader has gone: ends the program quietly, as other filters do.
struct BrokenPipe : std::runtime_error {
    BrokenPipe() : std::runtime_error("broken pipe") {}
};

// "No such file or directory" for errno values.
std::string system_reason(int err);
// How a path is named in messages ("standard input" for "-").
std::string display_name(const std::string& path);

// A stream of bytes.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Reads up to `n` bytes into `buf`; 0 at the end. Throws FileError on a read error.
    virtual size_t read(char* buf, size_t n) = 0;
    virtual const std::string& name() const = 0;
};

// Calls on_line(std::string_view) for every line of `in` (without its '\n'), and for what follows
// the last '\n' when there is something.
template <class OnLine>
void for_each_line(ByteSource& in, OnLine&& on_line) {
    std::string pending;
    char buf[65536];
    for (size_t n; (n = in.read(buf, sizeof buf)) > 0;) {
        pending.append(buf, n);
        size_t start = 0;
        for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1)
            on_line(std::string_view(pending).substr(start, nl - start));
        pending.erase(0, start);
    }
    if (!pending.empty()) on_line(std::string_view(pending));
}

// Bytes from a file descriptor.
class FdSource final : public ByteSource {
public:
    FdSource(int fd, std::string name, bool owned);
    ~FdSource() override;
    FdSource(const FdSource&) = delete;
    FdSource& operator=(const FdSource&) = delete;
    size_t read(char* buf, size_t n) override;
    const std::string& name() const override { return name_; }

private:
    int fd_;
    std::string name_;
    bool owned_;
};

// Bytes from memory, handed out at most `step` at a time (tests and fuzzers use small steps).
class StringSource final : public ByteSource {
public:
    explicit StringSource(std::string text, std::string name = "input", size_t step = SIZE_MAX)
        : text_(std::move(text)), name_(std::move(name)), step_(step) {}
    size_t read(char* buf, size_t n) override;
    const std::string& name() const override { return name_; }

private:
    std::string text_;
    std::string name_;
    size_t step_;
    size_t pos_ = 0;
};

// Bytes someone else keeps alive for as long as they are read (an upload in the server's buffer).
class ViewSource final : public ByteSource {
public:
    explicit ViewSource(std::string_view text, std::string name = "input") : text_(text), name_(std::move(name)) {}
    size_t read(char* buf, size_t n) override;
    const std::string& name() const override { return name_; }

private:
    std::string_view text_;
    std::string name_;
    size_t pos_ = 0;
};

struct OpenedInput {
    std::unique_ptr<ByteSource> source;
    std::optional<uint64_t> size;  // regular files only
};

// Opens `path` ("-" is standard input) for reading: a directory or an unreadable path is a
// FileError with the reason. FIFOs and /dev/stdin read as "-" does.
OpenedInput open_input(const std::string& path);

// The whole file (policies, test files): FileError naming it, with the reason; at most `max` bytes.
std::string read_file(const std::string& path, size_t max = size_t{64} << 20);

// True when both paths name the same existing file (also through links).
bool same_file(const std::string& a, const std::string& b);

// Somewhere to write bytes; every write is checked.
class Writer {
public:
    virtual ~Writer() = default;
    // Throws FileError (or BrokenPipe) when the bytes cannot be written.
    virtual void write(std::string_view bytes) = 0;
};

// Writes to a file descriptor (standard output): checked, EINTR retried, EPIPE -> BrokenPipe.
class FdWriter final : public Writer {
public:
    FdWriter(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
    void write(std::string_view bytes) override;

private:
    int fd_;
    std::string name_;
};

// A stream buffer over a file descriptor (the CLI's standard output) that remembers why a write
// failed: std::cout through it reports "No space left on device", not only that it failed.
class FdStreamBuf final : public std::streambuf {
public:
    explicit FdStreamBuf(int fd) : fd_(fd) { setp(buf_, buf_ + sizeof buf_); }
    ~FdStreamBuf() override { sync(); }
    // The errno of the first failed write, or 0.
    int error() const { return error_; }

protected:
    int_type overflow(int_type c) override;
    int sync() override;

private:
    bool drain();
    int fd_;
    int error_ = 0;
    char buf_[1 << 16];
};

// Collects bytes in memory (tests, and outputs assembled before they are written).
class StringWriter final : public Writer {
public:
    void write(std::string_view bytes) override { text.append(bytes); }
    std::string text;
};

// Hands every line written to it (without its '\n') to `on_line` as soon as the line is complete,
// so that records are read as they stream, in constant memory. finish() hands on what follows the
// last '\n', when there is something.
class LineWriter final : public Writer {
public:
    explicit LineWriter(std::function<void(std::string_view)> on_line) : on_line_(std::move(on_line)) {}
    void write(std::string_view bytes) override;
    void finish();

private:
    std::function<void(std::string_view)> on_line_;
    std::string pending_;
};

// An output file that is complete or absent. Regular files (and paths that do not exist yet)
// are written under a temporary name and renamed by commit(); a path that is a FIFO or a device
// (/dev/stdout) is written directly. Destroyed without commit(), the temporary file is removed.
class OutputFile final : public Writer {
public:
    explicit OutputFile(std::string path);
    ~OutputFile() override;
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    void write(std::string_view bytes) override;
    // fsync, close, rename into place, fsync the directory. Throws FileError.
    void commit();
    const std::string& path() const { return path_; }
    // For a library that writes a file by its name (libxlsxwriter): the temporary path to give it;
    // commit() then syncs and renames what it wrote. Throws FileError for a FIFO or device.
    const std::string& external_path();
    // Notes about stale temporary files found next to the output (removed or left alone).
    const std::vector<std::string>& notes() const { return notes_; }

private:
    struct Syncer;
    void fail(const char* what, int err);
    std::string path_, temp_;
    int fd_ = -1;
    int slot_ = -1;  // in the signal handler's list of files to remove
    uint64_t written_ = 0, synced_step_ = 0;
    std::unique_ptr<Syncer> syncer_;  // from the first kSyncStep bytes on (io.cpp)
    bool direct_ = false, committed_ = false, external_ = false;
    std::vector<std::string> notes_;
};

// Writes the whole of `text` to `path` through an OutputFile.
void write_file_atomically(const std::string& path, std::string_view text);

// A folder written under a hidden name beside its final one (.<name>.part-<pid>) and given the
// final name only by commit(), after everything in it is synced; removed unless committed. The
// final folder must not exist, or be empty. `what` names the contents in messages ("letters").
class StagedFolder {
public:
    StagedFolder(const std::string& final_dir, std::string what);  // throws FileError
    ~StagedFolder();
    StagedFolder(const StagedFolder&) = delete;
    StagedFolder& operator=(const StagedFolder&) = delete;
    const std::string& path() const { return path_; }
    void commit();  // throws FileError

private:
    std::string path_, final_, what_;
    bool kept_ = false;
};

}  // namespace inkoop
