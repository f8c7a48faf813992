#include "core/letters/letter_run.hpp"

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "core/base/hash.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/letters/pdf.hpp"
#include "core/run/sinks.hpp"

namespace inkoop {
namespace {

namespace fs = std::filesystem;

// A new file in the staging folder, every write checked (the folder is synced as a whole before
// it takes its final name).
void write_new_file(const std::string& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw FileError(fmt::format("{}: cannot create: {}", path, system_reason(errno)));
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = errno;
            ::close(fd);
            throw FileError(fmt::format("{}: cannot write: {}", path, system_reason(err)));
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0) throw FileError(fmt::format("{}: cannot write: {}", path, system_reason(errno)));
}

std::string row_part(const std::string& staging, size_t row, LetterFormat f) {
    return fmt::format("{}/.row-{}.{}", staging, row, letter_format_extension(f));
}

std::string reasons(const RowProblems& p, Lang lang) {
    std::string text;
    for (const auto& e : p.errors) text += (text.empty() ? "" : "; ") + e.text(lang);
    return text;
}

}  // namespace

std::string_view letter_format_extension(LetterFormat f) {
    return f == LetterFormat::Pdf ? "pdf" : f == LetterFormat::Markdown ? "md" : "html";
}

LetterSink::LetterSink(std::shared_ptr<const LetterSet> set, LetterOptions options)
    : set_(std::move(set)), renderer_(*set_), o_(std::move(options)), date_(o_.date.prose(set_->lang)) {}

LetterSink::~LetterSink() = default;

std::unique_ptr<RowSink> LetterSink::clone() const { return std::make_unique<LetterSink>(set_, o_); }

std::string LetterSink::render(const LetterInput& in) {
    switch (o_.format) {
    case LetterFormat::Markdown: return renderer_.markdown(in);
    case LetterFormat::Html: return renderer_.html(in);
    case LetterFormat::Pdf:
        if (!pdf_) {
            pdf_ = std::make_unique<PdfPrinter>();  // the verb made sure there is one; a start that fails fails this letter
            if (o_.browser) o_.browser->set(pdf_->browser());
        }
        try {
            // The footer names the letter by its reference (not an AGB code a reader could take for the insurer's).
            return pdf_->print(renderer_.html(in), letter_title(*set_, in));
        } catch (const std::runtime_error&) {
            pdf_.reset();  // this letter fails; the next one gets a fresh browser
            throw;
        }
    }
    return "";
}

namespace {

// Why a letter dated `date` must not be sent, in `lang` ("" when it may): a date it gives the
// provider to act by has passed (the offer's last day to sign; the answer-by date an incomplete
// letter gives a new provider), or the contract year it is about is over.
std::string date_passed(const Policy& policy, const Decision& d, LetterKind kind, const Provider* p, const Date& date, Lang lang) {
    const auto passed = [&](const char* what, const Date& last) {
        return fmt::format(fmt::runtime(tr(lang, "{} ({}) is before the letter's date ({})")), tr(lang, what), last.prose(lang),
                           date.prose(lang));
    };
    if (const auto year_end = Date::from_ymd(policy.info.year, 12, 31); year_end && *year_end < date)
        return passed(N_("the end of the contract year"), *year_end);
    if (kind == LetterKind::Offer && d.contract && d.contract->sign_by && *d.contract->sign_by < date)
        return passed(N_("the last day to sign"), *d.contract->sign_by);
    if (kind == LetterKind::Incomplete && policy.letters.answer_by_date && answer_by_applies(p) && *policy.letters.answer_by_date < date)
        return passed(N_("the last day to answer"), *policy.letters.answer_by_date);
    return "";
}

}  // namespace

