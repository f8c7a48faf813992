#include "core/base/csv_tokenizer.hpp"

#include "core/base/i18n.hpp"

namespace inkoop::csv {
namespace {

// Position of the first byte equal to one of a, b, c at or after `from`, or data.size().
size_t find_any3(std::string_view data, size_t from, char a, char b, char c) {
    const char* p = data.data();
    const size_t n = data.size();
    size_t i = from;
#ifdef __SSE2__
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
    for (; i + 16 <= n; i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
        if (const int mask = _mm_movemask_epi8(m)) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < n; ++i)
        if (p[i] == a || p[i] == b || p[i] == c) return i;
    return n;
}

Split too_long() {
    Split s;
    s.status = Split::TooLong;
    s.length = kMaxRecordBytes;
    s.problem = Problem::TooLong;
    return s;
}

Split record(size_t length, size_t consumed, Problem problem, bool simple) {
    if (length > kMaxRecordBytes) return too_long();
    Split s;
    s.status = Split::Record;
    s.length = length;
    s.consumed = consumed;
    s.problem = problem;
    s.simple = simple;
    return s;
}

// The record starting at data[0] holds a quote: follow the quoting rules field by field.
Split split_quoted(std::string_view data, char delimiter, bool eof) {
    const size_t n = data.size();
    Problem problem = Problem::None;
    const auto note = [&](Problem p) {
        if (problem == Problem::None) problem = p;
    };
    const auto need_more = [&] {
        if (n > kMaxRecordBytes) return too_long();
        return Split{};
    };
    size_t pos = 0;
    for (;;) {
        if (pos < n && data[pos] == '"') {
            const size_t open = pos;
            size_t at = pos + 1;
            for (;;) {
                const void* q = at < n ? std::memchr(data.data() + at, '"', n - at) : nullptr;
                if (!q) {
                    if (!eof && n <= kMaxRecordBytes) return Split{};
                    // Never closed: the row ends at the end of the line where the quote opened.
                    const size_t rel = find_line_end(data.substr(open));
                    if (rel == std::string_view::npos) {
                        if (!eof) return too_long();
                        return record(n, n, Problem::Unterminated, false);
                    }
                    const size_t e = open + rel;
                    int le = line_end_length(data.substr(e), eof);
                    if (le < 0) le = 1;
                    return record(e, e + static_cast<size_t>(le), Problem::Unterminated, false);
                }
                const size_t k = static_cast<size_t>(static_cast<const char*>(q) - data.data());
                if (k + 1 == n && !eof) return need_more();  // "" or a closing quote: the next byte decides
                if (k + 1 < n && data[k + 1] == '"') {
                    at = k + 2;
                    continue;
                }
                pos = k + 1;
                break;
            }
            if (pos < n && data[pos] != delimiter && data[pos] != '\n' && data[pos] != '\r') note(Problem::TextAfterQuote);
        }
        for (;;) {
            const size_t e = detail::find_special(data, pos, delimiter);
            if (e == n) {
                if (!eof) return need_more();
                return record(n, n, problem, false);
            }
            const char c = data[e];
            if (c == delimiter) {
                pos = e + 1;
                break;
            }
            if (c == '"') {  // a literal quote inside an unquoted field
                pos = e + 1;
                continue;
            }
            const int le = line_end_length(data.substr(e), eof);
            if (le < 0) return need_more();
            return record(e, e + static_cast<size_t>(le), problem, false);
        }
    }
}

}  // namespace

namespace detail {

size_t find_special(std::string_view rec, size_t from, char delimiter) {
    const char* p = rec.data();
    const size_t n = rec.size();
    size_t i = from;
#ifdef __SSE2__
    const __m128i vd = _mm_set1_epi8(delimiter), vq = _mm_set1_epi8('"'), vn = _mm_set1_epi8('\n'), vr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, vd), _mm_cmpeq_epi8(x, vq)),
                                       _mm_or_si128(_mm_cmpeq_epi8(x, vn), _mm_cmpeq_epi8(x, vr)));
        if (const int mask = _mm_movemask_epi8(m)) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < n; ++i) {
        const char c = p[i];
        if (c == delimiter || c == '"' || c == '\n' || c == '\r') return i;
    }
    return n;
}

}  // namespace detail

namespace {

// Cuts a record that may hold quoted fields. Unquoted text (and "" escapes) goes to `scratch`,
// reserved for the whole record so that it never reallocates: views into it stay valid.
class Splitter {
public:
    Splitter(std::string_view rec, char delimiter, std::string& scratch, std::string_view* out)
        : rec_(rec), n_(rec.size()), delimiter_(delimiter), scratch_(scratch), out_(out), may_be_long_(rec.size() > kMaxFieldBytes) {
        scratch_.clear();
        scratch_.reserve(n_);
    }

    Problem run(size_t& count) {
        for (size_t pos = 0; pos != std::string_view::npos;) pos = pos < n_ && rec_[pos] == '"' ? quoted(pos) : unquoted(pos);
        count = count_;
        return problem_;
    }

private:
    void note(Problem p) {
        if (problem_ == Problem::None) problem_ = p;
    }
    void emit(std::string_view field) {
        if (may_be_long_ && field.size() > kMaxFieldBytes) {
            note(Problem::FieldTooLong);
            field = field.substr(0, kMaxFieldBytes);
        }
        out_[count_++] = field;
    }

