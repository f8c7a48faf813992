#include "core/base/hash.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace inkoop {

struct Sha256::Impl {
    EVP_MD_CTX* ctx = nullptr;
    ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {
    impl_->ctx = EVP_MD_CTX_new();
    if (!impl_->ctx || EVP_DigestInit_ex(impl_->ctx, EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256: cannot initialise");
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    if (!bytes.empty() && EVP_DigestUpdate(impl_->ctx, bytes.data(), bytes.size()) != 1) throw std::runtime_error("SHA-256: update failed");
}

std::string Sha256::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(impl_->ctx, digest, &n) != 1) throw std::runtime_error("SHA-256: final failed");
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) {
        out.push_back(kHex[digest[i] >> 4]);
        out.push_back(kHex[digest[i] & 15]);
    }
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 s;
    s.update(bytes);
    return s.hex();
}

std::pair<std::string, uint64_t> sha256_file(const std::string& path) {
    OpenedInput in = open_input(path);
    Sha256 s;
    std::vector<char> buf(1 << 16);
    uint64_t total = 0;
    for (size_t n; (n = in.source->read(buf.data(), buf.size())) > 0; total += n) s.update({buf.data(), n});
    return {s.hex(), total};
}

size_t HashingSource::read(char* buf, size_t n) {
    const size_t got = inner_->read(buf, n);
    sha_.update({buf, got});
    bytes_ += got;
    return got;
}

void HashingWriter::write(std::string_view bytes) {
    inner_.write(bytes);
    sha_.update(bytes);
    bytes_ += bytes.size();
}

std::string base64_encode(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<size_t>(n));
    return out;
}

std::string base64_decode(std::string_view text) {
    std::string out(3 * (text.size() / 4) + 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0 || text.size() % 4) throw std::runtime_error("not base64");
    size_t pad = 0;
    for (size_t i = text.size(); i > 0 && text[i - 1] == '=' && pad < 2; --i) ++pad;
    out.resize(static_cast<size_t>(n) - pad);
    return out;
}

}  // namespace inkoop
