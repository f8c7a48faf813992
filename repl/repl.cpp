// inkoop repl: the interactive what-if session. Meta-commands start with ':'; everything else is
// Lua in the analyst's session. On a terminal: readline with history and completion, colour,
// Ctrl-C to stop an evaluation, Ctrl-D to leave. Piped: a plain transcript of input and output.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <readline/history.h>
#include <readline/readline.h>
#include <unistd.h>

#include "commands.hpp"
#include "core/formats/terminal_text.hpp"
#include "session.hpp"

namespace inkoop::cli {
namespace {

Session* g_session = nullptr;
lua::AnalystState* g_analyst = nullptr;
std::vector<std::string> g_candidates;

void on_interrupt(int) {
    if (g_session) g_session->interrupt();
    if (g_analyst) g_analyst->interrupt();
}

// readline: the next completion of `text` among the candidates for the current line.
char* next_candidate(const char* text, int state) {
    static size_t index;
    if (state == 0) index = 0;
    const size_t len = std::strlen(text);
    while (index < g_candidates.size()) {
        const std::string& c = g_candidates[index++];
        if (c.compare(0, len, text) == 0) return strdup(c.c_str());
    }
    return nullptr;
}

char** complete(const char* text, int start, int) {
    g_candidates = g_session->completions(std::string(rl_line_buffer, static_cast<size_t>(start)) + text);
    rl_attempted_completion_over = std::strncmp(rl_line_buffer, ":load", 5) != 0;  // file names for :load only
    return rl_completion_matches(text, next_candidate);
}

std::string history_path() {
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + "/.inkoop_history";
}

class LineReader {
public:
    explicit LineReader(bool interactive) : interactive_(interactive) {
        if (!interactive_) return;
        rl_readline_name = "inkoop";
        rl_attempted_completion_function = complete;
        rl_completer_word_break_characters = const_cast<char*>(" \t");
        using_history();
        read_history(history_path().c_str());
        stifle_history(2000);
    }
    ~LineReader() {
        if (interactive_) write_history(history_path().c_str());
    }

    // The next line, or nullopt at the end of input (Ctrl-D).
    std::optional<std::string> read(const char* prompt) {
        if (interactive_) {
            std::cout.flush();  // readline writes through stdio
            char* raw = readline(prompt);
            if (!raw) return std::nullopt;
            std::string line(raw);
            std::free(raw);
            if (!line.empty()) add_history(line.c_str());
            return line;
        }
        std::string line;
        if (!std::getline(std::cin, line)) return std::nullopt;
        std::cout << prompt << line << '\n';  // the transcript shows what was typed
        return line;
    }

private:
    bool interactive_;
};

}  // namespace

int cmd_repl(const Globals& g, const std::vector<std::string>& policies, const ListArgs& list) {
    const bool interactive = ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);
    Session session(g, std::cout, interactive && want_color(STDOUT_FILENO));  // NO_COLOR turns colour off
    lua::AnalystState analyst(session);
    g_session = &session;
    g_analyst = &analyst;
    std::signal(SIGINT, on_interrupt);
    if (interactive) std::cout << session.say("inkoop what-if session. :help lists the commands, Ctrl-D leaves.") << '\n';
    session.set_list_options(list);
    if (!list.input.empty()) session.meta(":load " + list.input);
    if (!policies.empty()) {
        std::string line = ":use";
        for (const auto& p : policies) line += " " + p;
        session.meta(line);
    }
    LineReader reader(interactive);
    std::string chunk;
    for (;;) {
        const auto line = reader.read(session.asking() ? "     ?> " : chunk.empty() ? "inkoop> " : "    >> ");
        if (!line) break;
        session.clear_interrupt();
        if (session.asking() && chunk.empty() && (line->empty() || (*line)[0] != ':')) {  // an answer to :ask's question
            session.answer(*line);
            std::cout.flush();
            continue;
        }
        if (chunk.empty() && !line->empty() && (*line)[0] == ':') {
            if (!session.meta(*line)) break;
            std::cout.flush();
            continue;
        }
        if (chunk.empty() && line->find_first_not_of(" \t") == std::string::npos) continue;
        chunk += chunk.empty() ? *line : "\n" + *line;
        std::string out;
        if (analyst.run(chunk, out) == lua::AnalystState::Status::Incomplete) continue;
        std::cout << out << std::flush;
        chunk.clear();
    }
    if (interactive) std::cout << '\n';
    g_session = nullptr;
    g_analyst = nullptr;
    std::signal(SIGINT, SIG_DFL);
    return kOk;
}

}  // namespace inkoop::cli
