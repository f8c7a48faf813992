// What a policy script's failure looks like to the host: its kind (a script error, or which limit
// it ran into), the message "chunk:line: message", and the Lua traceback when there is one.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace inkoop {

enum class ErrorKind { Runtime, Syntax, Instructions, Deadline, Memory, Interrupted };

// "runtime", "syntax", "instructions", "deadline", "memory", "interrupted".
inline std::string_view error_kind_name(ErrorKind k) {
    switch (k) {
    case ErrorKind::Runtime: return "runtime";
    case ErrorKind::Syntax: return "syntax";
    case ErrorKind::Instructions: return "instructions";
    case ErrorKind::Deadline: return "deadline";
    case ErrorKind::Memory: return "memory";
    case ErrorKind::Interrupted: return "interrupted";
    }
    return "?";
}

class ScriptError : public std::runtime_error {
public:
    ScriptError(ErrorKind kind, std::string message, std::string traceback)
        : std::runtime_error(std::move(message)), kind_(kind), traceback_(std::move(traceback)) {}
    ErrorKind kind() const { return kind_; }
    const std::string& traceback() const { return traceback_; }

private:
    ErrorKind kind_;
    std::string traceback_;
};

}  // namespace inkoop
