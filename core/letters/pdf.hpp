// HTML to PDF through headless Chromium's own print-to-PDF, over the DevTools protocol on a pipe
// (--remote-debugging-pipe: JSON messages ended by a NUL byte on file descriptors 3 and 4). One
// browser per PdfPrinter prints any number of pages in turn; run one per worker for parallel work.
// Pages print on A4 with the page number and count at the foot; scripts are switched off and the
// pages themselves forbid loading anything (their Content-Security-Policy).
#pragma once

#include <chrono>
#include <string>
#include <sys/types.h>

namespace inkoop {

class PdfPrinter {
public:
    // Starts the browser: $INKOOP_CHROMIUM, else /usr/bin/chromium. Throws std::runtime_error when
    // it cannot be started or does not answer.
    explicit PdfPrinter(std::chrono::seconds timeout = std::chrono::seconds(60));
    ~PdfPrinter();
    PdfPrinter(const PdfPrinter&) = delete;
    PdfPrinter& operator=(const PdfPrinter&) = delete;

    // The PDF of a complete HTML page. `footer` is shown left of the page number on every page.
    // Throws std::runtime_error (the browser failed, or took longer than the timeout).
    std::string print(const std::string& html, const std::string& footer);

    // The browser to start ($INKOOP_CHROMIUM, else /usr/bin/chromium); throws std::runtime_error,
    // naming what to install, when there is none.
    static std::string require_browser();

    // The browser's version line ("HeadlessChrome/120.0...").
    const std::string& browser() const { return browser_; }

private:
    int send(const std::string& method, const std::string& params_json, bool in_session);
    std::string await(int id);  // the result object of command `id`, as JSON text
    std::string read_message();
    void close_browser();

    std::chrono::seconds timeout_;
    pid_t pid_ = -1;
    int to_browser_ = -1, from_browser_ = -1;
    int next_id_ = 1;
    std::string session_, frame_, browser_, profile_dir_, buffer_;
    std::chrono::steady_clock::time_point deadline_;
};

}  // namespace inkoop
