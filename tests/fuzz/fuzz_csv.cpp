// libFuzzer harness: the CSV reader and decoder. The first byte chooses the header: the input's
// own (file-level errors are fine), or a fixed header of schema fields so that rows are decoded.
#include "reader_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    inkoop::SourceOptions options;
    options.format = inkoop::InputFormat::Csv;
    options.encoding = static_cast<inkoop::Encoding>(data[0] % 3);
    const char* headers[] = {"", "agb,name,kind,locations,fte_regiebehandelaren,application_date,x_a\n",
                             "agb;name;kind;regiebehandelaar_share;contracted_last_year;x_b\r\n"};
    const std::string header = headers[(data[0] / 3) % 3];
    inkoop::fuzz::check_list(header + body, options);
    return 0;
}
