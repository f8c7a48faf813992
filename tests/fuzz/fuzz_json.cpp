// libFuzzer harness: the JSON Lines and JSON array readers and the JSON decoder.
#include "reader_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    inkoop::SourceOptions options;
    options.format = data[0] & 1 ? inkoop::InputFormat::JsonArray : inkoop::InputFormat::JsonLines;
    options.encoding = static_cast<inkoop::Encoding>((data[0] >> 1) % 3);
    inkoop::fuzz::check_list(body, options);
    return 0;
}
