// Prints what inkoop's reader makes of a CSV file, one JSON object per record:
// {"row": N, "fields": [...], "problem": "..."} — for comparison with an independent reader
// (tests/csv_reference.py uses Python's csv module).
//
//   inkoop-csvdump FILE [STEP]     (STEP: bytes handed to the reader per read, to vary buffering)
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/base/io.hpp"
#include "core/formats/decision_records.hpp"
#include "core/formats/input.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: inkoop-csvdump FILE [STEP]\n");
        return 2;
    }
    try {
        const std::string text = inkoop::read_file(argv[1]);
        inkoop::StringSource in(text, argv[1], argc > 2 ? std::strtoul(argv[2], nullptr, 10) : SIZE_MAX);
        inkoop::SourceOptions options;
        options.format = inkoop::InputFormat::Csv;
        auto src = inkoop::open_records(in, options);
        std::string out = "{\"row\":1,\"fields\":[";
        for (size_t i = 0; i < src->columns().size(); ++i) {
            if (i) out += ',';
            inkoop::append_json_string(out, src->columns()[i]);
        }
        out += "],\"problem\":\"\"}\n";
        inkoop::RawChunk chunk;
        std::string scratch;
        while (src->read(chunk, 7)) {
            for (const auto& rec : chunk.records) {
                out += "{\"row\":" + std::to_string(rec.row) + ",\"fields\":[";
                bool first = true;
                const auto problem =
                    inkoop::csv::parse_fields(chunk.text(rec), src->delimiter(), rec.simple, scratch, [&](std::string_view f) {
                        if (!first) out += ',';
                        first = false;
                        inkoop::append_json_string(out, f);
                    });
                out += "],\"problem\":";
                inkoop::append_json_string(out,
                                           inkoop::csv::problem_text(rec.problem != inkoop::csv::Problem::None ? rec.problem : problem));
                out += "}\n";
            }
            chunk.clear();
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "inkoop-csvdump: %s\n", e.what());
        return 2;
    }
    return 0;
}