    // A quoted field at `pos`; the position of the next field, or npos at the record's end.
    size_t quoted(size_t pos) {
        size_t at = pos + 1;
        bool escaped = false;
        size_t close = std::string_view::npos;
        for (;;) {
            const void* q = at < n_ ? std::memchr(rec_.data() + at, '"', n_ - at) : nullptr;
            if (!q) break;
            const size_t k = static_cast<size_t>(static_cast<const char*>(q) - rec_.data());
            if (k + 1 < n_ && rec_[k + 1] == '"') {
                escaped = true;
                at = k + 2;
                continue;
            }
            close = k;
            break;
        }
        const size_t text_end = close == std::string_view::npos ? n_ : close;
        std::string_view text = rec_.substr(pos + 1, text_end - pos - 1);
        const bool after = close != std::string_view::npos && close + 1 < n_ && rec_[close + 1] != delimiter_;
        if (escaped || after) text = unescaped(text, after, close);
        if (close == std::string_view::npos) {
            note(Problem::Unterminated);
            emit(text);
            return std::string_view::npos;
        }
        emit(text);
        return close + 1 >= n_ ? std::string_view::npos : close + 2;  // past the separator
    }

    // The quoted text with "" as ", copied to scratch; with text after the closing quote ("ab"c),
    // the rest up to the separator is text too, and `close` moves to its end.
    std::string_view unescaped(std::string_view text, bool after, size_t& close) {
        const size_t from = scratch_.size();
        for (size_t i = 0; i < text.size(); ++i) {
            scratch_.push_back(text[i]);
            if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') ++i;
        }
        if (after) {
            note(Problem::TextAfterQuote);
            size_t end = close + 1;
            while (end < n_ && rec_[end] != delimiter_) ++end;
            scratch_.append(rec_.substr(close + 1, end - close - 1));
            close = end - 1;
        }
        return std::string_view(scratch_).substr(from);
    }

    // An unquoted field: up to the next separator; a quote in it is a literal character.
    size_t unquoted(size_t pos) {
        size_t end = pos;
        for (;;) {
            end = detail::find_special(rec_, end, delimiter_);
            if (end < n_ && rec_[end] != delimiter_) {  // a quote (or a line end in a cut-off row): literal text
                ++end;
                continue;
            }
            break;
        }
        emit(rec_.substr(pos, end - pos));
        return end >= n_ ? std::string_view::npos : end + 1;
    }

    std::string_view rec_;
    size_t n_;
    char delimiter_;
    std::string& scratch_;
    std::string_view* out_;
    size_t count_ = 0;
    bool may_be_long_;
    Problem problem_ = Problem::None;
};

}  // namespace

Problem split_fields(std::string_view rec, char delimiter, bool simple, std::string& scratch, std::vector<std::string_view>& fields,
                     size_t& count) {
    const size_t n = rec.size();
    if (fields.size() < n + 1) fields.resize(n + 1);  // a record of n bytes has at most n + 1 fields
    std::string_view* out = fields.data();
    count = 0;
    if (!simple) return Splitter(rec, delimiter, scratch, out).run(count);
    // No quotes: every separator ends a field.
    for_each_simple_field(
        rec, delimiter, [&](std::string_view f) __attribute__((always_inline)) { out[count++] = f; });
    Problem problem = Problem::None;
    if (n > kMaxFieldBytes)
        for (size_t f = 0; f < count; ++f)
            if (out[f].size() > kMaxFieldBytes) {
                problem = Problem::FieldTooLong;
                out[f] = out[f].substr(0, kMaxFieldBytes);
            }
    return problem;
}

const char* problem_text(Problem p) {
    switch (p) {
    case Problem::None: return "";
    case Problem::TextAfterQuote: return N_("text after the closing quote of a quoted field");
    case Problem::Unterminated:
        return N_("a quoted field is not closed: the row was read up to the end of the line where the quote opened");
    case Problem::TooLong: return N_("the row is longer than 1048576 bytes");
    case Problem::FieldTooLong: return N_("a field is longer than 65536 bytes");
    }
    return "";
}

size_t find_line_end(std::string_view data) {
    const size_t i = find_any3(data, 0, '\n', '\r', '\n');
    return i == data.size() ? std::string_view::npos : i;
}

int line_end_length(std::string_view data, bool eof) {
    if (data.empty()) return 0;
    if (data[0] == '\n') return 1;
    if (data[0] != '\r') return 0;
    if (data.size() == 1) return eof ? 1 : -1;
    return data[1] == '\n' ? 2 : 1;
}

Split split_record(std::string_view data, char delimiter, bool eof) {
    const size_t n = data.size();
    const size_t i = find_any3(data, 0, '"', '\n', '\r');
    if (i == n) {
        if (!eof) return n > kMaxRecordBytes ? too_long() : Split{};
        return record(n, n, Problem::None, true);
    }
    if (data[i] == '"') return split_quoted(data, delimiter, eof);
    const int le = line_end_length(data.substr(i), eof);
    if (le < 0) return i > kMaxRecordBytes ? too_long() : Split{};
    if (i == 0) {
        Split s;
        s.status = Split::Blank;
        s.consumed = static_cast<size_t>(le);
        return s;
    }
    return record(i, i + static_cast<size_t>(le), Problem::None, true);
}

}  // namespace inkoop::csv
