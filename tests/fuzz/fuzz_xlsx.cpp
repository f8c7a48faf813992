// libFuzzer harness: the Excel workbook reader (libzip + expat) and the CSV decoding of its rows.
// Seeds are small workbooks stored without compression, so mutations reach the XML.
#include "reader_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    inkoop::SourceOptions options;
    options.format = inkoop::InputFormat::Xlsx;
    inkoop::fuzz::check_list(body, options);
    return 0;
}
