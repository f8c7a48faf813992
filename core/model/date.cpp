#include "core/model/date.hpp"

#include <cstdio>
#include <fmt/format.h>

namespace inkoop {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days, proleptic Gregorian.
int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

struct Civil {
    int y;
    unsigned m, d;
};

Civil civil_from_days(int32_t z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12) return std::nullopt;
    if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
    return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10) return std::nullopt;
    if (t[4] == '-' && t[7] == '-') {  // YYYY-MM-DD
        auto y = t.substr(0, 4), m = t.substr(5, 2), d = t.substr(8, 2);
        if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
        return from_ymd(to_int(y), to_int(m), to_int(d));
    }
    if (t[2] == '-' && t[5] == '-') {  // DD-MM-YYYY
        auto d = t.substr(0, 2), m = t.substr(3, 2), y = t.substr(6, 4);
        if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
        return from_ymd(to_int(y), to_int(m), to_int(d));
    }
    return std::nullopt;
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return static_cast<int>(civil_from_days(days_).m); }
int Date::day() const { return static_cast<int>(civil_from_days(days_).d); }

Date Date::add_months(int n) const {
    const Civil c = civil_from_days(days_);
    const int total = c.y * 12 + static_cast<int>(c.m) - 1 + n;
    const int y = total >= 0 ? total / 12 : (total - 11) / 12;
    const int m = total - y * 12 + 1;
    const int d = std::min(static_cast<int>(c.d), days_in_month(y, m));
    return Date(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

Date Date::first_of_month() const {
    const Civil c = civil_from_days(days_);
    return Date(days_from_civil(c.y, c.m, 1));
}

Date Date::end_of_month() const {
    const Civil c = civil_from_days(days_);
    return Date(days_from_civil(c.y, c.m, static_cast<unsigned>(days_in_month(c.y, static_cast<int>(c.m)))));
}

Date Date::end_of_year() const { return Date(days_from_civil(civil_from_days(days_).y, 12, 31)); }

std::string Date::iso() const {
    const Civil c = civil_from_days(days_);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
    return buf;
}

namespace {
constexpr const char* kMonths[] = {NC_("month", "January"),   NC_("month", "February"), NC_("month", "March"),    NC_("month", "April"),
                                   NC_("month", "May"),       NC_("month", "June"),     NC_("month", "July"),     NC_("month", "August"),
                                   NC_("month", "September"), NC_("month", "October"),  NC_("month", "November"), NC_("month", "December")};
}  // namespace

std::string Date::prose(Lang lang) const { return fmt::format("{} {} {}", day(), trc(lang, "month", kMonths[month() - 1]), year()); }

std::string Date::table(Lang lang) const { return lang == Lang::Nl ? fmt::format("{:02}-{:02}-{:04}", day(), month(), year()) : iso(); }

}  // namespace inkoop
