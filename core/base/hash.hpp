// SHA-256 (OpenSSL's libcrypto) for the audit trail: policy versions are content hashes of the
// policy files, and a run's manifest holds the hashes of its input and output.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/io.hpp"

namespace inkoop {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view bytes);
    // The digest as 64 lower-case hex digits; the object is spent afterwards.
    std::string hex();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

std::string sha256_hex(std::string_view bytes);
// The SHA-256 of a file's contents and its size; throws FileError.
std::pair<std::string, uint64_t> sha256_file(const std::string& path);

// A byte source that hashes and counts what passes through it (the input of a run).
class HashingSource final : public ByteSource {
public:
    explicit HashingSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)) {}
    size_t read(char* buf, size_t n) override;
    const std::string& name() const override { return inner_->name(); }
    uint64_t bytes() const { return bytes_; }
    std::string hex() { return sha_.hex(); }

private:
    std::unique_ptr<ByteSource> inner_;
    Sha256 sha_;
    uint64_t bytes_ = 0;
};

// A writer that hashes and counts what passes through it (the output of a run).
class HashingWriter final : public Writer {
public:
    explicit HashingWriter(Writer& inner) : inner_(inner) {}
    void write(std::string_view bytes) override;
    uint64_t bytes() const { return bytes_; }
    std::string hex() { return sha_.hex(); }

private:
    Writer& inner_;
    Sha256 sha_;
    uint64_t bytes_ = 0;
};

// Base64 (RFC 4648, with padding), through OpenSSL: inlined images, the browser's PDF answers.
std::string base64_encode(std::string_view bytes);
// Throws std::runtime_error for text that is not base64.
std::string base64_decode(std::string_view text);

}  // namespace inkoop