uint32_t LetterSink::row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) {
    nlohmann::json line = {{"row", r.row}, {"agb", r.problems->agb}};
    if (r.rejected()) {
        std::string ignored;
        report_row_errors(r, o_.input_name, nullptr, ignored, err, set_->lang);
        line["status"] = "rejected";
        line["reason"] = reasons(*r.problems, Lang::En);   // index.json: machine text, as every record
        line["shown"] = reasons(*r.problems, set_->lang);  // index.html: in the letters' language
    } else if (r.failures[0]) {
        report_policy_failure(err, o_.input_name, r.row, ev.policy_id(0), *r.failures[0]);
        line["agb"] = r.decisions[0].agb;
        line["status"] = "failed";
        line["reason"] = r.failures[0]->message;
    } else {
        const Decision& d = r.decisions[0];
        LetterInput in{&ev.policy(0), &d, r.provider, date_, o_.date};
        line["agb"] = d.agb;
        line["name"] = provider_name(r.provider);
        const LetterKind kind = letter_kind_of(d);
        line["outcome"] = std::string(letter_kind_name(kind));
        if (!o_.agb.empty() && d.agb != o_.agb) {
            line["status"] = "not asked";
        } else if (!o_.include_out_of_scope && kind == LetterKind::OutOfScope) {
            line["status"] = "skipped";
        } else if (std::string why = date_passed(ev.policy(0), d, kind, r.provider, o_.date, set_->lang); !why.empty()) {
            // A letter that asks for what can no longer be done is not made: the index says why.
            line["status"] = "date passed";
            line["reason"] = std::move(why);
        } else {
            std::string letter;
            try {
                letter = render(in);
            } catch (const std::runtime_error& e) {  // this row's letter only (a template value, the printer)
                err += fmt::format(fmt::runtime(tr(set_->lang, "inkoop: {}: row {}: no letter: {}")),
                                   terminal_safe(display_name(o_.input_name)), r.row, terminal_safe(e.what())) +
                       "\n";
                line["status"] = "letter failed";
                line["reason"] = e.what();
            }
            if (!line.contains("status")) {
                write_new_file(row_part(o_.staging, r.row, o_.format), letter);  // a write that fails stops the run
                line["status"] = "letter";
                line["reference"] = letter_reference(ev.policy(0), d, date_);
            }
        }
    }
    out += line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '\n';
    return 0;
}

std::vector<IndexEntry> finish_letters(const std::string& staging, const std::string& sink_lines, LetterFormat format) {
    std::vector<IndexEntry> entries;
    std::map<std::string, size_t> seen;
    size_t from = 0;
    while (from < sink_lines.size()) {
        const size_t nl = sink_lines.find('\n', from);
        const auto j = nlohmann::json::parse(sink_lines.substr(from, nl - from));
        from = nl == std::string::npos ? sink_lines.size() : nl + 1;
        IndexEntry e;
        e.row = j.at("row").get<size_t>();
        e.agb = j.value("agb", "");
        e.name = j.value("name", "");
        e.outcome = j.value("outcome", "");
        e.status = j.value("status", "");
        e.reason = j.value("reason", "");
        e.reference = j.value("reference", "");
        e.shown = j.value("shown", e.reason);
        if (e.status == "letter") {
            const std::string ext(letter_format_extension(format));
            e.file = seen[e.agb]++ ? fmt::format("{}-row{}.{}", e.agb, e.row, ext) : fmt::format("{}.{}", e.agb, ext);
            const std::string final_path = staging + "/" + e.file;
            if (::rename(row_part(staging, e.row, format).c_str(), final_path.c_str()) != 0)
                throw FileError(fmt::format("{}: cannot name the letter: {}", final_path, system_reason(errno)));
            e.sha256 = sha256_file(final_path).first;
        }
        entries.push_back(std::move(e));
    }
    return entries;
}

namespace {

std::string outcome_label(const std::string& machine, Lang lang) {
    for (Category c : kCategoryOrder)
        if (letter_kind_name(static_cast<LetterKind>(c)) == machine) return category_label(c, lang);
    return machine;
}

constexpr const char* kIndexStyle = R"css(
body{font-family:system-ui,"DejaVu Sans",Arial,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f6fa}td{overflow-wrap:anywhere}td.n,td.agb,td.file{white-space:nowrap;overflow-wrap:normal}.meta{color:#555;font-size:.9rem}.rejected td{color:#8a1c1c}
)css";

}  // namespace

LetterTally tally_letters(const std::vector<IndexEntry>& entries) {
    LetterTally t;
    for (const auto& e : entries) {
        t.letters += e.status == "letter";
        t.rejected += e.status == "rejected";
        t.policy_failed += e.status == "failed";
        t.letter_failed += e.status == "letter failed";
        t.out_of_scope += e.status == "skipped";
        t.date_passed += e.status == "date passed";
    }
    return t;
}

