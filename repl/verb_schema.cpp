// inkoop schema: the provider schema, every field with its type and meaning.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

#include "commands.hpp"
#include "core/formats/terminal_text.hpp"
#include "options.hpp"
#include "table.hpp"

namespace inkoop::cli {

Verb verb_schema(CLI::App& app) {
    auto format = std::make_shared<std::string>("text");
    auto* cmd = app.add_subcommand("schema", "print the provider schema: every field, its type and meaning");
    add_format_option(*cmd, *format, {"text", "json"}, "text or json");
    return {cmd, [format](const Globals& g) { return cmd_schema(g, *format); }};
}

int cmd_schema(const Globals& g, const std::string& format) {
    const Schema& s = *g.schema;
    if (format == "json") {
        std::cout << s.to_json();
        return kOk;
    }
    const size_t width = terminal_width();
    print_wrapped_table(std::cout, {{"", s.about()}}, width);
    std::cout << '\n';
    print_wrapped_table(
        std::cout,
        {{"",
          "Values: bool true/false, ja/nee, j/n, yes/no, waar/onwaar (Dutch Excel), 1/0; numbers with a decimal point, or "
          "in ';'-separated CSV a decimal comma and Dutch thousands dots (1.234,5); dates YYYY-MM-DD or DD-MM-YYYY; an empty "
          "cell, null or an absent field is unknown (not false)."}},
        width);
    std::string group, origin;
    std::vector<std::vector<std::string>> rows;
    const auto flush = [&] {
        if (!rows.empty()) print_wrapped_table(std::cout, rows, terminal_width());
        rows.clear();
    };
    for (const auto& f : s.fields()) {
        if (f.group != group || f.origin != origin) {
            flush();
            group = f.group;
            origin = f.origin;
            std::cout << "\n" << group << "  (" << origin << ")\n";
        }
        std::string type(type_name(f.type));
        if (f.type == FieldType::Enum) type += ": " + fmt::format("{}", fmt::join(f.values, ", "));
        if (f.min || f.max) type += fmt::format(" {}..{}", f.min ? fmt::format("{}", *f.min) : "", f.max ? fmt::format("{}", *f.max) : "");
        if (!f.pattern.empty()) type += " (" + f.pattern + ")";
        if (f.required) type += ", required";
        rows.push_back({"  " + f.name, type, f.doc});
    }
    flush();
    return kOk;
}

}  // namespace inkoop::cli
