// JSON text written by hand on the hot paths (decision records, error records): a quoted string
// that is always valid UTF-8, and an object writer that places braces, commas and keys.
#pragma once

#include <string>
#include <string_view>

namespace inkoop {

// Appends `s` as a quoted JSON string; bytes that are not valid UTF-8 become U+FFFD, so the
// output is always valid UTF-8 JSON.
void append_json_string(std::string& out, std::string_view s);

// Writes one JSON object into `out`: braces, commas and quoted keys; values by the caller.
class JsonObject {
public:
    explicit JsonObject(std::string& out) : out_(out) { out_.push_back('{'); }
    ~JsonObject() { out_.push_back('}'); }
    JsonObject(const JsonObject&) = delete;
    JsonObject& operator=(const JsonObject&) = delete;

    // Writes `"k":` (after a comma unless first) and returns the buffer for the value.
    std::string& key(std::string_view k) {
        if (!first_) out_.push_back(',');
        first_ = false;
        out_.push_back('"');
        out_.append(k.data(), k.size());
        out_.append("\":", 2);
        return out_;
    }
    void string(std::string_view k, std::string_view v) { append_json_string(key(k), v); }
    // A value already in JSON form (numbers, escaped texts, null).
    void raw(std::string_view k, std::string_view json) { key(k) += json; }

private:
    std::string& out_;
    bool first_ = true;
};

}  // namespace inkoop
