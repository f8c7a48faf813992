// What Lua's parser leaves out of a syntax error: which block is still open where it stopped.
// Lua says `unexpected symbol near ')'` for `if x then return 1 )`; luac says `'end' expected (to
// close 'if' at line 12)` only at the end of the file. This scans the source (comments, strings
// and long brackets skipped) up to the error's line and names the innermost open block or bracket.
// Plain text in, plain text out: no Lua state.
#pragma once

#include <string>
#include <string_view>

namespace inkoop::lua {

// " ('end' expected to close 'function' at line 12)" for the innermost block (function, if, do,
// while, for, repeat) or bracket still open at the end of line `line`; "" when none is open.
std::string unclosed_block_hint(std::string_view code, int line);

// The error message of a failed load with the hint added, unless the message already names the
// block (Lua's own "(to close ...)"). `message` is "chunkname:LINE: text".
std::string with_unclosed_block_hint(std::string message, std::string_view code);

}  // namespace inkoop::lua