std::string letters_index_html(const std::vector<IndexEntry>& entries, const Policy& policy, Lang lang, const std::string& input_name) {
    const LetterTally tally = tally_letters(entries);
    std::string rows;
    for (const auto& e : entries) {
        std::string file = e.file.empty() ? "" : fmt::format(R"(<a href="{}">{}</a>)", html_escape(e.file), html_escape(e.file));
        std::string what = e.status == "letter"          ? outcome_label(e.outcome, lang)
                           : e.status == "rejected"      ? std::string(tr(lang, "rejected input row")) + ": " + e.shown
                           : e.status == "failed"        ? std::string(tr(lang, "the policy failed on this provider")) + ": " + e.reason
                           : e.status == "letter failed" ? std::string(tr(lang, "the letter could not be made")) + ": " + e.reason
                           : e.status == "date passed"   ? std::string(tr(lang, "date passed, no letter")) + ": " + e.reason
                           : e.status == "skipped"
                               ? outcome_label(e.outcome, lang) + " (" +
                                     tr(lang, "no letter: not purchased under this policy (--include-out-of-scope writes one)") + ")"
                               : outcome_label(e.outcome, lang) + " (" + tr(lang, "no letter: not asked for") + ")";
        rows += fmt::format(
            R"(<tr{}><td class="n">{}</td><td class="agb">{}</td><td>{}</td><td>{}</td><td class="file">{}</td><td class="agb">{}</td></tr>)",
            e.status == "rejected" || e.status == "failed" || e.status == "letter failed" || e.status == "date passed"
                ? R"( class="rejected")"
                : "",
            e.row, html_escape(e.agb), html_escape(e.name), html_escape(what), file, html_escape(e.reference));
        rows += '\n';
    }
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<title>{}</title><style>{}</style></head>\n<body><h1>{}</h1>\n"
        "<p class=\"meta\">{} · {}: {} · {}: {} · {}: {} · {}: {}</p>\n"
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n{}</tbody></table></"
        "body></html>\n",
        lang_name(lang), html_escape(fmt::format("{} {}", tr(lang, "Letters"), policy.info.id)), kIndexStyle,
        html_escape(fmt::format("{}: {}", tr(lang, "Letters"), policy.info.title.empty() ? policy.info.id : policy.info.title)),
        html_escape(policy.info.id), tr(lang, "list"), html_escape(display_name(input_name)), tr(lang, "letters"),
        count_text(lang, tally.letters), tr(lang, "rejected rows"), count_text(lang, tally.rejected), tr(lang, "without a letter (failed)"),
        count_text(lang, tally.policy_failed + tally.letter_failed), tr(lang, "row"), tr(lang, "AGB code"), tr(lang, "name"),
        tr(lang, "outcome"), tr(lang, "letter"), tr(lang, "reference"), rows);
}

std::string letters_index_json(const std::vector<IndexEntry>& entries, const Policy& policy, LetterFormat format) {
    nlohmann::ordered_json j;
    j["policy"] = policy.info.id;
    j["policy_version"] = policy.version.str();
    j["format"] = std::string(letter_format_extension(format));
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& e : entries) {
        nlohmann::ordered_json r;
        r["row"] = e.row;
        r["agb"] = e.agb;
        if (!e.name.empty()) r["name"] = e.name;
        if (!e.outcome.empty()) r["outcome"] = e.outcome;
        r["status"] = e.status;
        if (!e.file.empty()) r["file"] = e.file, r["sha256"] = e.sha256;
        if (!e.reference.empty()) r["reference"] = e.reference;
        if (!e.reason.empty()) r["reason"] = e.reason;
        rows.push_back(std::move(r));
    }
    j["rows"] = std::move(rows);
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::vector<VerifyResult> verify_letters(const std::string& dir) {
    std::vector<VerifyResult> out;
    const std::string index = dir + "/index.json";
    const auto j = nlohmann::json::parse(read_file(index), nullptr, false);
    if (!j.is_object() || !j.contains("rows") || !j["rows"].is_array()) return {{"letters", index, "missing", "no index of the letters"}};
    size_t ok = 0;
    for (const auto& r : j["rows"]) {
        if (!r.is_object() || r.value("status", "") != "letter") continue;
        const std::string file = r.value("file", ""), path = dir + "/" + file;
        if (file.empty() || file.find('/') != std::string::npos || !fs::is_regular_file(path)) {
            out.push_back({"letter", path, "missing", ""});
        } else if (sha256_file(path).first != r.value("sha256", "")) {
            out.push_back({"letter", path, "changed", "other content than index.json says"});
        } else {
            ++ok;
        }
    }
    out.push_back(
        {"letters", index, "ok", fmt::format("{} letter{} as index.json lists {}", ok, ok == 1 ? "" : "s", ok == 1 ? "it" : "them")});
    return out;
}

}  // namespace inkoop
