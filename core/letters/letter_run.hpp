// The run behind `inkoop letters`: every row of a list decided under one policy and, per decided
// provider, its letter written into a staging folder (in parallel, one browser per worker for PDF);
// then the index (HTML for people, JSON with every letter's SHA-256 for machines) and the move of
// the whole folder to its final name. A failed run leaves nothing under that name.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/letters/letters.hpp"
#include "core/run/batch.hpp"
#include "core/run/manifest.hpp"

namespace inkoop {

enum class LetterFormat { Html, Pdf, Markdown };
std::string_view letter_format_extension(LetterFormat f);  // html, pdf, md

// What the workers' browsers said they are (for the manifest), set from any worker.
class BrowserVersion {
public:
    void set(const std::string& v) {
        std::lock_guard lock(m_);
        version_ = v;
    }
    std::string get() const {
        std::lock_guard lock(m_);
        return version_;
    }

private:
    mutable std::mutex m_;
    std::string version_;
};

struct LetterOptions {
    std::string staging;  // the folder letters are written into (made beforehand)
    LetterFormat format = LetterFormat::Html;
    bool include_out_of_scope = false;        // a letter to providers the policy does not purchase (asked for)
    std::string agb;                          // --agb: only this provider's letter ("": all)
    std::string input_name;                   // for messages
    Date date;                                // the letters' date
    std::shared_ptr<BrowserVersion> browser;  // PDF: the browser's version is put here (may be null)
};

// Writes each decided row's letter as <staging>/.row-<N>.<ext> and one JSON line per row to `out`
// (what the index is made from): {"row","agb","name","outcome","status","file"|"reason"}. outcome is
// the letter's kind (offer, refuse, review, incomplete, out_of_scope); status is "letter",
// "rejected" (the input row), "failed" (the policy), "letter failed" (this letter could not be made),
// "skipped" (out of scope, without --include-out-of-scope), "not asked" (--agb) or "date passed" (a
// date the letter gives to act by, or its contract year, is over at the letter's date: no letter).
class LetterSink final : public RowSink {
public:
    LetterSink(std::shared_ptr<const LetterSet> set, LetterOptions options);
    ~LetterSink() override;
    uint32_t row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) override;
    void duplicate_record(const std::string&, size_t, size_t, std::string&) override {}
    std::unique_ptr<RowSink> clone() const override;

private:
    std::string render(const LetterInput& in);
    std::shared_ptr<const LetterSet> set_;
    LetterRenderer renderer_;  // this worker's: the templates parsed once
    LetterOptions o_;
    std::string date_;
    std::unique_ptr<class PdfPrinter> pdf_;  // started on the first PDF letter of this worker
};

// One row of the index, as the sink wrote it and the final file name given to it.
struct IndexEntry {
    size_t row = 0;
    std::string agb, name, outcome, status, file, reason, sha256, reference;
    std::string shown;  // the reason as the index page shows it (a rejected row's problems in the letters' language)
};

// Reads the sink's lines (input order), gives each letter its final name in the staging folder
// (<agb>.<ext>; a later row with the same AGB <agb>-row<N>.<ext>) and hashes it.
std::vector<IndexEntry> finish_letters(const std::string& staging, const std::string& sink_lines, LetterFormat format);

// The index's rows counted by what became of them (statuses as LetterSink writes them).
struct LetterTally {
    size_t letters = 0, rejected = 0, policy_failed = 0, letter_failed = 0, out_of_scope = 0,
           date_passed = 0;  // out_of_scope: no letter (not asked for)
};
LetterTally tally_letters(const std::vector<IndexEntry>& entries);

// The index as a page: a table of AGB, name, outcome and file (rejected rows with their reason).
std::string letters_index_html(const std::vector<IndexEntry>& entries, const Policy& policy, Lang lang, const std::string& input_name);
std::string letters_index_json(const std::vector<IndexEntry>& entries, const Policy& policy, LetterFormat format);

// `inkoop verify DIR`: every letter index.json lists, against its SHA-256 there: one row for each
// letter that changed or is missing, and one row that counts the letters that still match.
std::vector<VerifyResult> verify_letters(const std::string& dir);

}  // namespace inkoop
