// A decision as a person reads it: outcome, contract and tariff, each ground, review point and
// condition with its section and text, the missing facts, and on request the rule trace as an
// indented table. `inkoop eval` prints it on a terminal and the REPL's :explain uses it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/decision.hpp"
#include "core/model/schema.hpp"

namespace inkoop {

struct RenderOptions {
    bool color = false;  // ANSI colour for the outcome (never when NO_COLOR is set: the caller decides)
    bool trace = false;  // the rule trace, when the decision has one
    Lang lang = Lang::En;
    // For the missing facts as questions (Dutch text shows each missing fact as its question).
    const Schema* schema = nullptr;
};

// The outcome word, coloured when `color`.
std::string paint_outcome(std::string_view text, Outcome o, bool color);

std::string render_decision(const Decision& d, const RenderOptions& options = {});

// Rows of cells as aligned columns (two spaces apart), each line after `indent`, cells escaped
// for the terminal (terminal_safe): the one table printer of the CLI and the REPL.
std::string format_table(const std::vector<std::vector<std::string>>& rows, const std::string& indent = "");

// Whether colour is wanted on a stream: a terminal, and no NO_COLOR in the environment.
bool want_color(int fd);

}  // namespace inkoop
