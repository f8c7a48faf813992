// inkoop letters: a letter to every decided provider of a list (offer, refusal, review,
// incomplete, out of scope) from the insurer's templates, with an index and the run's manifest.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "core/base/hash.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/letters/letter_run.hpp"
#include "core/letters/pdf.hpp"
#include "list_input.hpp"
#include "options.hpp"

namespace inkoop::cli {
namespace {

namespace fs = std::filesystem;

struct LettersArgs {
    BatchArgs batch;
    std::string format = "html", agb, date;
    bool include_out_of_scope = false;
};

LetterFormat letter_format(const std::string& f) {
    if (f == "pdf") return LetterFormat::Pdf;
    if (f == "md" || f == "markdown") return LetterFormat::Markdown;
    return LetterFormat::Html;
}

Date letter_date(const std::string& given) {
    if (!given.empty()) {
        const auto d = Date::parse(given);
        if (!d) throw std::runtime_error(fmt::format("--date '{}': not a date (YYYY-MM-DD)", given));
        return *d;
    }
    const auto today = Date::parse(utc_now().substr(0, 10));
    return today ? *today : Date();
}

int cmd_letters(const Globals& g, const LettersArgs& a) {
    const std::string started = utc_now();
    const host::Host host = make_host(g);
    const auto probe = host.evaluator(a.batch.policies, a.batch.settings);
    const Policy& policy = probe->policy(0);
    const Lang lang = output_lang(g.lang, &policy);
    auto set = std::make_shared<const LetterSet>(LetterSet::load(g.policy_dir, policy, lang));
    ListInput in = open_input(*g.schema, a.batch);
    const LetterFormat format = letter_format(a.format);
    if (format == LetterFormat::Pdf) PdfPrinter::require_browser();  // before any folder is made
    StagedFolder staging(a.batch.output, "letters");
    auto browser = std::make_shared<BrowserVersion>();
    LetterSink sink(set, LetterOptions{staging.path(), format, a.include_out_of_scope, a.agb, a.batch.input, letter_date(a.date), browser});
    StringWriter lines;
    const BatchStats stats =
        ListRun(in, RunOutput::to_stream(&lines))
            .run(host.evaluators(a.batch.policies, a.batch.settings), sink, std::cerr, batch_options(a.batch, in, false));
    const auto entries = finish_letters(staging.path(), lines.text, format);
    if (!a.agb.empty() && std::none_of(entries.begin(), entries.end(), [&](const IndexEntry& e) { return e.agb == a.agb; }))
        throw std::runtime_error(fmt::format("--agb {}: no row of {} has this AGB code", a.agb, display_name(a.batch.input)));
    write_file_atomically(staging.path() + "/index.html", letters_index_html(entries, policy, lang, a.batch.input));
    const std::string index_json = letters_index_json(entries, policy, format);
    write_file_atomically(staging.path() + "/index.json", index_json);
    RunIdentity who = run_identity(g, a.batch, started);
    const std::string browser_version = browser->get();
    who.libraries += ", " + letter_library_versions() + (browser_version.empty() ? "" : ", " + browser_version);
    Manifest manifest = run_manifest(*probe, in, stats, who);
    manifest.output = {absolute_path((fs::path(a.batch.output) / "index.json").string()), index_json.size(), sha256_hex(index_json)};
    for (const auto& f : set->files) manifest.resources.push_back({f.what, {absolute_path(f.path), f.bytes, f.sha256}});
    write_manifest(staging.path() + "/manifest.json", manifest, staging.path() + "/index.json");
    staging.commit();
    const LetterTally tally = tally_letters(entries);
    const size_t letters = tally.letters, unmade = tally.letter_failed + tally.date_passed;
    // In the policy's language: "inkoop: 1.174 brieven (pdf) in ..., index ...; 2.000 invoerregels gelezen, 5 afgekeurd, ...".
    const auto n = [&](size_t x) { return count_text(lang, x); };
    std::cerr << fmt::format(fmt::runtime(tr(lang, letters == 1 ? N_("inkoop: {} letter ({}) in {}, index {}; {}, {} rejected{}{}{}")
                                                                : N_("inkoop: {} letters ({}) in {}, index {}; {}, {} rejected{}{}{}"))),
                             n(letters), letter_format_extension(format), terminal_safe(a.batch.output),
                             terminal_safe((fs::path(a.batch.output) / "index.html").string()),
                             fmt::format(fmt::runtime(tr(lang, stats.rows == 1 ? N_("{} row read") : N_("{} rows read"))), n(stats.rows)),
                             n(stats.rejected),
                             tally.letter_failed ? fmt::format(fmt::runtime(tr(lang, ", {} letters failed")), n(tally.letter_failed)) : "",
                             tally.date_passed
                                 ? fmt::format(fmt::runtime(tr(lang,
                                                               ", {} not made: a date in the letter is before the letters' date (the index "
                                                               "says which; --date)")),
                                               n(tally.date_passed))
                                 : "",
                             tally.out_of_scope
                                 ? fmt::format(fmt::runtime(tr(lang, ", {} out of scope without a letter (--include-out-of-scope)")),
                                               n(tally.out_of_scope))
                                 : "")
              << '\n';
    return run_status(stats.rejected + unmade, stats.failures);
}

}  // namespace

Verb verb_letters(CLI::App& app) {
    auto a = std::make_shared<LettersArgs>();
    auto* cmd = app.add_subcommand("letters", "a letter to every decided provider of a list, from the insurer's templates, with an index");
    add_policy_option(*cmd, a->batch.policies, "policy id or path", 1)->required();
    add_list_options(*cmd, a->batch, "provider list (CSV, JSON Lines, JSON array or .xlsx)", true);
    cmd->add_option("--output", a->batch.output, "a new (or empty) folder for the letters, the index and the manifest")->required();
    cmd->add_option("--format", a->format, "html, pdf or md (default html)")->check(CLI::IsMember({"html", "pdf", "md", "markdown"}));
    cmd->add_option("--agb", a->agb, "only the letter of the provider with this AGB code");
    cmd->add_option("--date", a->date, "the letters' date, YYYY-MM-DD (default: today)");
    cmd->add_flag("--include-out-of-scope", a->include_out_of_scope,
                  "a letter to providers the policy does not purchase too (by default they get none)");
    add_set_option(*cmd, a->batch.settings);
    add_jobs_option(*cmd, a->batch.jobs);
    return {cmd, [a](const Globals& g) { return cmd_letters(g, *a); }};
}

}  // namespace inkoop::cli
