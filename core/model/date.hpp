// Calendar dates without time zones: the only kind a purchasing policy speaks of.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/i18n.hpp"

namespace inkoop {

class Date {
public:
    Date() = default;
    static std::optional<Date> from_ymd(int year, int month, int day);
    static Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }
    // Accepts YYYY-MM-DD and DD-MM-YYYY; nullopt for anything else or an impossible date.
    static std::optional<Date> parse(std::string_view text);

    int year() const;
    int month() const;
    int day() const;
    int32_t days() const { return days_; }

    Date add_days(int n) const { return Date(days_ + n); }
    Date add_months(int n) const;  // clamps to the month's last day (31 Jan + 1 month = 28/29 Feb)
    Date add_years(int n) const { return add_months(12 * n); }
    Date first_of_month() const;
    Date end_of_month() const;
    Date end_of_year() const;
    std::string iso() const;  // YYYY-MM-DD
    // As people in `lang` read a date: in prose "1 juni 2023" / "1 June 2023", in a table
    // "01-06-2023" (Dutch) / "2023-06-01" (English).
    std::string prose(Lang lang) const;
    std::string table(Lang lang) const;

    auto operator<=>(const Date&) const = default;

private:
    explicit Date(int32_t days) : days_(days) {}
    int32_t days_ = 0;
};

// Largest and smallest years a date may have; outside them arithmetic is refused.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2200;

int days_in_month(int year, int month);

}  // namespace inkoop
